/// Every type and the derive by full path.
#[derive(prometheus_component::Metrics)]
#[metrics(component = "queue")]
pub struct QueueMetrics {
    /// Messages enqueued.
    pub enqueued_total: ::prometheus_component::prometheus::IntCounter,
    /// Messages waiting, by queue.
    #[metric(labels = ["queue"])]
    pub waiting: prometheus::GaugeVec,
    /// Time in the queue.
    #[metric(labels = ["queue"], buckets = [1.0, 10.0])]
    pub wait_seconds: ::prometheus::HistogramVec,
}

fn main() {
    let m = QueueMetrics::for_test();
    m.enqueued_total.inc();
    m.waiting.with_label_values(&["mail"]).set(2.5);
    m.wait_seconds.with_label_values(&["mail"]).observe(3.0);
    assert_eq!(m.value("queue_enqueued_total", &[]), Some(1.0));
    assert_eq!(m.value("queue_waiting", &[("queue", "mail")]), Some(2.5));
    assert_eq!(m.histogram("queue_wait_seconds", &[("queue", "mail")]).unwrap().sum, 3.0);
}
