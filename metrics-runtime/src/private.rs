//! Glue for the code the macros generate. Not public API: no semver promise.

pub use ::core::option::Option::{self, None, Some};
pub use ::core::result::Result::{self, Err, Ok};
pub use ::prometheus::core::Collector;
pub use ::std::boxed::Box;
pub use ::std::sync::Arc;
pub use ::std::vec::Vec;

pub use crate::descriptor::{MetricDescriptor, MetricType};
pub use crate::field::{
    CounterField, HistogramField, LabeledField, MetricField, NonCounterField, UnlabeledField,
};
pub use crate::global::GlobalCell;

/// The Prometheus type of a field's metric type, for its descriptor.
pub const fn metric_type<T: MetricField>() -> MetricType {
    T::TYPE
}

/// Compile-time check: `labels = [...]` was given, so `T` must be a `*Vec`.
pub const fn require_labeled<T: LabeledField>() {}

/// Compile-time check: no `labels`, so `T` must not be a `*Vec`.
pub const fn require_unlabeled<T: UnlabeledField>() {}

/// Compile-time check: `buckets = ...` was given, so `T` must be a histogram.
pub const fn require_histogram<T: HistogramField>() {}

/// Compile-time check: the name ends in `_total`, so `T` must be a counter.
pub const fn require_counter<T: CounterField>() {}

/// Compile-time check: the name does not end in `_total`, so `T` must not
/// be a counter.
pub const fn require_not_counter<T: NonCounterField>() {}

/// The buckets of a histogram declared without `buckets`: the `prometheus`
/// crate's defaults; `None` for other types.
pub const fn default_buckets<T: MetricField>() -> Option<&'static [f64]> {
    match T::TYPE {
        MetricType::Histogram => Some(prometheus::DEFAULT_BUCKETS),
        _ => None,
    }
}

/// Builds one field from its descriptor.
pub fn build<T: MetricField>(descriptor: &MetricDescriptor) -> T {
    T::__build(descriptor).unwrap_or_else(|error| {
        panic!(
            "metrics-runtime bug: metric `{}` passed the compile-time checks but `prometheus` refused it: {error}",
            descriptor.name()
        )
    })
}

/// One field as a collector of its own, for registration.
pub fn collector<T: MetricField>(metric: &T) -> Box<dyn Collector> {
    Box::new(metric.clone())
}
