use metrics_runtime::prometheus::IntGauge as IntCounter;
use metrics_runtime::Metrics;

/// A gauge in disguise, taken for a counter by its name: the `_total` rule
/// is the counter's, and the second error says why.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests in flight.
    pub in_flight: IntCounter,
}

fn main() {}
