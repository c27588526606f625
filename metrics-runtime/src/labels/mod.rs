//! Typed labels: label values as Rust types (`LabelValue`, `LabelSet`)
//! and `Labeled<M, L>`, a field whose every child is made up front.
//!
//! May use: `encoding`, `field`.

pub(crate) mod label_value;
pub(crate) mod typed_labels;
