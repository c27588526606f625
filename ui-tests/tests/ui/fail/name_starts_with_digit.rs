use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// With no namespace and `subsystem = ""`, the metric's name is the full name.
#[derive(Metrics)]
#[metrics(component = "http", subsystem = "")]
pub struct HttpMetrics {
    /// Responses with a 5xx status.
    #[metric(name = "5xx_total")]
    pub server_errors_total: IntCounter,
}

fn main() {}
