//! Registering a component in a [`Registry`], all or nothing; noticing
//! when its collector was taken out behind the component's back; and
//! unregistering.

use std::any::TypeId;
use std::sync::Arc;

use once_cell::sync::OnceCell;
use prometheus::proto::MetricFamily;

use crate::component::assemble::{self, mistyped_entry};
use crate::component::collector::ComponentCollector;
use crate::component::metrics::Metrics;
use crate::error::{Error, Owner};
use crate::registry::own_series::metric_type_of;
use crate::registry::tracked::Presence;
use crate::registry::{Registered, Registry, State};

impl Registry {
    /// Registers `T` here, or returns the instance already registered,
    /// after putting its collector back if it was unregistered through
    /// [`prometheus()`](Self::prometheus) since.
    pub(crate) fn register<T: Metrics>(&self) -> Result<Arc<T>, Error> {
        let mut state = self.state();
        if let Some(registered) = state.components.get(&TypeId::of::<T>()) {
            // The idempotent path: a map lookup and one atomic load, no
            // allocation.
            if registered.presence.is_registered() {
                return Ok(downcast(registered));
            }
            return self.restore::<T>(&mut state);
        }
        state.check_free::<T>()?;
        self.check_no_foreign_series::<T>()?;

        let metrics = Arc::new(assemble::build::<T>());
        let presence = Presence::new(self.inner.id);
        self.register_collector(&metrics, &presence)?;
        state.note_owners(T::descriptors(), true);
        state.components.insert(
            TypeId::of::<T>(),
            Registered {
                component: T::COMPONENT,
                descriptors: T::descriptors(),
                type_name: std::any::type_name::<T>(),
                instance: metrics.clone(),
                presence,
                family_writers: assemble::family_writers::<T>,
                own_families: OnceCell::new(),
            },
        );
        state.own_families = None;
        Ok(metrics)
    }

    /// Registers `metrics` as one collector that `presence` tracks, or
    /// says which of its metrics the `prometheus` registry refused.
    fn register_collector<T: Metrics>(
        &self,
        metrics: &Arc<T>,
        presence: &Presence,
    ) -> Result<(), Error> {
        let collector = presence.track(ComponentCollector::new(metrics));
        match self.inner.prometheus.register(collector) {
            Ok(()) => Ok(()),
            Err(source) => Err(self.find_refusal(&**metrics, source)),
        }
    }

    /// The error for a refusal of `metrics`' collector, naming the metric
    /// at fault: the `prometheus` registry does not say which it is, so
    /// each metric is tried alone, and taken back out.
    fn find_refusal<T: Metrics>(&self, metrics: &T, whole: prometheus::Error) -> Error {
        let registry = &self.inner.prometheus;
        let mut accepted = 0;
        let mut refused = None;
        for (index, collector) in assemble::collectors(metrics).into_iter().enumerate() {
            if let Err(source) = registry.register(collector) {
                refused = Some(refusal::<T>(index, source));
                break;
            }
            accepted += 1;
        }
        for collector in assemble::collectors(metrics).into_iter().take(accepted) {
            // Registered a moment ago under the same lock: cannot fail.
            let _ = registry.unregister(collector);
        }
        // Each metric alone was accepted: the refusal was the whole's.
        refused.unwrap_or_else(|| refusal::<T>(0, whole))
    }

    /// Puts back the collector of `T`, unregistered behind its back. When
    /// it cannot go back (something else holds one of its names now), `T`
    /// is forgotten, so that it is never half-registered.
    fn restore<T: Metrics>(&self, state: &mut State) -> Result<Arc<T>, Error> {
        let registered = &state.components[&TypeId::of::<T>()];
        let metrics: Arc<T> = downcast(registered);
        match self.register_collector(&metrics, &registered.presence) {
            Ok(()) => Ok(metrics),
            Err(error) => {
                self.remove::<T>(state);
                Err(error)
            }
        }
    }

