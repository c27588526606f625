//! The registry never exports wrong data, never reports a registration that
//! is gone, and never fails silently.

use std::sync::Arc;

use metrics_tests::support::logs::{capture_logs, records_mentioning};
use prometheus_component::prometheus::core::{Collector, Desc};
use prometheus_component::prometheus::{self, IntCounter, IntGauge, Opts};
use prometheus_component::{Error, MetricType, Metrics, Owner, Registry};

/// Rooms in one region.
#[derive(Metrics)]
#[metrics(component = "rooms")]
struct RoomMetrics {
    /// Rooms open.
    #[metric(full_name = "rooms_open", const_labels = [("region", "eu")])]
    open: IntGauge,
}

fn foreign_counter(name: &str, help: &str, region: &str) -> IntCounter {
    IntCounter::with_opts(Opts::new(name, help).const_label("region", region)).unwrap()
}

#[test]
fn a_name_exported_with_another_type_is_refused_whatever_the_constant_labels() {
    let registry = Registry::new();
    let foreign = foreign_counter("rooms_open", "Rooms open.", "us");
    foreign.inc_by(5);
    registry.prometheus().register(Box::new(foreign)).unwrap();
    let error = match RoomMetrics::register(&registry) {
        Err(error) => error,
        Ok(_) => panic!("a gauge was registered under a counter's name"),
    };
    assert!(matches!(
        error,
        Error::TypeClash {
            metric: "rooms_open",
            declared_as: MetricType::Gauge,
            exported_as: "counter",
            ..
        }
    ));
    assert_eq!(
        error.to_string(),
        "cannot register component `rooms`: metric `rooms_open` is already exported as a counter by a collector registered outside this crate, and this component declares it as a gauge; a name has one type, so give one of them another name"
    );
    // Nothing left behind: the page has the foreign counter only.
    assert!(registry.components().is_empty());
    let text = registry.encode_text();
    assert!(text.contains("# TYPE rooms_open counter\nrooms_open{region=\"us\"} 5\n"));
    assert!(!text.contains("eu"));
}

#[test]
fn a_name_exported_by_a_foreign_collector_of_the_same_type_is_refused_too() {
    let registry = Registry::new();
    let foreign =
        IntGauge::with_opts(Opts::new("rooms_open", "Rooms open.").const_label("region", "us"));
    registry
        .prometheus()
        .register(Box::new(foreign.unwrap()))
        .unwrap();
    match RoomMetrics::register(&registry) {
        Err(Error::MetricClash {
            metric: "rooms_open",
            owner: Owner::Foreign,
            ..
        }) => {}
        Err(other) => panic!("another error: {other}"),
        Ok(_) => panic!("registered under a name a foreign collector exports"),
    }
}

#[test]
fn foreign_series_added_later_under_a_component_name_are_left_out_and_reported() {
    capture_logs();
    let registry = Registry::new();
    let rooms = RoomMetrics::register(&registry).unwrap();
    rooms.open.set(7);
    // Registered directly on the `prometheus` registry, which cannot be
    // refused: the `prometheus` registry checks help and label names only.
    let foreign = foreign_counter("rooms_open", "Rooms open.", "us");
    foreign.inc_by(5);
    registry.prometheus().register(Box::new(foreign)).unwrap();
    for _ in 0..3 {
        let text = registry.encode_text();
        assert!(
            text.contains("# TYPE rooms_open gauge\nrooms_open{region=\"eu\"} 7\n"),
            "{text}"
        );
        assert!(!text.contains("region=\"us\""), "{text}");
    }
    let warnings = records_mentioning("metric `rooms_open` of component `rooms`");
    assert_eq!(
        warnings.len(),
        1,
        "one warning, not one per scrape: {warnings:?}"
    );
    assert!(warnings[0].starts_with("WARN"), "{warnings:?}");
}

/// The checkout.
#[derive(Metrics)]
#[metrics(component = "checkout")]
struct CheckoutMetrics {
    /// Orders placed.
    placed_total: IntCounter,
    /// Orders in progress.
    pending: IntGauge,
}

#[test]
fn one_metric_of_a_component_cannot_be_unregistered_behind_its_back() {
    let registry = Registry::new();
    let first = CheckoutMetrics::register(&registry).unwrap();
    first.placed_total.inc();
    // The component is one collector: the `prometheus` registry does not
    // know a collector of this metric alone.
    let refused = registry
        .prometheus()
        .unregister(Box::new(first.placed_total.clone()));
    assert!(refused.is_err());
    assert!(registry.encode_text().contains("checkout_placed_total 1\n"));
    let again = CheckoutMetrics::register(&registry).unwrap();
    assert!(Arc::ptr_eq(&first, &again));
}

/// A collector with the very descriptors of a component's metrics: the
/// only thing the `prometheus` registry would unregister it for.
struct SameDescriptors(Vec<Desc>);

impl Collector for SameDescriptors {
    fn desc(&self) -> Vec<&Desc> {
        self.0.iter().collect()
    }

    fn collect(&self) -> Vec<prometheus::proto::MetricFamily> {
        Vec::new()
    }
}

