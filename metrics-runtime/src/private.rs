//! Glue for the code the macros generate. Not public API: no semver promise.
//! Re-exports only: each item lives in the module named after it.

pub use ::core::result::Result;
pub use ::std::sync::Arc;

pub use crate::__catalog_entry as catalog_entry;
pub use crate::catalog::assert_unique::{assert_unique, Names};
pub use crate::catalog::{Entry, CATALOG};
pub use crate::component::assemble::Builder;
pub use crate::component::info::ComponentInfo;
pub use crate::component::metrics::Metrics;
pub use crate::encoding::metric_type::MetricType;
pub use crate::error::Error;
pub use crate::field::const_checks::{fail_if, is_counter, is_histogram, is_native, labels_are};
pub use crate::field::descriptor::MetricDescriptor;
pub use crate::field::kind::{FieldKind, LabelForm};
pub use crate::field::metric_field::MetricField;
pub use crate::field::spelled::{check_spelled, kinds, names, SpelledAs};
pub use crate::labels::typed_labels::{require_typed_labels, TypedLabelsField};
pub use crate::registry::global::GlobalCell;
pub use crate::registry::Registry;
pub use crate::testing::test_metrics::TestMetrics;
