use prometheus_component::prometheus::{Counter, Histogram, HistogramVec, IntCounter, IntCounterVec};
use prometheus_component::{metrics_component, Exemplars, Format, Metrics};

metrics_component! {
    /// The same, in the terse form.
    pub struct TerseMetrics: "terse" {
        /// Orders placed.
        orders_total: Exemplars<IntCounter>,
        /// Requests by route.
        requests_total: Exemplars<IntCounterVec>["route"],
        /// Payment time.
        payment_seconds: Exemplars<Histogram> = [0.1, 1.0],
    }
}

/// Every field type that keeps exemplars.
#[derive(Metrics)]
#[metrics(component = "traced")]
pub struct TracedMetrics {
    /// Orders placed.
    pub orders_total: Exemplars<IntCounter>,
    /// Money taken.
    pub revenue_euros_total: Exemplars<Counter>,
    /// Payment time.
    #[metric(buckets = [0.1, 1.0])]
    pub payment_seconds: Exemplars<Histogram>,
    /// Requests by route.
    #[metric(labels = ["route"])]
    pub requests_total: Exemplars<IntCounterVec>,
    /// Query time by table.
    #[metric(labels = ["table"])]
    pub query_seconds: Exemplars<HistogramVec>,
}

fn main() {
    let m = TracedMetrics::for_test();
    m.orders_total.inc();
    m.orders_total.inc_with_exemplar(&[("trace_id", "a")]);
    m.revenue_euros_total.inc_by_with_exemplar(2.5, &[("trace_id", "b")]);
    m.payment_seconds.observe_with_exemplar(0.2, &[("trace_id", "c")]);
    m.requests_total
        .with_label_values(&["/"])
        .inc_with_exemplar(&[("trace_id", "d")]);
    m.query_seconds
        .with_label_values(&["orders"])
        .observe_with_exemplar(0.01, &[("trace_id", "e")]);
    let mut out = Vec::new();
    m.registry().encode(Format::OpenMetrics, &mut out);
    assert_eq!(String::from_utf8(out).unwrap().matches(" # {trace_id=").count(), 5);

    let t = TerseMetrics::for_test();
    t.orders_total.inc_with_exemplar(&[("trace_id", "f")]);
    t.requests_total
        .with_label_values(&["/"])
        .inc_with_exemplar(&[("trace_id", "g")]);
    t.payment_seconds.observe_with_exemplar(0.5, &[("trace_id", "h")]);
    assert_eq!(t.exemplar("terse_payment_seconds", &[("le", "1")]).unwrap().value, 0.5);
}