fn unregister_behind_its_back(registry: &Registry, checkout: &CheckoutMetrics) {
    let descs = [checkout.placed_total.desc(), checkout.pending.desc()]
        .concat()
        .into_iter()
        .cloned()
        .collect();
    registry
        .prometheus()
        .unregister(Box::new(SameDescriptors(descs)))
        .unwrap();
}

#[test]
fn register_puts_back_a_component_unregistered_behind_its_back() {
    let registry = Registry::new();
    let first = CheckoutMetrics::register(&registry).unwrap();
    first.placed_total.inc();
    unregister_behind_its_back(&registry, &first);
    assert!(!registry.encode_text().contains("checkout_placed_total"));
    let again = CheckoutMetrics::register(&registry).unwrap();
    assert!(Arc::ptr_eq(&first, &again), "the same instance, restored");
    assert!(registry.encode_text().contains("checkout_placed_total 1\n"));
    assert_eq!(registry.components(), ["checkout"]);
}

#[test]
fn register_fails_and_forgets_the_component_when_its_name_was_taken_meanwhile() {
    let registry = Registry::new();
    let first = CheckoutMetrics::register(&registry).unwrap();
    unregister_behind_its_back(&registry, &first);
    // Same help and labels: the `prometheus` registry lets it take the name.
    let taker = IntGauge::new("checkout_pending", "Orders in progress.").unwrap();
    taker.set(99);
    registry.prometheus().register(Box::new(taker)).unwrap();
    match CheckoutMetrics::register(&registry) {
        Err(Error::MetricClash {
            metric: "checkout_pending",
            owner: Owner::Foreign,
            ..
        }) => {}
        Err(other) => panic!("another error: {other}"),
        Ok(_) => panic!("Ok while `checkout_pending` is not the component's"),
    }
    // Not half-registered: the component and its other metric are gone.
    assert!(registry.components().is_empty());
    let text = registry.encode_text();
    assert!(!text.contains("checkout_placed_total"), "{text}");
    assert!(text.contains("checkout_pending 99\n"), "{text}");
}

/// The search index.
#[derive(Metrics)]
#[metrics(component = "index")]
struct IndexMetrics {
    /// Documents indexed.
    documents_total: IntCounter,
}

#[test]
fn an_error_explains_a_name_pinned_by_a_collector_that_is_gone() {
    let registry = Registry::new();
    let earlier = IntCounter::new("index_documents_total", "Docs, by the old indexer.").unwrap();
    registry
        .prometheus()
        .register(Box::new(earlier.clone()))
        .unwrap();
    registry.prometheus().unregister(Box::new(earlier)).unwrap();
    let error = match IndexMetrics::register(&registry) {
        Err(error) => error,
        Ok(_) => panic!("the `prometheus` registry pins the old help"),
    };
    assert!(matches!(
        error,
        Error::PinnedName {
            metric: "index_documents_total",
            ..
        }
    ));
    assert_eq!(
        error.to_string(),
        "cannot register component `index`: metric `index_documents_total` was registered in this registry before with another help text or other label names, and the `prometheus` registry keeps those for the name for its whole life, even after that collector is unregistered: declare the same help text and label names as before, or use another name"
    );
    assert!(std::error::Error::source(&error).is_some());
    assert!(registry.components().is_empty());
}

/// Shipments, whose name a collector took in the global registry first.
#[derive(Metrics)]
#[metrics(component = "integrity_shipments")]
struct ShipmentMetrics {
    /// Shipments sent.
    sent_total: IntCounter,
}

#[test]
fn a_failed_global_registration_is_logged_and_counted() {
    capture_logs();
    let squatter = IntCounter::new("integrity_shipments_sent_total", "Taken.").unwrap();
    prometheus::default_registry()
        .register(Box::new(squatter))
        .unwrap();
    // Still a working instance, never a panic.
    ShipmentMetrics::global().sent_total.inc();
    assert!(ShipmentMetrics::try_global().is_err());
    let records = records_mentioning("component `integrity_shipments` is not exported");
    assert_eq!(records.len(), 1, "{records:?}");
    assert!(records[0].starts_with("ERROR"), "{records:?}");
    let text = Registry::global().encode_text();
    assert!(
        text.contains(
            "prometheus_component_registration_failures_total{component=\"integrity_shipments\"} 1\n"
        ),
        "{text}"
    );
    // Asking again neither logs nor counts again.
    ShipmentMetrics::global();
    assert_eq!(
        records_mentioning("component `integrity_shipments` is not exported").len(),
        1
    );
}

#[test]
fn the_process_collector_passes_through() {
    let registry = Registry::new();
    registry.register_process_collector().unwrap();
    let text = registry.encode_text();
    for family in [
        "process_cpu_seconds_total",
        "process_resident_memory_bytes",
        "process_open_fds",
        "process_threads",
        "process_start_time_seconds",
    ] {
        assert!(
            text.contains(&format!("# TYPE {family} ")),
            "{family} in {text}"
        );
    }
    assert!(registry.register_process_collector().is_err(), "only once");
}
