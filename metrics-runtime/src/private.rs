//! Glue for the code the macros generate. Not public API: no semver promise.
//! Re-exports only: each item lives in the module named after it.

pub use ::core::result::Result;
pub use ::std::sync::Arc;

pub use crate::assemble::{Builder, Fields};
pub use crate::catalog::{Entry, CATALOG};
pub use crate::component::Metrics;
pub use crate::const_checks::{
    fail_if, is_counter, is_histogram, labels_are, require_typed_labels, Spelled,
};
pub use crate::descriptor::MetricDescriptor;
pub use crate::error::Error;
pub use crate::field::{MetricField, PrometheusType};
pub use crate::field_kind::{FieldKind, LabelForm, MetricType};
pub use crate::global::GlobalCell;
pub use crate::registry::Registry;
pub use crate::testing::TestMetrics;
pub use crate::typed_labels::TypedLabelsField;
pub use crate::unique::{assert_unique, Names};
pub use linkme;
