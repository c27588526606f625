//! Adopting the crate without renaming anything: two services' metrics,
//! declared with their legacy names, export byte for byte what their
//! hand-written `prometheus` code exported.

use std::collections::HashMap;

use prometheus_component::prometheus::{
    self, Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, Opts, TextEncoder,
};
use prometheus_component::{metrics_component, Error, Metrics, Owner, Registry};

/// A relay's metrics (shaped after a real one), kept under the names its
/// dashboards use: none of them has the component's name in it.
#[derive(Metrics)]
#[metrics(component = "relay")]
pub struct RelayMetrics {
    /// Subscription response times
    #[metric(full_name = "nostr_query_seconds", buckets = [0.005, 0.05, 0.5, 5.0])]
    pub query_sub: Histogram,
    /// Individual database query execution time
    #[metric(full_name = "nostr_filter_seconds", buckets = [0.001, 0.01, 0.1, 1.0])]
    pub query_db: Histogram,
    /// Active database connections
    #[metric(full_name = "nostr_db_connections")]
    pub db_connections: IntGauge,
    /// Events persisted
    #[metric(full_name = "nostr_events_written_total")]
    pub write_events: IntCounter,
    /// Events sent to clients
    #[metric(full_name = "nostr_events_sent_total", labels = ["source"])]
    pub sent_events: IntCounterVec,
    /// New connections
    #[metric(full_name = "nostr_connections_total")]
    pub connections: IntCounter,
    /// Client disconnects
    #[metric(full_name = "nostr_disconnects_total", labels = ["reason"])]
    pub disconnects: IntCounterVec,
    /// Queries aborted
    #[metric(full_name = "nostr_query_abort_total", labels = ["reason"])]
    pub query_aborts: IntCounterVec,
    /// Commands received
    #[metric(full_name = "nostr_cmd_total", labels = ["cmd"])]
    pub commands: IntCounterVec,
}

/// The relay's registry: a prefix-free custom registry with a label from
/// its configuration, as the relay builds it.
fn relay_registry() -> prometheus::Registry {
    let labels = HashMap::from([("relay".to_owned(), "eu-1".to_owned())]);
    prometheus::Registry::new_custom(None, Some(labels)).unwrap()
}

/// The same traffic, through whichever handles the caller has.
struct RelayHandles<'a> {
    query_sub: &'a Histogram,
    query_db: &'a Histogram,
    db_connections: &'a IntGauge,
    write_events: &'a IntCounter,
    sent_events: &'a IntCounterVec,
    connections: &'a IntCounter,
    disconnects: &'a IntCounterVec,
    query_aborts: &'a IntCounterVec,
    commands: &'a IntCounterVec,
}

fn relay_traffic(m: RelayHandles<'_>) {
    for elapsed in [0.003, 0.04, 0.04, 2.0] {
        m.query_sub.observe(elapsed);
        m.query_db.observe(elapsed / 10.0);
    }
    m.db_connections.set(4);
    m.write_events.inc_by(17);
    m.sent_events.with_label_values(&["db"]).inc_by(9);
    m.sent_events.with_label_values(&["stream"]).inc_by(3);
    m.connections.inc_by(5);
    m.disconnects.with_label_values(&["normal"]).inc();
    m.query_aborts.with_label_values(&["slow"]).inc();
    for cmd in ["REQ", "REQ", "EVENT", "CLOSE"] {
        m.commands.with_label_values(&[cmd]).inc();
    }
}

