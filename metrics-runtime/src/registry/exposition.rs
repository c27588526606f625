//! A registry's exposition: its components' families written straight
//! from their fields, merged by name with the families of foreign
//! collectors, which are gathered as the `prometheus` crate gathers them.

use std::sync::Arc;

use prometheus::proto::MetricFamily;

use crate::encoding::family_writer::FamilyWriter;
use crate::encoding::foreign_only::ForeignOnly;
use crate::encoding::format::Format;
use crate::encoding::gathered;
use crate::registry::tracked::Presence;
use crate::registry::{Registered, Registry};

/// One metric family of a registered component.
pub(crate) struct OwnFamily {
    name: &'static str,
    writer: Box<dyn FamilyWriter>,
    /// Whether the component's collector is still in the registry: one
    /// taken out behind the component's back is not exported, as
    /// `gather()` would not export it.
    presence: Presence,
}

impl Registry {
    /// [`Registry::encode`] for a registry that adds nothing of its own
    /// to what it gathers: the output is the same, byte for byte.
    pub(crate) fn encode_directly(&self, format: Format, out: &mut String) {
        let own = self.own_families();
        let mut foreign = self.gather_foreign().into_iter().peekable();
        for family in own.iter() {
            while let Some(before) = foreign.next_if(|f| f.name() < family.name) {
                gathered::encode_family(&before, format, out);
            }
            if family.presence.is_registered() {
                family.writer.write_family(format, out);
            }
        }
        for family in foreign {
            gathered::encode_family(&family, format, out);
        }
        format.write_end(out);
    }

    /// Every component's families, sorted by name.
    fn own_families(&self) -> Arc<[Arc<OwnFamily>]> {
        let mut state = self.state();
        if let Some(families) = &state.own_families {
            return families.clone();
        }
        let mut families: Vec<Arc<OwnFamily>> = state
            .components
            .values()
            .flat_map(|registered| registered.own_families().iter().cloned())
            .collect();
        families.sort_unstable_by_key(|family| family.name);
        let families: Arc<[Arc<OwnFamily>]> = families.into();
        state.own_families = Some(families.clone());
        families
    }

    /// The families of the collectors that are not a component's, sorted
    /// by name. Under a name a component declares, they are left out and
    /// reported, as [`Registry::gather`] does.
    fn gather_foreign(&self) -> Vec<MetricFamily> {
        if !self.may_hold_foreign_collectors() {
            return Vec::new();
        }
        let mut families = {
            let _foreign_only = ForeignOnly::enter(self.inner.id);
            self.inner.prometheus.gather()
        };
        let mut state = self.state();
        families.retain(|family| {
            let owned = state.metric_owners().get(family.name()).map(|d| d.name());
            match owned {
                None => true,
                Some(name) => {
                    state.report_intrusion(name);
                    false
                }
            }
        });
        families
    }
}

impl Registered {
    /// The component's families, their writers made on the first call.
    fn own_families(&self) -> &[Arc<OwnFamily>] {
        self.own_families.get_or_init(|| {
            self.info
                .family_writers(&*self.instance)
                .into_iter()
                .zip(self.info.descriptors())
                .map(|(writer, descriptor)| {
                    Arc::new(OwnFamily {
                        name: descriptor.name(),
                        writer,
                        presence: self.presence.clone(),
                    })
                })
                .collect()
        })
    }
}
