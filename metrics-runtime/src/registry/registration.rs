//! Registering a component in a [`Registry`], all or nothing; noticing
//! when its collector was taken out behind the component's back; and
//! unregistering.

use std::sync::Arc;
use std::time::SystemTime;

use once_cell::sync::OnceCell;
use prometheus::proto::MetricFamily;

use crate::component::collector::ComponentCollector;
use crate::component::info::{downcast_arc, ComponentInfo};
use crate::component::instance::{FieldHandle, Instance};
use crate::component::metrics::Metrics;
use crate::error::{Error, Owner};
use crate::registry::own_series::metric_type_of;
use crate::registry::tracked::Presence;
use crate::registry::{Registered, Registry, State};
use crate::timestamp::Timestamp;

impl Registry {
    /// Registers `T` here, or returns the instance already registered:
    /// [`register_component`](Self::register_component), as `T`.
    pub(crate) fn register<T: Metrics>(&self) -> Result<Arc<T>, Error> {
        self.register_with(T::__INFO, |instance| instance.metrics.clone())
            .map(downcast_arc::<T>)
    }

    /// Registers the component `info` describes here, or returns the
    /// instance already registered, after putting its collector back if it
    /// was unregistered through [`prometheus()`](Self::prometheus) since.
    pub(crate) fn register_component(
        &self,
        info: &'static ComponentInfo,
    ) -> Result<Instance, Error> {
        self.register_with(info, Instance::clone)
    }

    /// [`register_component`](Self::register_component), answering with
    /// `out` of the instance: `register` needs only the component, and
    /// the idempotent path then clones one `Arc`, not two.
    fn register_with<R>(
        &self,
        info: &'static ComponentInfo,
        out: fn(&Instance) -> R,
    ) -> Result<R, Error> {
        let mut state = self.state();
        if let Some(registered) = state.components.get(&info.type_id()) {
            // The idempotent path: a map lookup and one atomic load, no
            // allocation.
            if registered.presence.is_registered() {
                return Ok(out(&registered.instance));
            }
            return self
                .restore(info, &mut state)
                .map(|instance| out(&instance));
        }
        state.check_free(info)?;
        self.check_no_foreign_series(info)?;

        let instance = info.new_instance();
        let presence = Presence::new(self.inner.id);
        self.register_collector(info, &instance, &presence)?;
        state.note_owners(info.descriptors(), true);
        let answer = out(&instance);
        state.components.insert(
            info.type_id(),
            Registered {
                info,
                instance,
                presence,
                own_families: OnceCell::new(),
                created: Timestamp::at(SystemTime::now()),
            },
        );
        state.own_families = None;
        Ok(answer)
    }

    /// Registers `instance` as one collector that `presence` tracks, or
    /// says which of its metrics the `prometheus` registry refused.
    fn register_collector(
        &self,
        info: &'static ComponentInfo,
        instance: &Instance,
        presence: &Presence,
    ) -> Result<(), Error> {
        let collector = presence.track(ComponentCollector::new(info, instance));
        match self.inner.prometheus.register(collector) {
            Ok(()) => Ok(()),
            Err(source) => Err(self.find_refusal(info, &instance.fields, source)),
        }
    }

    /// The error for a refusal of the collector of an instance, given by
    /// its `fields` handles, naming the metric at fault: the `prometheus`
    /// registry does not say which it is, so each metric is tried alone,
    /// and taken back out.
    fn find_refusal(
        &self,
        info: &ComponentInfo,
        fields: &[FieldHandle],
        whole: prometheus::Error,
    ) -> Error {
        let registry = &self.inner.prometheus;
        let mut accepted = 0;
        let mut refused = None;
        for (index, collector) in info.collectors(fields).into_iter().enumerate() {
            if let Err(source) = registry.register(collector) {
                refused = Some(refusal(info, index, source));
                break;
            }
            accepted += 1;
        }
        for collector in info.collectors(fields).into_iter().take(accepted) {
            // Registered a moment ago under the same lock: cannot fail.
            let _ = registry.unregister(collector);
        }
        // Each metric alone was accepted: the refusal was the whole's.
        refused.unwrap_or_else(|| refusal(info, 0, whole))
    }

