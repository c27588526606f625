//! A component: the `Metrics` trait, building a component's fields from
//! its descriptors (assembly), the one collector a component is in a
//! `prometheus` registry, and the crate's own metrics about components.
//!
//! May use: `encoding`, `field`, `labels`, `error`. The one exception to
//! the folders' one-way order is the public trait itself (`metrics.rs`):
//! its signatures name `Registry` and `TestMetrics`
//! (`register(&Registry)`, `for_test() -> TestMetrics<Self>`) and its
//! `global()` follows test scopes, so it calls into `registry` and
//! `testing`. Nothing else in this folder does.

pub(crate) mod assemble;
pub(crate) mod collector;
pub(crate) mod info;
pub(crate) mod instance;
pub(crate) mod metrics;
pub(crate) mod self_metrics;
