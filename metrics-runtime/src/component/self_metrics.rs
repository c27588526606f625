//! The crate's own metrics, in the global registry.

// The derive's catalog entry, declared in this crate, expands to the
// linker-section statics of the slice declared here (see `catalog`).
#![allow(unsafe_code)]

use prometheus::IntCounterVec;

use crate::component::metrics::Metrics;
use crate::error::Error;

/// What the crate itself reports: a component like any other, so that its
/// name is checked like any other and cannot clash unnoticed.
#[derive(crate::Metrics)]
#[metrics(crate = "crate", component = "prometheus_component")]
pub(crate) struct SelfMetrics {
    /// Components whose global instance is not exported, because their
    /// registration in the global registry failed (see the log).
    #[metric(labels = ["component"])]
    pub(crate) registration_failures_total: IntCounterVec,
}

/// Makes a failed registration in the global registry visible without
/// code changes: `global()` still hands out a working instance, which is
/// not exported. One log record, and one count of
/// `prometheus_component_registration_failures_total{component="..."}`.
pub(crate) fn report_global_failure(component: &'static str, error: &Error) {
    log::error!(
        "component `{component}` is not exported: its registration in the global registry failed: {error}"
    );
    // Its own failure is only logged: counting it would need itself.
    if component != SelfMetrics::COMPONENT {
        // The global instance itself, even inside a test scope: the
        // failure is the global registry's.
        SelfMetrics::__global()
            .get()
            .metrics()
            .registration_failures_total
            .with_label_values(&[component])
            .inc();
    }
}
