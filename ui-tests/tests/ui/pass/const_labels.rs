use prometheus_component::prometheus::{IntCounter, IntCounterVec};
use prometheus_component::Metrics;

/// Constant labels, alone and beside variable ones.
#[derive(Metrics)]
#[metrics(component = "edge")]
pub struct EdgeMetrics {
    /// Requests received.
    #[metric(const_labels = [("region", "eu"), ("zone", "b")])]
    pub requests_total: IntCounter,
    /// Responses sent.
    #[metric(labels = ["class"], const_labels = [("region", "eu")])]
    pub responses_total: IntCounterVec,
}

fn main() {
    let m = EdgeMetrics::for_test();
    m.requests_total.inc();
    m.responses_total.with_label_values(&["2xx"]).inc();
    assert!(m.encode_text().contains(r#"edge_requests_total{region="eu",zone="b"} 1"#));
    assert_eq!(m.value("edge_responses_total", &[("class", "2xx")]), Some(1.0));
    assert_eq!(EdgeMetrics::descriptors()[0].const_labels(), [("region", "eu"), ("zone", "b")]);
}
