//! `register(&Registry)`: idempotent, all-or-nothing, clashes as errors.

use std::sync::Arc;

use prometheus_component::prometheus::{
    Gauge, GaugeVec, IntCounter, IntCounterVec, IntGauge, Opts,
};
use prometheus_component::{Error, Metrics, Owner, Registry};

/// Orders.
#[derive(Debug, Metrics)]
#[metrics(component = "orders", namespace = "store")]
struct OrderMetrics {
    /// Orders placed.
    placed_total: IntCounter,
    /// Orders by state.
    #[metric(labels = ["state"])]
    by_state_total: IntCounterVec,
    /// Value of the open basket.
    basket_value: Gauge,
}

/// Checkout, with the same component name as one in another crate.
#[derive(Debug, Metrics)]
#[metrics(component = "checkout", namespace = "shop")]
struct CheckoutMetrics {
    /// Checkouts started.
    started_total: IntCounter,
}

fn hand_counter(name: &str, help: &str) -> IntCounter {
    IntCounter::with_opts(Opts::new(name, help)).expect("valid counter")
}

#[test]
fn register_returns_the_same_instance_every_time() {
    let registry = Registry::new();
    let first = OrderMetrics::register(&registry).expect("first registration");
    let second = OrderMetrics::register(&registry).expect("second registration");
    let via_clone = OrderMetrics::register(&registry.clone()).expect("through a clone");
    assert!(Arc::ptr_eq(&first, &second));
    assert!(Arc::ptr_eq(&first, &via_clone));

    first.placed_total.inc();
    assert_eq!(second.placed_total.get(), 1);
    assert_eq!(registry.components(), ["orders"]);
}

#[test]
fn separate_registries_get_separate_instances() {
    let (a, b) = (Registry::new(), Registry::new());
    let in_a = OrderMetrics::register(&a).expect("a");
    let in_b = OrderMetrics::register(&b).expect("b");
    assert!(!Arc::ptr_eq(&in_a, &in_b));
    in_a.placed_total.inc();
    assert_eq!(in_b.placed_total.get(), 0);
}

#[test]
fn a_failed_registration_leaves_nothing_behind_and_can_be_retried() {
    let registry = Registry::new();
    // Something outside any component holds the name of the *last* metric,
    // so that the first two are registered before the clash is found. (It
    // has the same help text: the `prometheus` registry requires one help
    // text and label set per name for the life of the process.) It is a
    // label-less `GaugeVec` with no child yet: it exports no series, so
    // only the `prometheus` registry itself can find the clash, half-way.
    let squatter = Box::new(
        GaugeVec::new(
            Opts::new("store_orders_basket_value", "Value of the open basket."),
            &[],
        )
        .expect("gauge vec"),
    );
    registry
        .prometheus()
        .register(squatter.clone())
        .expect("hand registration");
    let before = registry.encode_text();

    let err = OrderMetrics::register(&registry).expect_err("the name is taken");
    match &err {
        Error::MetricClash {
            component,
            metric,
            owner,
            source,
        } => {
            assert_eq!(*component, "orders");
            assert_eq!(*metric, "store_orders_basket_value");
            assert_eq!(*owner, Owner::Foreign);
            assert!(source.is_some());
        }
        other => panic!("expected a metric clash, got {other:?}"),
    }
    assert_eq!(registry.encode_text(), before, "exposition changed");
    assert!(registry.components().is_empty());
    // The metrics registered before the clash was found are gone too: a
    // collector of the same name and shape can take their place.
    registry
        .prometheus()
        .register(Box::new(hand_counter(
            "store_orders_placed_total",
            "Orders placed.",
        )))
        .expect("the name was released");
    registry
        .prometheus()
        .unregister(Box::new(hand_counter(
            "store_orders_placed_total",
            "Orders placed.",
        )))
        .expect("unregister");

    registry
        .prometheus()
        .unregister(squatter)
        .expect("unregister");
    let metrics = OrderMetrics::register(&registry).expect("registers once the clash is gone");
    metrics.placed_total.inc();
    assert!(registry
        .encode_text()
        .contains("store_orders_placed_total 1\n"));
}

#[test]
fn a_clash_between_components_names_both() {
    let registry = Registry::new();
    metrics_tests::LegacyOrderMetrics::register(&registry).expect("legacy");

    /// Orders, declared again under a new component name.
    #[derive(Debug, Metrics)]
    #[metrics(component = "orders_v2", namespace = "shop", subsystem = "orders")]
    struct NewOrderMetrics {
        /// Orders placed.
        placed_total: IntCounter,
    }

    let err = NewOrderMetrics::register(&registry).expect_err("clash");
    assert_eq!(
        err.to_string(),
        "cannot register component `orders_v2`: metric `shop_orders_placed_total` \
         is already registered by component `legacy`"
    );
    assert_eq!(registry.components(), ["legacy"]);
}

#[test]
fn two_component_types_with_one_name_are_refused() {
    let registry = Registry::new();
    CheckoutMetrics::register(&registry).expect("ours");
    let err = metrics_tests::OtherCheckoutMetrics::register(&registry).expect_err("same name");
    match err {
        Error::ComponentClash {
            component,
            existing_type,
        } => {
            assert_eq!(component, "checkout");
            assert!(
                existing_type.ends_with("CheckoutMetrics"),
                "{existing_type}"
            );
        }
        other => panic!("expected a component clash, got {other:?}"),
    }
}

#[test]
fn a_clash_is_an_error_never_a_panic_even_when_racing() {
    let registry = Registry::new();
    registry
        .prometheus()
        .register(Box::new(hand_counter(
            "shop_checkout_started_total",
            "By hand.",
        )))
        .expect("hand registration");
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| CheckoutMetrics::register(&registry).map(|_| ())))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    assert!(results.iter().all(Result::is_err));
}

/// Orders placed, named like the checkout's of `integrity.rs`.
#[derive(Metrics)]
#[metrics(component = "placed_orders")]
struct PlacedOrderMetrics {
    /// Orders placed.
    #[metric(full_name = "checkout_placed_total")]
    placed_total: IntCounter,
    /// Orders in progress.
    #[metric(full_name = "checkout_pending")]
    pending: IntGauge,
}

#[test]
fn unregister_removes_every_metric_and_the_bookkeeping_and_is_idempotent() {
    let registry = Registry::new();
    let first = PlacedOrderMetrics::register(&registry).unwrap();
    first.placed_total.inc();
    assert!(PlacedOrderMetrics::unregister(&registry));
    assert!(!PlacedOrderMetrics::unregister(&registry));
    assert!(registry.components().is_empty());
    assert_eq!(registry.encode_text(), "");
    // The names are free again, for a foreign collector with the same
    // help (pinned) or for the component itself, as a new instance.
    let again = PlacedOrderMetrics::register(&registry).unwrap();
    assert!(!Arc::ptr_eq(&first, &again));
    assert!(registry.encode_text().contains("checkout_placed_total 0\n"));
}