    /// Puts back the collector of the component, unregistered behind its
    /// back. When it cannot go back (something else holds one of its names
    /// now), the component is forgotten, so that it is never
    /// half-registered.
    fn restore(&self, info: &'static ComponentInfo, state: &mut State) -> Result<Instance, Error> {
        let registered = &state.components[&info.type_id()];
        let instance = registered.instance.clone();
        match self.register_collector(info, &instance, &registered.presence) {
            Ok(()) => Ok(instance),
            Err(error) => {
                self.remove(info, state);
                Err(error)
            }
        }
    }

    /// Takes the collector of the component `info` describes out of the
    /// registry and forgets the component; `false` when it was not
    /// registered here.
    pub(crate) fn unregister_component(&self, info: &'static ComponentInfo) -> bool {
        self.remove(info, &mut self.state())
    }

    fn remove(&self, info: &'static ComponentInfo, state: &mut State) -> bool {
        let Some(registered) = state.components.remove(&info.type_id()) else {
            return false;
        };
        if registered.presence.is_registered() {
            // Only fails for a collector already gone.
            let _ = self
                .inner
                .prometheus
                .unregister(Box::new(ComponentCollector::new(
                    info,
                    &registered.instance,
                )));
        }
        state.note_owners(info.descriptors(), false);
        for descriptor in info.descriptors() {
            state.reported_intrusions.remove(descriptor.name());
        }
        state.own_families = None;
        true
    }

    /// Refuses the component when a foreign collector already exports
    /// series under one of its names: of another type, they would be
    /// merged into one family and exported under one type; of the same
    /// type, they would be left out of the output (see `own_series`).
    fn check_no_foreign_series(&self, info: &ComponentInfo) -> Result<(), Error> {
        if !self.may_hold_foreign_collectors() {
            return Ok(());
        }
        let families: Vec<MetricFamily> = self.inner.prometheus.gather();
        for descriptor in info.descriptors() {
            let Some(family) = families.iter().find(|f| f.name() == descriptor.name()) else {
                continue;
            };
            return Err(match metric_type_of(family) {
                Some(exported_as) if exported_as == descriptor.metric_type() => {
                    Error::MetricClash {
                        component: info.component(),
                        metric: descriptor.name(),
                        owner: Owner::Foreign,
                        source: None,
                    }
                }
                exported_as => Error::TypeClash {
                    component: info.component(),
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
    pub(crate) fn check_free(&mut self, info: &ComponentInfo) -> Result<(), Error> {
        if self.components.is_empty() {
            return Ok(());
        }
        if let Some(other) = self
            .components
            .values()
            .find(|r| r.info.component() == info.component())
        {
            return Err(Error::ComponentClash {
                component: info.component(),
                existing_type: other.info.type_name(),
            });
        }
        for descriptor in info.descriptors() {
            if self.metric_owners().contains_key(descriptor.name()) {
                let owner = self.owner_of(descriptor.name()).unwrap_or_default();
                return Err(Error::MetricClash {
                    component: info.component(),
                    metric: descriptor.name(),
                    owner: Owner::Component(owner),
                    source: None,
                });
            }
        }
        Ok(())
    }
}

/// The error for the `prometheus` registry's refusal of the component's
/// metric number `index`.
fn refusal(info: &ComponentInfo, index: usize, source: prometheus::Error) -> Error {
    let component = info.component();
    let metric = info.descriptors()[index].name();
    match source {
        // The name is held now, with these very constant labels.
        prometheus::Error::AlreadyReg => Error::MetricClash {
            component,
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
                component,
                metric,
                source,
            }
        }
        source => Error::MetricClash {
            component,
            metric,
            owner: Owner::Foreign,
            source: Some(source),
        },
    }
}
