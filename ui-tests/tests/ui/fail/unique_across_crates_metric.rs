use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// Another component name, but the full name `shop_http_requests_total` of
/// `metrics_ui_tests::shop::HttpMetrics`.
#[derive(Metrics)]
#[metrics(component = "front", namespace = "shop", subsystem = "http")]
pub struct FrontMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {
    prometheus_component::assert_unique!(FrontMetrics, metrics_ui_tests::shop::HttpMetrics);
}
