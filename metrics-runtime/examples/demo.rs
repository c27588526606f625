//! The demo: three components, some traffic, and the exposition.

use metrics_runtime::prometheus::{Histogram, HistogramVec, IntCounter, IntCounterVec, IntGauge};
use metrics_runtime::{Metrics, Registry};

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

/// Metrics of the database pool.
#[derive(Metrics)]
#[metrics(component = "db", namespace = "shop")]
pub struct DbMetrics {
    /// Query time, by table.
    #[metric(labels = ["table"], buckets = exponential(0.0005, 4.0, 6))]
    pub query_seconds: HistogramVec,
    /// Open connections.
    pub connections: IntGauge,
}

fn main() {
    let http = HttpMetrics::global();
    let db = DbMetrics::global();
    for i in 0..100u32 {
        http.requests_total.inc();
        let class = if i % 10 == 0 { "5xx" } else { "2xx" };
        http.responses_total
            .with_label_values(&["GET", class])
            .inc();
        http.latency_seconds.observe(f64::from(i % 7) * 0.02);
        db.query_seconds
            .with_label_values(&["orders"])
            .observe(f64::from(i) * 0.0001);
    }
    http.in_flight.set(3);
    db.connections.set(8);
    print!("{}", Registry::global().encode_text());
}
