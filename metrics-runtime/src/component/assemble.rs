//! Building, sharing and registering a component field by field.
//!
//! The derive names each field's type once, in its descriptor, as
//! `<T as MetricField>::__KIND`; everything done to a field later goes
//! through the function pointers of that
//! [`FieldKind`](crate::field::kind::FieldKind). The generated
//! `__build` and `__fields` then stay one short, untyped line per field
//! (`fields.take()`, `fields.push(&self.x)`), which is what keeps a
//! component cheap to compile, and an unsupported field type is reported
//! once, at the descriptor, instead of once per use.

use std::any::Any;

use crate::component::metrics::Metrics;
use crate::field::descriptor::MetricDescriptor;

/// Hands out a component's fields in declaration order, for the derive's
/// `__build`: each newly built from its descriptor, or shared with the
/// fields of an existing instance.
#[doc(hidden)]
pub struct Builder<'a> {
    descriptors: &'static [MetricDescriptor],
    shared: Option<&'a [&'a dyn Any]>,
    position: usize,
}

impl Builder<'_> {
    /// The next field.
    pub fn take<T: 'static>(&mut self) -> T {
        let index = self.position;
        self.position += 1;
        let descriptor = &self.descriptors[index];
        let mut slot: Option<T> = None;
        match self.shared {
            Some(fields) => (descriptor.kind().share)(fields[index], &mut slot),
            None => {
                if let Err(error) = (descriptor.kind().build)(descriptor, &mut slot) {
                    panic!(
                        "prometheus-component bug: metric `{}` passed the compile-time checks but `prometheus` refused it: {error}",
                        descriptor.name()
                    );
                }
            }
        }
        slot.unwrap_or_else(|| unreachable!("prometheus-component bug: a field left unbuilt"))
    }
}

/// Collects a component's fields in declaration order, for the derive's
/// `__fields`.
#[doc(hidden)]
pub struct Fields<'a> {
    fields: Vec<&'a dyn Any>,
}

impl<'a> Fields<'a> {
    /// The next field.
    pub fn push<T: 'static>(&mut self, field: &'a T) {
        self.fields.push(field);
    }

    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Fields {
            fields: Vec::with_capacity(capacity),
        }
    }

    pub(crate) fn into_vec(self) -> Vec<&'a dyn Any> {
        self.fields
    }
}

/// A fresh instance of `T`, every metric newly created and unregistered.
pub(crate) fn build<T: Metrics>() -> T {
    T::__build(&mut Builder {
        descriptors: T::descriptors(),
        shared: None,
        position: 0,
    })
}

/// Another instance of `T` whose fields are handles to the series of
/// `metrics`.
pub(crate) fn share<T: Metrics>(metrics: &(dyn Any + Send + Sync)) -> T {
    let fields = T::__INFO.fields(metrics);
    T::__build(&mut Builder {
        descriptors: T::descriptors(),
        shared: Some(&fields),
        position: 0,
    })
}

/// An instance kept under a `TypeId` (a registry's entry, a scope's) that
/// is not of that type: a bug of this crate, never of its user.
#[cold]
pub(crate) fn mistyped_entry() -> ! {
    unreachable!("prometheus-component bug: entries are keyed by their own TypeId")
}

#[cfg(test)]
mod tests {
    use prometheus::{HistogramVec, IntCounter};

    use super::*;
    use crate::field::const_checks::Spelled;
    use crate::field::metric_field::MetricField;
    use crate::registry::global::GlobalCell;
    use prometheus::core::Collector;

    /// What the derive would generate for two fields.
    struct Pair {
        hits_total: IntCounter,
        latency_seconds: HistogramVec,
    }

    static DESCRIPTORS: [MetricDescriptor; 2] = [
        MetricDescriptor::__new(
            "hits_total",
            "t_hits_total",
            "Hits.",
            IntCounter::__KIND,
            Spelled::Counter,
        ),
        MetricDescriptor::__new(
            "latency_seconds",
            "t_latency_seconds",
            "Latency.",
            HistogramVec::__KIND,
            Spelled::HistogramVec,
        )
        .__labels(&["route"])
        .__buckets(&[0.5, 1.0]),
    ];

    impl Metrics for Pair {
        const COMPONENT: &'static str = "t";
        const __METRIC_NAMES: &'static [&'static str] = &["t_hits_total", "t_latency_seconds"];

        fn descriptors() -> &'static [MetricDescriptor] {
            &DESCRIPTORS
        }

        fn __build(fields: &mut Builder<'_>) -> Self {
            Pair {
                hits_total: fields.take(),
                latency_seconds: fields.take(),
            }
        }

        fn __fields<'a>(&'a self, fields: &mut Fields<'a>) {
            fields.push(&self.hits_total);
            fields.push(&self.latency_seconds);
        }

        fn __global() -> &'static GlobalCell<Self> {
            static GLOBAL: GlobalCell<Pair> = GlobalCell::new();
            &GLOBAL
        }
    }

    fn names(collector: &dyn Collector) -> Vec<String> {
        collector.desc().iter().map(|d| d.fq_name.clone()).collect()
    }

    #[test]
    fn builds_each_field_from_its_descriptor() {
        let pair = build::<Pair>();
        assert_eq!(pair.hits_total.get(), 0);
        assert_eq!(names(&pair.hits_total), ["t_hits_total"]);
        let observed = pair.latency_seconds.with_label_values(&["/"]);
        observed.observe(0.7);
        let bounds: Vec<f64> = pair.latency_seconds.collect()[0].get_metric()[0]
            .get_histogram()
            .get_bucket()
            .iter()
            .map(|b| b.upper_bound())
            .collect();
        assert_eq!(bounds, [0.5, 1.0]);
    }

    #[test]
    fn a_shared_instance_updates_the_same_series() {
        let pair = build::<Pair>();
        let shared: Pair = share(&pair);
        shared.hits_total.inc_by(3);
        assert_eq!(pair.hits_total.get(), 3);
        shared
            .latency_seconds
            .with_label_values(&["/"])
            .observe(0.1);
        assert_eq!(
            pair.latency_seconds
                .with_label_values(&["/"])
                .get_sample_count(),
            1
        );
    }

    #[test]
    fn collectors_come_one_per_field_in_field_order() {
        let pair = build::<Pair>();
        let collectors = Pair::__INFO.collectors(&pair);
        let names: Vec<Vec<String>> = collectors.iter().map(|c| names(c.as_ref())).collect();
        assert_eq!(names, [["t_hits_total"], ["t_latency_seconds"]]);
    }

    #[test]
    fn a_true_spelling_passes_its_check() {
        Spelled::Counter.check(IntCounter::__KIND);
        Spelled::HistogramVec.check(HistogramVec::__KIND);
        Spelled::Unknown.check(IntCounter::__KIND);
    }

    #[test]
    #[should_panic(expected = "named like a `prometheus` metric type but is another type")]
    fn a_misleading_spelling_fails_its_check() {
        Spelled::Gauge.check(IntCounter::__KIND);
    }
}
