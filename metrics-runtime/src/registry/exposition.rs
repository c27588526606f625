//! A registry's exposition: its components' families written straight
//! from their fields, merged by name with the families of foreign
//! collectors, which are gathered as the `prometheus` crate gathers them.

use std::collections::HashMap;
use std::sync::Arc;

use prometheus::proto::MetricFamily;

use crate::encoding::encode_options::EncodeOptions;
use crate::encoding::family_writer::{FamilyWriter, LabelPairs};
use crate::encoding::foreign_only::ForeignOnly;
use crate::encoding::format::Format;
use crate::encoding::{gathered, protobuf_family};
use crate::native::snapshot::NativeHistogramSample;
use crate::registry::tracked::Presence;
use crate::registry::{Registered, Registry};
use crate::timestamp::Timestamp;

/// One metric family of a registered component.
pub(crate) struct OwnFamily {
    name: &'static str,
    writer: Box<dyn FamilyWriter>,
    /// When its component was registered: every series was zero then.
    created: Timestamp,
    /// Whether the component's collector is still in the registry: one
    /// taken out behind the component's back is not exported, as
    /// `gather()` would not export it.
    presence: Presence,
}

/// Where an exposition goes: text into a `String`, protobuf into bytes.
pub(crate) enum Output<'a> {
    Text(Format, EncodeOptions, &'a mut String),
    Protobuf(&'a mut Vec<u8>),
}

impl Output<'_> {
    fn own(&mut self, family: &OwnFamily) {
        match self {
            Output::Text(format, options, out) => {
                let created_lines = options.created_timestamps && *format == Format::OpenMetrics;
                let created = created_lines.then_some(family.created);
                family.writer.write_family(*format, created, out)
            }
            Output::Protobuf(out) => family.writer.write_protobuf(Some(family.created), out),
        }
    }

    /// A gathered family, of a foreign collector or, with its `created`
    /// time, of a component.
    pub(crate) fn gathered(&mut self, family: &MetricFamily, created: Option<Timestamp>) {
        match self {
            Output::Text(format, options, out) => {
                let created_lines = options.created_timestamps && *format == Format::OpenMetrics;
                let created = created.filter(|_| created_lines);
                gathered::encode_family(family, *format, created, out)
            }
            Output::Protobuf(out) => protobuf_family::encode_gathered(family, created, out),
        }
    }

    pub(crate) fn end(&mut self) {
        if let Output::Text(format, _, out) = self {
            format.write_end(out);
        }
    }
}

impl Registry {
    /// [`Registry::encode`] for a registry that adds nothing of its own
    /// to what it gathers: the output is what encoding `gather()` would
    /// give (byte for byte in the text formats), but for native
    /// histograms, which only our own writers see in full.
    pub(crate) fn encode_directly(&self, mut out: Output<'_>) {
        let own = self.own_families();
        let mut foreign = self.gather_foreign().into_iter().peekable();
        for family in own.iter() {
            while let Some(before) = foreign.next_if(|f| f.name() < family.name) {
                out.gathered(&before, None);
            }
            if family.presence.is_registered() {
                out.own(family);
            }
        }
        for family in foreign {
            out.gathered(&family, None);
        }
        out.end();
    }

    /// The native histogram series of the components' own families
    /// named `name`, with their labels.
    pub(crate) fn native_series(&self, name: &str) -> Vec<(LabelPairs, NativeHistogramSample)> {
        self.own_families()
            .iter()
            .filter(|family| family.name == name && family.presence.is_registered())
            .flat_map(|family| family.writer.native_samples())
            .collect()
    }

    /// Each component metric's created time: its component's registration.
    pub(crate) fn created_by_name(&self) -> HashMap<&'static str, Timestamp> {
        let state = self.state();
        state
            .components
            .values()
            .flat_map(|registered| {
                let created = registered.created;
                registered
                    .info
                    .descriptors()
                    .iter()
                    .map(move |d| (d.name(), created))
            })
            .collect()
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
                .family_writers(&self.instance.fields)
                .into_iter()
                .zip(self.info.descriptors())
                .map(|(writer, descriptor)| {
                    Arc::new(OwnFamily {
                        name: descriptor.name(),
                        writer,
                        created: self.created,
                        presence: self.presence.clone(),
                    })
                })
                .collect()
        })
    }
}
