use prometheus_component::prometheus::{Gauge, Histogram, IntCounter};
use prometheus_component::{LabelValue, Labeled, Metrics};

#[derive(Clone, Copy, LabelValue)]
enum Method {
    Get,
    #[label(rename = "POST")]
    Post,
}

#[derive(LabelValue)]
enum Class {
    Success,
    ServerError,
}

#[derive(LabelValue)]
enum Region {
    Eu,
}

#[derive(LabelValue)]
enum Tier {
    Free,
    Paid,
}

/// Every metric type, one to four typed labels.
#[derive(Metrics)]
#[metrics(component = "typed")]
struct TypedMetrics {
    /// One label.
    #[metric(labels = [method: Method])]
    one_total: Labeled<IntCounter, Method>,
    /// Two labels.
    #[metric(labels = [method: Method, class: Class])]
    two: Labeled<Gauge, (Method, Class)>,
    /// Four labels, with buckets.
    #[metric(labels = [method: Method, class: Class, region: Region, tier: Tier], buckets = [1.0, 2.0])]
    four_seconds: Labeled<Histogram, (Method, Class, Region, Tier)>,
}

fn main() {
    let m = TypedMetrics::for_test();
    m.one_total.get(Method::Post).inc();
    m.two.get((Method::Get, Class::ServerError)).set(2.5);
    m.four_seconds
        .get((Method::Get, Class::Success, Region::Eu, Tier::Paid))
        .observe(1.5);
    assert_eq!(m.value("typed_one_total", &[("method", "POST")]), Some(1.0));
    assert_eq!(
        m.value("typed_two", &[("method", "get"), ("class", "server_error")]),
        Some(2.5)
    );
    let h = m
        .histogram(
            "typed_four_seconds",
            &[("method", "get"), ("class", "success"), ("region", "eu"), ("tier", "paid")],
        )
        .unwrap();
    assert_eq!(h.count, 1);
    assert_eq!(m.encode_text().matches("typed_four_seconds_count").count(), 8);
}