/// The relay as it was: each metric built and registered by hand.
fn relay_by_hand() -> String {
    let registry = relay_registry();
    let histogram = |name: &str, help: &str, buckets: &[f64]| {
        let h = Histogram::with_opts(HistogramOpts::new(name, help).buckets(buckets.to_vec()));
        let h = h.unwrap();
        registry.register(Box::new(h.clone())).unwrap();
        h
    };
    let counter = |name: &str, help: &str| {
        let c = IntCounter::new(name, help).unwrap();
        registry.register(Box::new(c.clone())).unwrap();
        c
    };
    let counter_vec = |name: &str, help: &str, label: &str| {
        let c = IntCounterVec::new(Opts::new(name, help), &[label]).unwrap();
        registry.register(Box::new(c.clone())).unwrap();
        c
    };
    let query_sub = histogram(
        "nostr_query_seconds",
        "Subscription response times",
        &[0.005, 0.05, 0.5, 5.0],
    );
    let query_db = histogram(
        "nostr_filter_seconds",
        "Individual database query execution time",
        &[0.001, 0.01, 0.1, 1.0],
    );
    let db_connections = IntGauge::new("nostr_db_connections", "Active database connections");
    let db_connections = db_connections.unwrap();
    registry.register(Box::new(db_connections.clone())).unwrap();
    let write_events = counter("nostr_events_written_total", "Events persisted");
    let sent_events = counter_vec(
        "nostr_events_sent_total",
        "Events sent to clients",
        "source",
    );
    let connections = counter("nostr_connections_total", "New connections");
    let disconnects = counter_vec("nostr_disconnects_total", "Client disconnects", "reason");
    let query_aborts = counter_vec("nostr_query_abort_total", "Queries aborted", "reason");
    let commands = counter_vec("nostr_cmd_total", "Commands received", "cmd");
    relay_traffic(RelayHandles {
        query_sub: &query_sub,
        query_db: &query_db,
        db_connections: &db_connections,
        write_events: &write_events,
        sent_events: &sent_events,
        connections: &connections,
        disconnects: &disconnects,
        query_aborts: &query_aborts,
        commands: &commands,
    });
    encode(&registry)
}

fn encode(registry: &prometheus::Registry) -> String {
    let mut out = Vec::new();
    TextEncoder::new()
        .encode(&registry.gather(), &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_relay_keeps_its_exposition_byte_for_byte_on_its_own_custom_registry() {
    let registry = Registry::from(relay_registry());
    let m = RelayMetrics::register(&registry).unwrap();
    relay_traffic(RelayHandles {
        query_sub: &m.query_sub,
        query_db: &m.query_db,
        db_connections: &m.db_connections,
        write_events: &m.write_events,
        sent_events: &m.sent_events,
        connections: &m.connections,
        disconnects: &m.disconnects,
        query_aborts: &m.query_aborts,
        commands: &m.commands,
    });
    let ours = registry.encode_text();
    assert_eq!(ours, relay_by_hand());
    // A few lines, golden: the configured label, no component name anywhere.
    assert!(ours.contains("nostr_events_written_total{relay=\"eu-1\"} 17\n"));
    assert!(ours.contains("nostr_cmd_total{cmd=\"REQ\",relay=\"eu-1\"} 2\n"));
    assert!(!ours.contains("relay_nostr"));
}

/// A proxy that had `Lazy` + `register_*!` globals. Dashboards read the
/// gauge `ingress_count`, whose `_count` promlint reserves.
#[derive(Metrics)]
#[metrics(component = "proxy", subsystem = "")]
pub struct ProxyMetrics {
    /// Connections currently coming in
    #[metric(allow(reserved_suffix))]
    pub ingress_count: IntGauge,
    /// Requests forwarded
    #[metric(name = "proxy_requests_total", labels = ["backend"])]
    pub requests_total: IntCounterVec,
    /// Build information
    #[metric(
        name = "proxy_build_info",
        const_labels = [("version", env!("CARGO_PKG_VERSION")), ("name", env!("CARGO_PKG_NAME"))]
    )]
    pub build_info: IntGauge,
}

/// The proxy as it was (its `register_*!` calls, on a private registry so
/// that this test does not touch the default one).
fn proxy_by_hand() -> String {
    let registry = prometheus::Registry::new();
    let ingress = IntGauge::new("ingress_count", "Connections currently coming in").unwrap();
    let requests = IntCounterVec::new(
        Opts::new("proxy_requests_total", "Requests forwarded"),
        &["backend"],
    )
    .unwrap();
    let build_info = IntGauge::with_opts(
        Opts::new("proxy_build_info", "Build information")
            .const_label("version", env!("CARGO_PKG_VERSION"))
            .const_label("name", env!("CARGO_PKG_NAME")),
    )
    .unwrap();
    registry.register(Box::new(ingress.clone())).unwrap();
    registry.register(Box::new(requests.clone())).unwrap();
    registry.register(Box::new(build_info.clone())).unwrap();
    ingress.set(3);
    requests.with_label_values(&["a"]).inc_by(2);
    build_info.set(1);
    encode(&registry)
}

