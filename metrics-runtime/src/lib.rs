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
//! - every component of the binary is in the [`catalog`], gathered at link
//!   time: [`Registry::register_all`] exports every series from the first
//!   scrape, and [`catalog::check`] finds name clashes across crates.
//!
//! ```
//! use prometheus_component::prometheus::{Histogram, IntCounter, IntCounterVec, IntGauge};
//! use prometheus_component::Metrics;
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
//! | `allow(rule, ...)` | relaxes these promlint rules for every field |
//!
//! On each field, `#[metric(...)]`:
//!
//! | key | meaning |
//! |---|---|
//! | doc comment | the HELP text (lines joined); required unless `help` is given |
//! | `help = "..."` | the HELP text |
//! | `name = "..."` | replaces the field name as the last segment |
//! | `full_name = "..."` | the complete name, verbatim (no namespace or subsystem); not with `name` |
//! | `labels = ["a", "b"]` | variable labels; required on `*Vec` types, refused on others |
//! | `buckets = [..]`, `exponential(start, factor, count)`, `linear(start, width, count)` | histogram buckets, computed at compile time; on a native histogram, classic buckets beside the native ones |
//! | `native(schema = 3, max_buckets = 160, zero_threshold = 1e-9)` | a [`NativeHistogram`]'s parameters, each optional, checked at compile time |
//! | `const_labels = [("k", "v")]` | constant labels: literal names; values a literal or any `&'static str` constant (`env!(..)`, a `const`) |
//! | `allow(rule, ...)` | relaxes these promlint rules for this field |
//!
//! The promlint rules that `allow` takes are `counter_total` (counters end
//! in `_total`, nothing else does), `reserved_suffix` (`_bucket`, `_count`,
//! `_sum`), `type_in_name`, `base_unit`, `abbreviated_unit` and
//! `camel_case`. The data model's rules (name syntax, `__` prefixes, `:`,
//! labels, buckets) are never relaxed.
//!
//! The full name is `namespace_subsystem_name`, empty segments left out.
// No unsafe code of our own; `deny` rather than `forbid` only because the
// catalog's `linkme` slice is declared with linker-section statics, which
// the lint counts (see `catalog`).
#![deny(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

// Folders by concern; each `mod.rs` says what it holds and what it may
// use. Dependencies run one way: timestamp, exemplar -> native -> encoding
// -> field -> labels,
// component -> registry -> testing, push, exporter, catalog (see the
// README's "Workspace" map). The one exception is the one the public trait forces;
// see `component`.
pub mod catalog;
mod component;
mod encoding;
mod error;
mod exemplar;
#[cfg(feature = "http")]
mod exporter;
mod field;
#[cfg(feature = "tower")]
mod http_stack;
mod labels;
mod native;
#[cfg(feature = "push")]
mod push;
mod registry;
mod testing;
mod timestamp;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use prometheus;

pub use crate::component::metrics::Metrics;
pub use crate::encoding::encode_options::EncodeOptions;
pub use crate::encoding::format::{Format, TextFormat, PROTOBUF_CONTENT_TYPE, TEXT_CONTENT_TYPE};
pub use crate::encoding::metric_type::MetricType;
pub use crate::error::{Error, Owner};
pub use crate::exemplar::wrapper::{ExemplarMetric, Exemplars};
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use crate::exporter::scrape::{scrape, scrape_with, ScrapeRequest, ScrapeResponse};
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use crate::exporter::{Exporter, ExporterBuilder, METRICS_PATH};
pub use crate::field::descriptor::MetricDescriptor;
pub use crate::field::metric_field::MetricField;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub use crate::http_stack::http_metrics_layer::{HttpMetrics, HttpMetricsLayer, ResponseFuture};
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub use crate::http_stack::http_server_metrics::{HttpServerComponent, HttpServerMetrics};
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub use crate::http_stack::metrics_service::MetricsService;
pub use crate::labels::label_value::{LabelSet, LabelValue};
pub use crate::labels::typed_labels::{Labeled, LabeledMetric};
pub use crate::native::histogram::NativeHistogram;
pub use crate::native::opts::NativeHistogramOpts;
pub use crate::native::snapshot::NativeHistogramSample;
pub use crate::native::vec::NativeHistogramVec;
#[cfg(feature = "push")]
#[cfg_attr(docsrs, doc(cfg(feature = "push")))]
pub use crate::push::{PushError, Pushgateway};
pub use crate::registry::Registry;
pub use crate::testing::read_back::{ExemplarSample, HistogramSample, TextMismatch};
pub use crate::testing::scope::{Scoped, TestScope};
pub use crate::testing::test_metrics::TestMetrics;
pub use crate::testing::test_registry::TestRegistry;

