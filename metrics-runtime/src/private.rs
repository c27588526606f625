//! Glue for the code the macros generate. Not public API: no semver promise.

pub use ::core::result::Result;
pub use ::std::sync::Arc;

pub use crate::assemble::{Builder, FieldKind, Fields};
pub use crate::component::Metrics;
pub use crate::descriptor::{MetricDescriptor, MetricType, Spelled};
pub use crate::error::Error;
pub use crate::field::{LabelForm, MetricField};
pub use crate::global::GlobalCell;
pub use crate::labeled::TypedLabelsField;
pub use crate::registry::Registry;
pub use crate::testing::TestMetrics;
pub use crate::unique::{assert_unique, Names};

/// Compile-time check: `labels = [name: Type, ...]` was given, so `T` must
/// be a `Labeled<_, L>` with `L` the tuple of those types.
pub const fn require_typed_labels<T: TypedLabelsField<L>, L>() {}

// The derive checks labels, buckets and `_total` against a field's type
// itself when the type is written as one of the `prometheus` types (the
// descriptor then checks the spelling did not lie); for other spellings it
// emits const items: `fail_if(is_counter(<T as MetricField>::__KIND), "...")`.
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

/// Whether a field of kind `kind` takes labels as `form`.
pub const fn labels_are(kind: FieldKind, form: LabelForm) -> bool {
    kind.labels as u8 == form as u8
}

/// Whether a field of kind `kind` is a counter, whose name must end in `_total`.
pub const fn is_counter(kind: FieldKind) -> bool {
    matches!(kind.metric_type, MetricType::Counter)
}

/// Whether a field of kind `kind` is a histogram, which takes `buckets`.
pub const fn is_histogram(kind: FieldKind) -> bool {
    matches!(kind.metric_type, MetricType::Histogram)
}
