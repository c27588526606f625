//! Building and sharing a component field by field.
//!
//! The derive gives each field's kind once, in its descriptor: a constant
//! for a type written as a `prometheus` type, `<T as MetricField>::__KIND`
//! for any other. Everything done to a field later goes through the
//! function pointers of that [`FieldKind`](crate::field::kind::FieldKind).
//! The generated `__build` then stays one short line per field
//! (`fields.take()`, or `take_spelled`, whose bound checks a `prometheus`
//! type's name), which is what keeps a component cheap to compile, and a
//! wrong field type is reported once instead of once per use. While it
//! builds, the builder keeps a handle to each field, so that nothing
//! generated has to list the fields again.

use std::sync::Arc;

use crate::component::instance::{FieldHandle, Instance};
use crate::component::metrics::Metrics;
use crate::field::descriptor::MetricDescriptor;
use crate::field::spelled::SpelledAs;

/// Hands out a component's fields in declaration order, for the derive's
/// `__build`: each newly built from its descriptor, or shared with the
/// fields of an existing instance.
#[doc(hidden)]
pub struct Builder<'a> {
    descriptors: &'static [MetricDescriptor],
    shared: Option<&'a [FieldHandle]>,
    position: usize,
    /// A handle to each field built, when the caller keeps them.
    handles: Option<Vec<FieldHandle>>,
}

impl Builder<'_> {
    /// The next field.
    pub fn take<T: 'static>(&mut self) -> T {
        let index = self.position;
        self.position += 1;
        let descriptor = &self.descriptors[index];
        let mut slot: Option<T> = None;
        match self.shared {
            Some(fields) => (descriptor.kind().share)(&*fields[index], &mut slot),
            None => {
                if let Err(error) = (descriptor.kind().build)(descriptor, &mut slot) {
                    panic!(
                        "prometheus-component bug: metric `{}` passed the compile-time checks but `prometheus` refused it: {error}",
                        descriptor.name()
                    );
                }
            }
        }
        let field =
            slot.unwrap_or_else(|| unreachable!("prometheus-component bug: a field left unbuilt"));
        if let Some(handles) = &mut self.handles {
            handles.push((descriptor.kind().handle)(&field));
        }
        field
    }

    /// The next field, whose type the derive read as spelling `S`: the
    /// bound fails to compile when the type is not the one that name says
    /// (see `field::spelled`).
    pub fn take_spelled<S, T: SpelledAs<S> + 'static>(&mut self) -> T {
        self.take()
    }
}

/// A fresh instance of `T`, every metric newly created and unregistered.
pub(crate) fn build<T: Metrics>() -> T {
    T::__build(&mut Builder {
        descriptors: T::descriptors(),
        shared: None,
        position: 0,
        handles: None,
    })
}

/// A fresh instance of `T` with a handle to each of its fields.
pub(crate) fn build_instance<T: Metrics>() -> Instance {
    let mut builder = Builder {
        descriptors: T::descriptors(),
        shared: None,
        position: 0,
        handles: Some(Vec::with_capacity(T::descriptors().len())),
    };
    let metrics = T::__build(&mut builder);
    Instance {
        metrics: Arc::new(metrics),
        fields: builder.handles.unwrap_or_default().into(),
    }
}

/// Another instance of `T` whose fields are handles to the series of
/// `fields`, the handles of an instance of `T`.
pub(crate) fn share<T: Metrics>(fields: &[FieldHandle]) -> T {
    T::__build(&mut Builder {
        descriptors: T::descriptors(),
        shared: Some(fields),
        position: 0,
        handles: None,
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
    use crate::field::metric_field::MetricField;
    use crate::registry::global::GlobalCell;
    use prometheus::core::Collector;

    /// What the derive would generate for two fields.
    struct Pair {
        hits_total: IntCounter,
        latency_seconds: HistogramVec,
    }

    static DESCRIPTORS: [MetricDescriptor; 2] = [
        MetricDescriptor::__new("hits_total", "t_hits_total", "Hits.", IntCounter::__KIND),
        MetricDescriptor::__new(
            "latency_seconds",
            "t_latency_seconds",
            "Latency.",
            HistogramVec::__KIND,
        )
        .__labels(&["route"])
        .__buckets(&[0.5, 1.0]),
    ];

    impl Metrics for Pair {
        const COMPONENT: &'static str = "t";
        const __DESCRIPTORS: &'static [MetricDescriptor] = &DESCRIPTORS;

        fn __build(fields: &mut Builder<'_>) -> Self {
            Pair {
                hits_total: fields.take(),
                latency_seconds: fields.take(),
            }
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
        let instance = build_instance::<Pair>();
        let pair: &Pair = instance.metrics.downcast_ref().expect("a Pair");
        let shared: Pair = share(&instance.fields);
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
        let instance = build_instance::<Pair>();
        let collectors = Pair::__INFO.collectors(&instance.fields);
        let names: Vec<Vec<String>> = collectors.iter().map(|c| names(c.as_ref())).collect();
        assert_eq!(names, [["t_hits_total"], ["t_latency_seconds"]]);
    }
}
