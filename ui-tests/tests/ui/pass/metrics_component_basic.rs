use prometheus_component::metrics_component;
use prometheus_component::prometheus::{Histogram, IntCounter, IntCounterVec, IntGauge};

metrics_component! {
    /// Metrics of the HTTP front end.
    pub struct HttpMetrics: "http" in "shop" {
        /// Requests received.
        requests_total: IntCounter,
        /// Responses sent.
        responses_total: IntCounterVec["method", "class"],
        /// Time to first byte.
        latency_seconds: Histogram = [0.005, 0.01, 0.1, 1.0],
        /// Requests in flight, per region.
        in_flight: IntGauge { "region" = "eu" },
    }
}

fn main() {
    let m = HttpMetrics::for_test();
    m.requests_total.inc();
    m.responses_total.with_label_values(&["GET", "2xx"]).inc();
    m.latency_seconds.observe(0.05);
    m.in_flight.set(2);
    assert_eq!(m.value("shop_http_requests_total", &[]), Some(1.0));
    assert_eq!(m.value("shop_http_responses_total", &[("method", "GET"), ("class", "2xx")]), Some(1.0));
    assert_eq!(m.histogram("shop_http_latency_seconds", &[]).unwrap().buckets.len(), 4);
    assert!(m.encode_text().contains(r#"shop_http_in_flight{region="eu"} 2"#));
}
