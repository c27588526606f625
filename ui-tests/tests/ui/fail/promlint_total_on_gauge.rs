use prometheus_component::prometheus::IntGauge;
use prometheus_component::Metrics;

/// Only counters end in `_total`.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests in flight.
    pub in_flight_total: IntGauge,
}

fn main() {}
