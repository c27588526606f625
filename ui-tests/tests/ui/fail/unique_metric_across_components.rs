use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `shop_requests_total`, with the subsystem left out.
#[derive(Metrics)]
#[metrics(component = "http", namespace = "shop", subsystem = "")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

/// `shop_requests_total` again, from another component.
#[derive(Metrics)]
#[metrics(component = "grpc", namespace = "shop", subsystem = "")]
pub struct GrpcMetrics {
    /// Calls received.
    pub requests_total: IntCounter,
}

fn main() {}
