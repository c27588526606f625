use prometheus_component::prometheus::GaugeVec;
use prometheus_component::Metrics;

/// `quantile` holds a summary's quantiles.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Latency percentiles computed by hand.
    #[metric(labels = ["quantile"])]
    pub latency_seconds: GaugeVec,
}

fn main() {}
