use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

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