    /// Takes `T`'s collector out of the registry and forgets `T`; `false`
    /// when `T` was not registered here.
    pub(crate) fn unregister<T: Metrics>(&self) -> bool {
        self.remove::<T>(&mut self.state())
    }

    fn remove<T: Metrics>(&self, state: &mut State) -> bool {
        let Some(registered) = state.components.remove(&TypeId::of::<T>()) else {
            return false;
        };
        if registered.presence.is_registered() {
            let metrics: Arc<T> = downcast(&registered);
            // Only fails for a collector already gone.
            let _ = self
                .inner
                .prometheus
                .unregister(Box::new(ComponentCollector::new(&metrics)));
        }
        state.note_owners(T::descriptors(), false);
        for descriptor in T::descriptors() {
            state.reported_intrusions.remove(descriptor.name());
        }
        state.own_families = None;
        true
    }

    /// Refuses `T` when a foreign collector already exports series under
    /// one of its names: of another type, they would be merged into one
    /// family and exported under one type; of the same type, they would be
    /// left out of the output (see `own_series`).
    fn check_no_foreign_series<T: Metrics>(&self) -> Result<(), Error> {
        if !self.may_hold_foreign_collectors() {
            return Ok(());
        }
        let families: Vec<MetricFamily> = self.inner.prometheus.gather();
        for descriptor in T::descriptors() {
            let Some(family) = families.iter().find(|f| f.name() == descriptor.name()) else {
                continue;
            };
            return Err(match metric_type_of(family) {
                Some(exported_as) if exported_as == descriptor.metric_type() => {
                    Error::MetricClash {
                        component: T::COMPONENT,
                        metric: descriptor.name(),
                        owner: Owner::Foreign,
                        source: None,
                    }
                }
                exported_as => Error::TypeClash {
                    component: T::COMPONENT,
                    metric: descriptor.name(),
                    declared_as: descriptor.metric_type(),
                    exported_as: exported_as.map_or("untyped or summary", |t| t.as_str()),
                },
            });
        }
        Ok(())
    }
}

impl State {
    pub(crate) fn check_free<T: Metrics>(&mut self) -> Result<(), Error> {
        if self.components.is_empty() {
            return Ok(());
        }
        if let Some(other) = self
            .components
            .values()
            .find(|r| r.component == T::COMPONENT)
        {
            return Err(Error::ComponentClash {
                component: T::COMPONENT,
                existing_type: other.type_name,
            });
        }
        for descriptor in T::descriptors() {
            if self.metric_owners().contains_key(descriptor.name()) {
                let owner = self.owner_of(descriptor.name()).unwrap_or_default();
                return Err(Error::MetricClash {
                    component: T::COMPONENT,
                    metric: descriptor.name(),
                    owner: Owner::Component(owner),
                    source: None,
                });
            }
        }
        Ok(())
    }
}

/// The error for the `prometheus` registry's refusal of `T`'s metric
/// number `index`.
fn refusal<T: Metrics>(index: usize, source: prometheus::Error) -> Error {
    let metric = T::descriptors()[index].name();
    match source {
        // The name is held now, with these very constant labels.
        prometheus::Error::AlreadyReg => Error::MetricClash {
            component: T::COMPONENT,
            metric,
            owner: Owner::Foreign,
            source: Some(source),
        },
        // Help or label names differ from what the name was first
        // registered with, whether or not that collector is still there.
        prometheus::Error::Msg(ref message)
            if message.contains("different label names or a different help") =>
        {
            Error::PinnedName {
                component: T::COMPONENT,
                metric,
                source,
            }
        }
        source => Error::MetricClash {
            component: T::COMPONENT,
            metric,
            owner: Owner::Foreign,
            source: Some(source),
        },
    }
}

fn downcast<T: Metrics>(registered: &Registered) -> Arc<T> {
    registered
        .instance
        .clone()
        .downcast::<T>()
        .unwrap_or_else(|_| mistyped_entry())
}
