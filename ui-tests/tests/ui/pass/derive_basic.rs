use prometheus_component::prometheus::{Histogram, IntCounter, IntCounterVec, IntGauge};
use prometheus_component::Metrics;

/// Metrics of the HTTP front end.
#[derive(Metrics)]
#[metrics(component = "http", namespace = "shop")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
    /// Responses sent, by method and status class.
    #[metric(labels = ["method", "class"])]
    pub responses_total: IntCounterVec,
    /// Time to first byte.
    #[metric(buckets = [0.005, 0.01, 0.05, 0.1, 0.5, 1.0])]
    pub latency_seconds: Histogram,
    /// Requests in flight.
    pub in_flight: IntGauge,
}

fn main() {
    let m = HttpMetrics::for_test();
    m.requests_total.inc();
    m.responses_total.with_label_values(&["GET", "2xx"]).inc_by(2);
    m.latency_seconds.observe(0.02);
    m.in_flight.set(3);
    assert_eq!(m.value("shop_http_requests_total", &[]), Some(1.0));
    assert_eq!(
        m.value("shop_http_responses_total", &[("method", "GET"), ("class", "2xx")]),
        Some(2.0)
    );
    assert_eq!(m.histogram("shop_http_latency_seconds", &[]).unwrap().count, 1);
    assert_eq!(m.value("shop_http_in_flight", &[]), Some(3.0));
    assert_eq!(HttpMetrics::COMPONENT, "http");
}
