use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// At the crate root.
#[derive(Metrics)]
#[metrics(component = "jobs")]
pub struct JobMetrics {
    /// Jobs done.
    pub done_total: IntCounter,
}

fn worker() {
    /// Inside a function body, under the same name.
    #[derive(Metrics)]
    #[metrics(component = "jobs", namespace = "worker")]
    struct WorkerJobMetrics {
        /// Jobs done.
        done_total: IntCounter,
    }
    WorkerJobMetrics::for_test().done_total.inc();
}

fn main() {
    worker();
}
