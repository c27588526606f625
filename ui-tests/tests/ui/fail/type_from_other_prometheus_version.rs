use prometheus013::{Histogram, IntCounter};
use prometheus_component::Metrics;

/// Types from `prometheus` 0.13, not the 0.14 that prometheus-component uses.
#[derive(Metrics)]
#[metrics(component = "jobs")]
pub struct JobMetrics {
    /// Jobs run.
    pub runs_total: IntCounter,
    /// Time per job.
    pub duration_seconds: Histogram,
}

fn main() {}