#[test]
fn a_legacy_proxy_keeps_its_names_and_gets_a_build_info_metric() {
    let m = ProxyMetrics::for_test();
    m.ingress_count.set(3);
    m.requests_total.with_label_values(&["a"]).inc_by(2);
    m.build_info.set(1);
    assert_eq!(m.encode_text(), proxy_by_hand());
    let version = env!("CARGO_PKG_VERSION");
    let golden = format!(
        "# HELP ingress_count Connections currently coming in
         # TYPE ingress_count gauge
         ingress_count 3
         # HELP proxy_build_info Build information
         # TYPE proxy_build_info gauge
         proxy_build_info{{name=\"metrics-tests\",version=\"{version}\"}} 1"
    );
    m.compare_text(&golden, &["ingress_count", "proxy_build_info"])
        .unwrap();
}

#[test]
fn a_wrapped_registry_counts_its_collectors_as_foreign_owners() {
    let inner = prometheus::Registry::new();
    let by_hand = IntGauge::new("ingress_count", "Registered by the framework.").unwrap();
    inner.register(Box::new(by_hand)).unwrap();
    let registry = Registry::from(inner.clone());
    match ProxyMetrics::register(&registry) {
        Err(Error::MetricClash {
            metric: "ingress_count",
            owner: Owner::Foreign,
            ..
        }) => {}
        Err(other) => panic!("expected a clash with the framework's gauge: {other}"),
        Ok(_) => panic!("registered over the framework's gauge"),
    }
    assert!(registry.components().is_empty());
    // The relay has no clash there, and lands in the very registry wrapped.
    RelayMetrics::register(&registry).unwrap().connections.inc();
    assert!(encode(&inner).contains("nostr_connections_total 1"));
}

#[test]
fn a_mistyped_full_name_fails_the_test_and_lists_the_names_there_are() {
    let m = ProxyMetrics::for_test();
    // A known metric without the series asked for is `None`, not a panic.
    assert_eq!(m.value("proxy_requests_total", &[("backend", "b")]), None);
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        m.value("proxy_request_total", &[("backend", "b")])
    }))
    .unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(
        message.contains("no metric named `proxy_request_total`"),
        "{message}"
    );
    assert!(
        message.contains("`ingress_count`, `proxy_build_info`, `proxy_requests_total`"),
        "{message}"
    );
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        m.histogram("proxy_latency_seconds", &[])
    }));
    assert!(panic.is_err());
}

/// Passed by value through the service: clones share their series.
#[derive(Clone, Metrics)]
#[metrics(component = "worker")]
pub struct WorkerMetrics {
    /// Jobs done.
    pub jobs_total: IntCounter,
}

#[test]
fn clones_of_a_component_share_its_series() {
    let m = WorkerMetrics::for_test();
    let clone: WorkerMetrics = (*m).clone();
    std::thread::spawn(move || clone.jobs_total.inc_by(2))
        .join()
        .unwrap();
    m.jobs_total.inc();
    assert_eq!(m.value("worker_jobs_total", &[]), Some(3.0));
}

/// A field that exists only with a feature, and one renamed by `cfg_attr`.
#[derive(Metrics)]
#[metrics(component = "cfg_derive")]
pub struct CfgDerive {
    /// Always there.
    pub kept_total: IntCounter,
    /// Behind a condition that never holds.
    #[cfg(any())]
    pub gone_total: IntCounter,
    /// Renamed where `all()` holds, which is everywhere.
    #[cfg_attr(all(), metric(name = "renamed_total"))]
    pub original_total: IntCounter,
}

metrics_component! {
    /// The same, through the macro.
    pub struct CfgMacro: "cfg_macro" {
        /// Always there.
        kept_total: IntCounter,
        /// Behind a condition that never holds.
        #[cfg(any())]
        gone_total: IntCounter,
        /// Renamed where `all()` holds, which is everywhere.
        #[cfg_attr(all(), metric(name = "renamed_total"))]
        original_total: IntCounter,
    }
}

#[test]
fn cfg_and_cfg_attr_on_fields_work_alike_in_both_forms() {
    let names = |d: &[prometheus_component::MetricDescriptor]| -> Vec<String> {
        d.iter().map(|d| d.name().to_owned()).collect()
    };
    assert_eq!(
        names(CfgDerive::descriptors()),
        ["cfg_derive_kept_total", "cfg_derive_renamed_total"]
    );
    assert_eq!(
        names(CfgMacro::descriptors()),
        ["cfg_macro_kept_total", "cfg_macro_renamed_total"]
    );
    let m = CfgMacro::for_test();
    m.original_total.inc();
    assert_eq!(m.value("cfg_macro_renamed_total", &[]), Some(1.0));
}
