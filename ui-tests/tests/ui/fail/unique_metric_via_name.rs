use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `shop_http_requests_total`.
#[derive(Metrics)]
#[metrics(component = "http", namespace = "shop")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

/// `shop_http_requests_total` again, through `subsystem` and `name`.
#[derive(Metrics)]
#[metrics(component = "front", namespace = "shop", subsystem = "http")]
pub struct FrontMetrics {
    /// Requests accepted.
    #[metric(name = "requests_total")]
    pub accepted_total: IntCounter,
}

fn main() {}
