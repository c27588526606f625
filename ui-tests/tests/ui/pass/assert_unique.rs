use prometheus_component::prometheus::IntCounter;
use prometheus_component::{assert_unique, Metrics};

/// Another crate's component is `shop_http_*`; this one is `shop_api_*`.
#[derive(Metrics)]
#[metrics(component = "api", namespace = "shop")]
pub struct ApiMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

/// And this one has no namespace.
#[derive(Metrics)]
#[metrics(component = "jobs")]
pub struct JobMetrics {
    /// Jobs done.
    pub done_total: IntCounter,
}

assert_unique!(metrics_ui_tests::shop::HttpMetrics, ApiMetrics, JobMetrics,);

fn main() {
    assert_unique!(ApiMetrics, metrics_ui_tests::shop::HttpMetrics);
    let registry = prometheus_component::Registry::new();
    metrics_ui_tests::shop::HttpMetrics::register(&registry).unwrap();
    ApiMetrics::register(&registry).unwrap();
    JobMetrics::register(&registry).unwrap();
    assert_eq!(registry.components(), ["api", "http", "jobs"]);
}
