//! Glue for the code the macros generate. Not public API: no semver promise.

pub use ::core::option::Option::{self, None, Some};
pub use ::core::result::Result::{self, Err, Ok};
pub use ::prometheus::core::Collector;
pub use ::std::boxed::Box;
pub use ::std::sync::Arc;
pub use ::std::vec::Vec;

pub use crate::descriptor::{MetricDescriptor, MetricType};
pub use crate::field::{LabelForm, MetricField};
pub use crate::global::GlobalCell;
pub use crate::labeled::TypedLabelsField;
pub use crate::unique::{assert_unique, Names};

/// Compile-time check: `labels = [name: Type, ...]` was given, so `T` must
/// be a `Labeled<_, L>` with `L` the tuple of those types.
pub const fn require_typed_labels<T: TypedLabelsField<L>, L>() {}

// The derive checks labels, buckets and `_total` against the field's type in
// const items: `if !check(<T as MetricField>::...) { panic!("{}", message) }`.
// A const panic shows the message the macro wrote (naming the field and the
// fix) on the span it chose, and names `T` only through `MetricField`, so an
// unsupported type is one error rather than one per check.

/// Fails compilation with `message` when `condition` holds; called in a
/// const item, so the error (E0080) shows `message` at the call, which the
/// derive spans on the key or name at fault. One function instead of a
/// `panic!` per check keeps the generated code cheap to compile.
#[track_caller]
pub const fn fail_if(condition: bool, message: &str) {
    if condition {
        panic!("{}", message);
    }
}

/// Whether a field whose type takes labels as `form` may be declared as the
/// derive saw it (`expected`).
pub const fn labels_match(form: LabelForm, expected: LabelForm) -> bool {
    form as u8 == expected as u8
}

/// Whether `ty` is a counter, whose name must end in `_total`.
pub const fn is_counter(ty: MetricType) -> bool {
    matches!(ty, MetricType::Counter)
}

/// Whether `ty` is a histogram, which takes `buckets`.
pub const fn is_histogram(ty: MetricType) -> bool {
    matches!(ty, MetricType::Histogram)
}

/// The buckets of a histogram declared without `buckets`: the `prometheus`
/// crate's defaults; `None` for other types.
pub const fn default_buckets(ty: MetricType) -> Option<&'static [f64]> {
    match ty {
        MetricType::Histogram => Some(prometheus::DEFAULT_BUCKETS),
        _ => None,
    }
}

/// One field, built by `<T as MetricField>::__build` from its descriptor.
pub fn build<T>(built: prometheus::Result<T>, descriptor: &MetricDescriptor) -> T {
    built.unwrap_or_else(|error| {
        panic!(
            "metrics-runtime bug: metric `{}` passed the compile-time checks but `prometheus` refused it: {error}",
            descriptor.name()
        )
    })
}
