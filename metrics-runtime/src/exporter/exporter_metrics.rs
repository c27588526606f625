//! The exporter's own metrics, in the registry it serves, in the spirit of
//! promhttp's `promhttp_metric_handler_requests_total`.

// The derive's catalog entry, declared in this crate, expands to the
// linker-section statics of the slice declared here (see `catalog`).
#![allow(unsafe_code)]

use prometheus::IntCounterVec;

/// What the exporter counts about itself; a component like any other, so
/// its name is checked like any other. On by default; see
/// [`ExporterBuilder::self_metrics`](super::ExporterBuilder::self_metrics).
#[derive(crate::Metrics)]
#[metrics(
    crate = "crate",
    component = "exporter",
    namespace = "prometheus_component"
)]
pub(crate) struct ExporterMetrics {
    /// Requests the metrics exporter answered, by HTTP status code.
    #[metric(labels = ["code"])]
    pub(crate) requests_total: IntCounterVec,
}
