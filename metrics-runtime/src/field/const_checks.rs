//! The helpers the derive's compile-time checks call in const items.
//!
//! The derive checks labels, buckets and `_total` against a field's type
//! itself when the type is written as one of the `prometheus` types (and
//! builds the field through `field::spelled`, which checks the spelling did
//! not lie); for other spellings it emits const items:
//! `fail_if(is_counter(<T as MetricField>::__KIND), "...")`. A const panic
//! shows the message the macro wrote (naming the field and the fix) on the
//! span it chose, and names `T` only through `MetricField`, so an
//! unsupported type is one error rather than one per check.

use crate::encoding::metric_type::MetricType;
use crate::field::kind::{FieldKind, LabelForm};

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

/// Whether a field of kind `kind` is a native histogram, which takes `native(..)`.
pub const fn is_native(kind: FieldKind) -> bool {
    kind.native
}
