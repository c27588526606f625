//! Typed labels: `Labeled<M, L>` with `#[derive(LabelValue)]` enums.

use metrics_tests::support;

use std::sync::Arc;

use prometheus_component::prometheus::{Gauge, Histogram, IntCounter, IntGauge, IntGaugeVec, Opts};
use prometheus_component::{LabelSet, LabelValue, Labeled, Metrics, Registry};

#[derive(Debug, Clone, Copy, PartialEq, LabelValue)]
enum Method {
    Get,
    Post,
    #[label(rename = "OTHER")]
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, LabelValue)]
enum Class {
    #[label(rename = "2xx")]
    Success,
    #[label(rename = "4xx")]
    ClientError,
    #[label(rename = "5xx")]
    ServerError,
}

#[derive(Debug, Clone, Copy, PartialEq, LabelValue)]
enum Pool {
    Primary,
    ReadReplica,
}

/// The API gateway.
#[derive(Metrics)]
#[metrics(component = "gateway", namespace = "typed")]
struct GatewayMetrics {
    /// Responses sent, by method and status class.
    #[metric(labels = [method: Method, class: Class])]
    responses_total: Labeled<IntCounter, (Method, Class)>,
    /// Connections open, by pool.
    #[metric(labels = [pool: Pool])]
    connections: Labeled<IntGauge, Pool>,
    /// Load, by pool.
    #[metric(labels = [pool: Pool], const_labels = [("zone", "a")])]
    load_ratio: Labeled<Gauge, Pool>,
    /// Time to respond, by method.
    #[metric(labels = [method: Method], buckets = [0.1, 1.0])]
    latency_seconds: Labeled<Histogram, Method>,
}

const METHODS: [Method; 3] = [Method::Get, Method::Post, Method::Other];
const CLASSES: [Class; 3] = [Class::Success, Class::ClientError, Class::ServerError];

#[test]
fn every_series_is_exported_at_zero_from_the_first_scrape() {
    let m = GatewayMetrics::for_test();
    for method in METHODS {
        for class in CLASSES {
            let labels = [("method", method.as_str()), ("class", class.as_str())];
            assert_eq!(
                m.value("typed_gateway_responses_total", &labels),
                Some(0.0),
                "{labels:?}"
            );
        }
        let h = m
            .histogram(
                "typed_gateway_latency_seconds",
                &[("method", method.as_str())],
            )
            .expect("histogram series exists");
        assert_eq!(h.count, 0);
    }
    let text = m.encode_text();
    assert_eq!(text.matches("typed_gateway_responses_total{").count(), 9);
    assert!(text.contains("typed_gateway_load_ratio{pool=\"read_replica\",zone=\"a\"} 0\n"));
}

#[test]
fn get_updates_the_child_of_exactly_those_values() {
    let m = GatewayMetrics::for_test();
    m.responses_total
        .get((Method::Post, Class::ServerError))
        .inc_by(3);
    m.responses_total.get((Method::Other, Class::Success)).inc();
    m.connections.get(Pool::ReadReplica).set(4);
    m.load_ratio.get(Pool::Primary).set(0.25);
    m.latency_seconds.get(Method::Get).observe(0.5);

    let value = |method: Method, class: Class| {
        m.value(
            "typed_gateway_responses_total",
            &[("class", class.as_str()), ("method", method.as_str())],
        )
    };
    assert_eq!(value(Method::Post, Class::ServerError), Some(3.0));
    assert_eq!(value(Method::Other, Class::Success), Some(1.0));
    assert_eq!(value(Method::Post, Class::Success), Some(0.0));
    assert_eq!(
        m.value("typed_gateway_connections", &[("pool", "read_replica")]),
        Some(4.0)
    );
    assert_eq!(
        m.value("typed_gateway_connections", &[("pool", "primary")]),
        Some(0.0)
    );
    assert_eq!(
        m.value("typed_gateway_load_ratio", &[("pool", "primary")]),
        Some(0.25)
    );
    let h = m
        .histogram("typed_gateway_latency_seconds", &[("method", "get")])
        .expect("histogram");
    assert_eq!((h.count, h.buckets), (1, vec![(0.1, 0), (1.0, 1)]));
    // The same child the string API reaches.
    assert_eq!(
        m.responses_total
            .as_vec()
            .with_label_values(&["post", "5xx"])
            .get(),
        3
    );
}

#[test]
fn descriptors_carry_the_label_names() {
    let d = GatewayMetrics::descriptors();
    assert_eq!(d[0].labels(), ["method", "class"]);
    assert_eq!(d[1].labels(), ["pool"]);
    assert_eq!(<(Method, Class)>::CARDINALITY, 9);
}

#[test]
fn registration_stays_idempotent_and_all_or_nothing() {
    let registry = Registry::new();
    let squatter = Box::new(
        IntGaugeVec::new(
            Opts::new("typed_gateway_connections", "Connections open, by pool."),
            &["pool"],
        )
        .expect("gauge"),
    );
    registry
        .prometheus()
        .register(squatter.clone())
        .expect("hand registration");
    let before = registry.encode_text();
    assert!(GatewayMetrics::register(&registry).is_err());
    assert_eq!(registry.encode_text(), before);

    registry
        .prometheus()
        .unregister(squatter)
        .expect("unregister");
    let first = GatewayMetrics::register(&registry).expect("registers");
    let second = GatewayMetrics::register(&registry).expect("again");
    assert!(Arc::ptr_eq(&first, &second));
    first.connections.get(Pool::Primary).inc();
    assert!(registry
        .encode_text()
        .contains("typed_gateway_connections{pool=\"primary\"} 1\n"));
}

#[test]
fn the_exposition_passes_promtool() {
    let Some(promtool) = support::promtool() else {
        return;
    };
    let m = GatewayMetrics::for_test();
    m.responses_total.get((Method::Get, Class::Success)).inc();
    assert_eq!(
        support::promtool_findings(&promtool, &m.encode_text()),
        None
    );
}
