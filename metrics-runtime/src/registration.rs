//! Registering a component in a [`Registry`], all or nothing; noticing
//! when a registered collector was taken out behind the component's back;
//! and unregistering.

use std::any::TypeId;
use std::sync::Arc;

use once_cell::sync::OnceCell;
use prometheus::proto::MetricFamily;

use crate::assemble;
use crate::component::Metrics;
use crate::error::{Error, Owner};
use crate::own_series::metric_type_of;
use crate::registry::{Registered, Registry, State};
use crate::tracked::Presence;

impl Registry {
    /// Registers `T` here, or returns the instance already registered,
    /// after putting back any of its collectors that were unregistered
    /// through [`prometheus()`](Self::prometheus) since.
    pub(crate) fn register<T: Metrics>(&self) -> Result<Arc<T>, Error> {
        let mut state = self.state();
        if let Some(registered) = state.components.get(&TypeId::of::<T>()) {
            // The idempotent path: a map lookup and one atomic load per
            // metric, no allocation.
            if registered.presence.all_registered() {
                return Ok(downcast(registered));
            }
            return self.restore::<T>(&mut state);
        }
        state.check_free::<T>()?;
        self.check_no_foreign_series::<T>()?;

        let metrics = Arc::new(assemble::build::<T>());
        let presence = self.register_collectors(&*metrics)?;
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

    /// Registers every metric of `metrics`, or none of them.
    ///
    /// Each metric goes in as a collector of its own: the `prometheus`
    /// registry records a name's label names and help before it accepts a
    /// collector, so a multi-metric collector refused half-way would leave
    /// names behind that a later attempt trips over. A single-metric
    /// collector is refused before anything is recorded.
    fn register_collectors<T: Metrics>(&self, metrics: &T) -> Result<Presence, Error> {
        let registry = &self.inner.prometheus;
        let presence = Presence::new(T::descriptors().len(), self.inner.id);
        for (index, collector) in assemble::tracked_collectors(metrics, &presence, |_| true) {
            if let Err(source) = registry.register(collector) {
                for done in assemble::collectors(metrics).into_iter().take(index) {
                    // Registered a moment ago under the same lock: cannot fail.
                    let _ = registry.unregister(done);
                }
                return Err(refusal::<T>(index, source));
            }
        }
        Ok(presence)
    }

    /// Puts back the collectors of `T` that were unregistered behind its
    /// back. When one cannot go back (something else holds its name now),
    /// `T` is taken out entirely, so that it is never half-registered.
    fn restore<T: Metrics>(&self, state: &mut State) -> Result<Arc<T>, Error> {
        let registered = &state.components[&TypeId::of::<T>()];
        let metrics: Arc<T> = downcast(registered);
        let mut refused = None;
        let presence = &registered.presence;
        let missing = assemble::tracked_collectors(&*metrics, presence, |index| {
            !presence.is_registered(index)
        });
        for (index, collector) in missing {
            if let Err(source) = self.inner.prometheus.register(collector) {
                refused = Some(refusal::<T>(index, source));
                break;
            }
        }
        match refused {
            None => Ok(metrics),
            Some(error) => {
                self.remove::<T>(state);
                Err(error)
            }
        }
    }

    /// Takes `T`'s collectors out of the registry and forgets `T`; `false`
    /// when `T` was not registered here.
    pub(crate) fn unregister<T: Metrics>(&self) -> bool {
        self.remove::<T>(&mut self.state())
    }

    fn remove<T: Metrics>(&self, state: &mut State) -> bool {
        let Some(registered) = state.components.remove(&TypeId::of::<T>()) else {
            return false;
        };
        let metrics: Arc<T> = downcast(&registered);
        for (index, collector) in assemble::collectors(&*metrics).into_iter().enumerate() {
            if registered.presence.is_registered(index) {
                // Only fails for a collector already gone.
                let _ = self.inner.prometheus.unregister(collector);
            }
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
        .unwrap_or_else(|_| unreachable!("entries are keyed by their own TypeId"))
}
