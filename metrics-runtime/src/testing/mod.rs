//! Testing with metrics: `TestMetrics` (a component on a private
//! registry), `TestRegistry` (every component's `global()` redirected),
//! the scopes that redirect `global()` on a thread or a tokio runtime, and
//! reading values back (samples, histograms, golden-text diffs).
//!
//! May use: every folder below it: `encoding`, `field`, `labels`,
//! `component`, `registry`.

pub(crate) mod diff;
pub(crate) mod read_back;
#[cfg(feature = "tokio")]
pub(crate) mod runtime_binding;
pub(crate) mod scope;
pub(crate) mod test_metrics;
pub(crate) mod test_registry;
pub(crate) mod text_samples;
