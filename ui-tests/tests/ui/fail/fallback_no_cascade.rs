use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A broken declaration: its uses below add no error of their own.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    pub requests_total: IntCounter,
}

fn main() {
    let m = HttpMetrics::for_test();
    m.requests_total.inc();
    HttpMetrics::global().requests_total.inc();
    let _ = HttpMetrics::register(&prometheus_component::Registry::new());
    assert_eq!(HttpMetrics::COMPONENT, "");
    assert!(HttpMetrics::descriptors().is_empty());
}