/// Derives [`Metrics`] for a struct whose fields are `prometheus` metrics.
///
/// See the [crate documentation](crate) for the attributes.
pub use prometheus_component_macros::Metrics;

/// Declares a component in one place, with a terser syntax than
/// `#[derive(Metrics)]`.
///
/// It expands to the struct and goes through the very same parser, checks
/// and code generation as the derive, so it accepts every attribute of the
/// derive and gives the same errors.
///
/// ```
/// use prometheus_component::prometheus::{Histogram, IntCounter, IntCounterVec, IntGauge};
/// use prometheus_component::{metrics_component, Metrics};
///
/// metrics_component! {
///     /// Metrics of the HTTP front end.
///     pub struct HttpMetrics: "http" in "shop" {
///         /// Requests received.
///         requests_total: IntCounter,
///         /// Responses sent, by method and status class.
///         responses_total: IntCounterVec["method", "class"],
///         /// Time to first byte.
///         latency_seconds: Histogram = [0.005, 0.01, 0.1, 1.0],
///         /// Requests in flight, per region.
///         in_flight: IntGauge { "region" = "eu" },
///     }
/// }
///
/// let m = HttpMetrics::for_test();
/// m.requests_total.inc();
/// m.responses_total.with_label_values(&["GET", "2xx"]).inc();
/// m.latency_seconds.observe(0.02);
/// assert_eq!(m.value("shop_http_requests_total", &[]), Some(1.0));
/// assert_eq!(m.value("shop_http_responses_total", &[("method", "GET"), ("class", "2xx")]), Some(1.0));
/// assert_eq!(m.histogram("shop_http_latency_seconds", &[]).unwrap().count, 1);
/// assert_eq!(HttpMetrics::descriptors()[3].const_labels(), [("region", "eu")]);
/// ```
///
/// # Grammar
///
/// ```text
/// metrics_component! {
///     /// Struct docs; any outer attribute, including #[metrics(...)]
///     VIS struct NAME [: "component"] [in "namespace"] {
///         /// HELP text; any outer attribute, including #[metric(...)]
///         [VIS] FIELD: TYPE [["label", ...]] [{ "name" = "value", ... }] [= BUCKETS],
///         ...
///     }
/// }
/// ```
///
/// | shorthand | same as |
/// |---|---|
/// | `struct Name: "http"` | `#[metrics(component = "http")]` |
/// | `in "shop"` | `#[metrics(namespace = "shop")]` |
/// | `/// text` on a field | the HELP text, as with the derive |
/// | `TYPE["a", "b"]` | `#[metric(labels = ["a", "b"])]` |
/// | `TYPE { "k" = "v" }` | `#[metric(const_labels = [("k", "v")])]`; a value may be any `&'static str` constant |
/// | `= [0.1, 1.0]`, `= exponential(s, f, n)`, `= linear(s, w, n)` | `#[metric(buckets = ...)]` |
///
/// Everything else is written as with the derive, as attributes inside the
/// macro: `#[metrics(subsystem = "...", crate = "...")]` on the struct,
/// `#[metric(name = "...", help = "...", labels = [name: Type])]` on a field.
/// A field takes the struct's visibility unless it gives its own
/// (`pub(self)` keeps it private). `#[cfg]` and `#[cfg_attr]` on fields
/// work as with the derive: the struct the macro writes derives `Metrics`,
/// so the compiler applies them before the derive reads the fields.
pub use prometheus_component_macros::metrics_component;

/// Derives [`LabelValue`] for a unit-only enum.
///
/// See [`LabelValue`] and [`Labeled`] for examples.
pub use prometheus_component_macros::LabelValue;

/// The README's examples, compiled as doctests (they use every feature).
#[cfg(all(
    doctest,
    feature = "http",
    feature = "push",
    feature = "rules",
    feature = "tokio",
    feature = "axum"
))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
