//! A name a component declares is the component's alone in its registry's
//! output.
//!
//! Registration refuses a name that a foreign collector already exports.
//! A collector registered later directly on
//! [`Registry::prometheus`](crate::Registry::prometheus) cannot be
//! stopped, and the `prometheus` registry checks a name's help and label
//! names but not its type: it would merge, say, a foreign counter's series
//! into a component's gauge family and export them under one `# TYPE`,
//! with wrong values. So before encoding, each family named like a
//! component's metric keeps the component's own series only, under the
//! component's type, and the foreign series are left out and reported.
//!
//! The component's own series are those carrying its constant labels:
//! the `prometheus` registry only lets a second collector use a name with
//! the same constant label names and other values.

use prometheus::proto::{MetricFamily, MetricType as ProtoType};

use crate::encoding::metric_type::MetricType;
use crate::field::descriptor::MetricDescriptor;

/// Leaves out of `families` the foreign series under the names `owned`
/// says are a component's, and returns those names.
pub(crate) fn keep_own_series<'a>(
    families: &mut Vec<MetricFamily>,
    owned: impl Fn(&str) -> Option<&'a MetricDescriptor>,
) -> Vec<&'a str> {
    let mut intruded = Vec::new();
    families.retain_mut(|family| {
        let Some(descriptor) = owned(family.name()) else {
            return true;
        };
        let before = family.get_metric().len();
        family
            .mut_metric()
            .retain(|metric| carries(metric.get_label(), descriptor.const_labels()));
        let type_differs = family.get_field_type() != proto_type(descriptor.metric_type());
        if family.get_metric().len() < before || type_differs {
            intruded.push(descriptor.name());
            family.set_field_type(proto_type(descriptor.metric_type()));
        }
        // The encoder refuses a family without series.
        !family.get_metric().is_empty()
    });
    intruded
}

fn carries(labels: &[prometheus::proto::LabelPair], wanted: &[(&str, &str)]) -> bool {
    wanted.iter().all(|(name, value)| {
        labels
            .iter()
            .any(|pair| pair.name() == *name && pair.value() == *value)
    })
}

fn proto_type(metric_type: MetricType) -> ProtoType {
    match metric_type {
        MetricType::Counter => ProtoType::COUNTER,
        MetricType::Gauge => ProtoType::GAUGE,
        MetricType::Histogram => ProtoType::HISTOGRAM,
    }
}

/// The type a gathered family has, if it is one a component can declare.
pub(crate) fn metric_type_of(family: &MetricFamily) -> Option<MetricType> {
    match family.get_field_type() {
        ProtoType::COUNTER => Some(MetricType::Counter),
        ProtoType::GAUGE => Some(MetricType::Gauge),
        ProtoType::HISTOGRAM => Some(MetricType::Histogram),
        _ => None,
    }
}
