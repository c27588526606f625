//! A component as one `prometheus` collector.
//!
//! A component goes into its `prometheus` registry as a single collector
//! of all its metrics, rather than one collector per metric:
//!
//! - Registration is all or nothing by construction. The `prometheus`
//!   registry accepts a collector whole or not at all (a refusal may leave
//!   the names before the refused one pinned to the component's own help
//!   and labels, exactly as registering them one by one and taking them
//!   back did).
//! - Nobody can take one metric out behind the component's back: the
//!   `prometheus` registry finds a collector by the sum of all its
//!   descriptors' ids, so unregistering one metric's handle is refused.
//!   A component leaves its registry whole or not at all.
//! - It costs one registration, where a collector per metric cost twenty
//!   for a component of twenty metrics: `for_test()` is cheaper than
//!   registering the same metrics by hand.

use std::sync::Arc;

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;

use crate::component::info::ComponentInfo;
use crate::component::instance::{FieldHandle, Instance};

/// Every metric of one component instance, as one collector.
pub(crate) struct ComponentCollector {
    info: &'static ComponentInfo,
    fields: Arc<[FieldHandle]>,
}

impl ComponentCollector {
    /// `instance`, an instance of the component `info` describes.
    pub(crate) fn new(info: &'static ComponentInfo, instance: &Instance) -> Self {
        ComponentCollector {
            info,
            fields: instance.fields.clone(),
        }
    }
}

impl Collector for ComponentCollector {
    fn desc(&self) -> Vec<&Desc> {
        let mut descs = Vec::with_capacity(self.info.descriptors().len());
        self.info
            .for_each_field(&self.fields, &mut |field, descriptor| {
                descs.extend((descriptor.kind().describe)(field));
            });
        descs
    }

    fn collect(&self) -> Vec<MetricFamily> {
        let mut families = Vec::with_capacity(self.info.descriptors().len());
        self.info
            .for_each_field(&self.fields, &mut |field, descriptor| {
                families.extend((descriptor.kind().collect)(field));
            });
        families
    }
}
