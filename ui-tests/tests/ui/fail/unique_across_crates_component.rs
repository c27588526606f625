use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `http`, as `metrics_ui_tests::shop::HttpMetrics` in another crate: no
/// compile error by itself, since names are unique per crate.
#[derive(Metrics)]
#[metrics(component = "http", namespace = "api")]
pub struct ApiHttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

prometheus_component::assert_unique!(metrics_ui_tests::shop::HttpMetrics, ApiHttpMetrics);

fn main() {}
