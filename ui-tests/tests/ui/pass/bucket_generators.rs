use prometheus_component::prometheus::{Histogram, HistogramVec};
use prometheus_component::Metrics;

/// Buckets computed at compile time, as `prometheus`'s generators compute them.
#[derive(Metrics)]
#[metrics(component = "db")]
pub struct DbMetrics {
    /// Query time.
    #[metric(buckets = exponential(0.001, 10, 4))]
    pub query_seconds: Histogram,
    /// Rows read, by table.
    #[metric(labels = ["table"], buckets = linear(-10, 5, 5))]
    pub rows_delta: HistogramVec,
    /// Default buckets.
    pub commit_seconds: Histogram,
}

fn main() {
    let d = DbMetrics::descriptors();
    assert_eq!(
        d[0].buckets().unwrap(),
        &prometheus::exponential_buckets(0.001, 10.0, 4).unwrap()[..]
    );
    assert_eq!(d[1].buckets().unwrap(), &[-10.0, -5.0, 0.0, 5.0, 10.0][..]);
    assert_eq!(d[2].buckets().unwrap(), prometheus::DEFAULT_BUCKETS);
    let m = DbMetrics::for_test();
    m.query_seconds.observe(0.05);
    assert_eq!(m.histogram("db_query_seconds", &[]).unwrap().buckets[2], (0.1, 1));
}
