//! Declare Prometheus metrics once, register them safely, test them in isolation.
//!
//! `#[derive(Metrics)]` turns a struct of [`prometheus`] counters, gauges and
//! histograms into a *component*:
//!
//! - [`global()`](Metrics::global) registers it in [`Registry::global()`] on
//!   first use, exactly once, and never panics;
//! - [`register(&registry)`](Metrics::register) is idempotent and
//!   all-or-nothing, and a clash is an [`Error`] naming both owners;
//! - [`for_test()`](Metrics::for_test) gives a fresh instance on a private
//!   registry, so parallel tests never share values;
//! - mistakes in the declaration (a missing help text, labels on a type that
//!   has none, ...) are compile errors pointing at the offending token.
//!
//! ```
//! use metrics_runtime::prometheus::{Histogram, IntCounter, IntCounterVec, IntGauge};
//! use metrics_runtime::Metrics;
//!
//! /// Metrics of the HTTP front end.
//! #[derive(Metrics)]
//! #[metrics(component = "http", namespace = "shop")]
//! pub struct HttpMetrics {
//!     /// Requests received.
//!     pub requests_total: IntCounter,
//!     /// Responses sent, by method and status class.
//!     #[metric(labels = ["method", "class"])]
//!     pub responses_total: IntCounterVec,
//!     /// Time to first byte.
//!     #[metric(buckets = [0.005, 0.01, 0.05, 0.1, 0.5, 1.0])]
//!     pub latency_seconds: Histogram,
//!     /// Requests in flight.
//!     pub in_flight: IntGauge,
//! }
//!
//! HttpMetrics::global().requests_total.inc();
//!
//! let m = HttpMetrics::for_test();
//! m.requests_total.inc();
//! assert_eq!(m.value("shop_http_requests_total", &[]), Some(1.0));
//! ```
//!
//! # Attributes
//!
//! On the struct, `#[metrics(...)]`:
//!
//! | key | meaning |
//! |---|---|
//! | `component = "http"` | the component's name (required); the default subsystem |
//! | `namespace = "shop"` | optional first segment of every metric name |
//! | `subsystem = "..."` | replaces the component as the middle segment; `""` drops it |
//! | `crate = "path"` | path of this crate in generated code, for re-exports |
//!
//! On each field, `#[metric(...)]`:
//!
//! | key | meaning |
//! |---|---|
//! | doc comment | the HELP text (lines joined); required unless `help` is given |
//! | `help = "..."` | the HELP text |
//! | `name = "..."` | replaces the field name as the last segment |
//! | `labels = ["a", "b"]` | variable labels; required on `*Vec` types, refused on others |
//! | `buckets = [..]`, `exponential(start, factor, count)`, `linear(start, width, count)` | histogram buckets, computed at compile time |
//! | `const_labels = [("k", "v")]` | constant labels |
//!
//! The full name is `namespace_subsystem_name`, empty segments left out.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod component;
mod descriptor;
mod diff;
mod error;
mod exposition;
mod field;
mod global;
mod registry;
mod testing;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use prometheus;

pub use crate::component::Metrics;
pub use crate::descriptor::{MetricDescriptor, MetricType};
pub use crate::error::{Error, Owner};
pub use crate::field::MetricField;
pub use crate::registry::{Registry, TEXT_CONTENT_TYPE};
pub use crate::testing::{HistogramSample, TestMetrics, TextMismatch};

/// Derives [`Metrics`] for a struct whose fields are `prometheus` metrics.
///
/// See the [crate documentation](crate) for the attributes.
pub use metrics_macros::Metrics;

/// The README's examples, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
