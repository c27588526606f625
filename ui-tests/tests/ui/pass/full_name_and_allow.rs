use prometheus_component::prometheus::{Gauge, Histogram, IntCounter, IntGauge};
use prometheus_component::Metrics;

/// Legacy names kept verbatim: a relay's metrics under their old names.
#[derive(Metrics)]
#[metrics(component = "relay", namespace = "shop")]
pub struct RelayMetrics {
    /// Time to answer a query.
    #[metric(full_name = "nostr_query_seconds", buckets = [0.1, 1.0])]
    pub query_seconds: Histogram,
    /// Events stored: the namespace and component are not prepended.
    #[metric(full_name = "nostr_events_total")]
    pub events_total: IntCounter,
    /// Composed as usual beside the verbatim ones.
    pub sessions: IntGauge,
}

/// A proxy whose dashboards read `ingress_count`, a gauge.
#[derive(Metrics)]
#[metrics(component = "proxy", subsystem = "", allow(type_in_name))]
pub struct ProxyMetrics {
    /// Connections coming in.
    #[metric(allow(reserved_suffix))]
    pub ingress_count: IntGauge,
    /// The struct's allowance covers every field.
    pub pool_gauge_level: Gauge,
    /// Several rules at once.
    #[metric(full_name = "legacyLatencyMs", allow(camel_case, abbreviated_unit))]
    pub legacy_latency: Gauge,
    /// A counter under a name without `_total`.
    #[metric(allow(counter_total))]
    pub dropped: IntCounter,
}

fn main() {
    let relay = RelayMetrics::for_test();
    relay.events_total.inc();
    relay.query_seconds.observe(0.5);
    assert_eq!(relay.value("nostr_events_total", &[]), Some(1.0));
    assert_eq!(relay.histogram("nostr_query_seconds", &[]).unwrap().count, 1);
    assert_eq!(relay.value("shop_relay_sessions", &[]), Some(0.0));

    let proxy = ProxyMetrics::for_test();
    proxy.ingress_count.set(3);
    proxy.dropped.inc();
    assert_eq!(proxy.value("ingress_count", &[]), Some(3.0));
    assert_eq!(proxy.value("pool_gauge_level", &[]), Some(0.0));
    assert_eq!(proxy.value("legacyLatencyMs", &[]), Some(0.0));
    assert_eq!(proxy.value("dropped", &[]), Some(1.0));
}
