//! `for_test()`: private, isolated instances with read-back helpers.

use metrics_tests::support;

use prometheus_component::prometheus::{Counter, GaugeVec, Histogram, HistogramVec, IntCounter};
use prometheus_component::{HistogramSample, Metrics, Registry};

/// Payments.
#[derive(Metrics)]
#[metrics(component = "payments", namespace = "shop")]
struct PaymentMetrics {
    /// Payments accepted.
    accepted_total: IntCounter,
    /// Amount charged.
    #[metric(name = "charged_euros_total")]
    charged: Counter,
    /// Queue depth, by provider.
    #[metric(labels = ["provider"], const_labels = [("region", "eu")])]
    queue_depth: GaugeVec,
    /// Time to authorise.
    #[metric(buckets = [0.1, 0.5, 1.0])]
    authorise_seconds: Histogram,
    /// Time to settle, by provider.
    #[metric(labels = ["provider"], buckets = linear(1, 1, 3))]
    settle_seconds: HistogramVec,
}

#[test]
fn parallel_instances_never_see_each_other() {
    let totals: Vec<(u64, Option<f64>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..=8u64)
            .map(|n| {
                s.spawn(move || {
                    let m = PaymentMetrics::for_test();
                    for _ in 0..n * 100 {
                        m.accepted_total.inc();
                    }
                    (n * 100, m.value("shop_payments_accepted_total", &[]))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (expected, seen) in totals {
        assert_eq!(seen, Some(expected as f64));
    }
    assert!(!Registry::global().components().contains(&"payments"));
    assert!(!Registry::global()
        .encode_text()
        .contains("shop_payments_accepted_total"));
}

#[test]
fn every_call_is_a_fresh_instance_on_its_own_registry() {
    let a = PaymentMetrics::for_test();
    a.accepted_total.inc();
    let b = PaymentMetrics::for_test();
    assert_eq!(b.accepted_total.get(), 0);
    assert_eq!(b.value("shop_payments_accepted_total", &[]), Some(0.0));
    assert_eq!(a.registry().components(), ["payments"]);
    let again = PaymentMetrics::register(a.registry()).expect("idempotent");
    assert!(std::sync::Arc::ptr_eq(&again, &a.instance()));
}

#[test]
fn reads_back_counters_gauges_and_labels() {
    let m = PaymentMetrics::for_test();
    m.charged.inc_by(12.5);
    m.queue_depth.with_label_values(&["visa"]).set(3.0);
    m.queue_depth.with_label_values(&["sepa"]).set(1.0);

    assert_eq!(
        m.value("shop_payments_charged_euros_total", &[]),
        Some(12.5)
    );
    assert_eq!(
        m.value("shop_payments_queue_depth", &[("provider", "visa")]),
        Some(3.0)
    );
    // Constant labels may be given or left out.
    assert_eq!(
        m.value(
            "shop_payments_queue_depth",
            &[("region", "eu"), ("provider", "sepa")]
        ),
        Some(1.0)
    );
    assert_eq!(
        m.value("shop_payments_queue_depth", &[("provider", "amex")]),
        None
    );
    assert_eq!(
        m.value(
            "shop_payments_queue_depth",
            &[("provider", "visa"), ("region", "us")]
        ),
        None
    );
    assert_eq!(m.value("shop_payments_queue_depth", &[]), None);
    // A name no metric has is a typo in the test, not a missing series.
    let typo = std::panic::catch_unwind(|| PaymentMetrics::for_test().value("no_such_metric", &[]));
    assert!(typo.is_err());
}

#[test]
fn reads_back_histograms() {
    let m = PaymentMetrics::for_test();
    for v in [0.05, 0.3, 0.3, 2.0] {
        m.authorise_seconds.observe(v);
    }
    m.settle_seconds.with_label_values(&["visa"]).observe(2.5);

    let h = m
        .histogram("shop_payments_authorise_seconds", &[])
        .expect("histogram");
    assert_eq!(h.count, 4);
    assert!((h.sum - 2.65).abs() < 1e-9);
    assert_eq!(h.buckets, [(0.1, 1), (0.5, 3), (1.0, 3)]);

    let settle = m
        .histogram("shop_payments_settle_seconds", &[("provider", "visa")])
        .expect("labelled histogram");
    assert_eq!(settle.count, 1);
    assert_eq!(settle.buckets, [(1.0, 0), (2.0, 0), (3.0, 1)]);
    assert_eq!(
        m.histogram("shop_payments_settle_seconds", &[("provider", "sepa")]),
        None::<HistogramSample>
    );
    assert_eq!(
        m.value("shop_payments_authorise_seconds_count", &[]),
        Some(4.0)
    );
}

#[test]
fn exposition_has_help_and_type_lines() {
    let m = PaymentMetrics::for_test();
    m.accepted_total.inc_by(2);
    let text = m.encode_text();
    for line in [
        "# HELP shop_payments_accepted_total Payments accepted.",
        "# TYPE shop_payments_accepted_total counter",
        "shop_payments_accepted_total 2",
        "# HELP shop_payments_charged_euros_total Amount charged.",
        "# TYPE shop_payments_authorise_seconds histogram",
        "shop_payments_authorise_seconds_bucket{le=\"0.5\"} 0",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
    // A *Vec without children exports nothing yet.
    assert!(!text.contains("shop_payments_queue_depth"));
}

#[test]
fn golden_text_comparison_reports_a_diff() {
    let m = PaymentMetrics::for_test();
    m.accepted_total.inc();
    m.compare_text(
        "
        # HELP shop_payments_accepted_total Payments accepted.
        # TYPE shop_payments_accepted_total counter
        shop_payments_accepted_total 1
        ",
        &["shop_payments_accepted_total"],
    )
    .expect("matches");

    let mismatch = m
        .compare_text(
            "
            # HELP shop_payments_accepted_total Payments accepted.
            # TYPE shop_payments_accepted_total counter
            shop_payments_accepted_total 2
            ",
            &["shop_payments_accepted_total"],
        )
        .expect_err("value differs");
    let shown = mismatch.to_string();
    assert!(
        shown.contains("- shop_payments_accepted_total 2"),
        "{shown}"
    );
    assert!(
        shown.contains("+ shop_payments_accepted_total 1"),
        "{shown}"
    );
    assert!(shown.contains("  # TYPE shop_payments_accepted_total counter"));
}

#[test]
fn descriptors_describe_every_metric() {
    let names: Vec<_> = PaymentMetrics::descriptors()
        .iter()
        .map(|d| (d.field(), d.name(), d.metric_type().as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("accepted_total", "shop_payments_accepted_total", "counter"),
            ("charged", "shop_payments_charged_euros_total", "counter"),
            ("queue_depth", "shop_payments_queue_depth", "gauge"),
            (
                "authorise_seconds",
                "shop_payments_authorise_seconds",
                "histogram"
            ),
            (
                "settle_seconds",
                "shop_payments_settle_seconds",
                "histogram"
            ),
        ]
    );
    let queue = &PaymentMetrics::descriptors()[2];
    assert_eq!(queue.labels(), ["provider"]);
    assert_eq!(queue.const_labels(), [("region", "eu")]);
    assert_eq!(queue.buckets(), None);
    assert_eq!(
        PaymentMetrics::descriptors()[4].buckets(),
        Some(&[1.0, 2.0, 3.0][..])
    );
    assert_eq!(PaymentMetrics::COMPONENT, "payments");
}

#[test]
fn a_dropped_test_instance_is_freed_with_its_registry() {
    let m = PaymentMetrics::for_test();
    let instance = std::sync::Arc::downgrade(&m.instance());
    let registry_alive = m.registry().clone();
    drop(m);
    // The registry clone keeps the registered instance alive...
    assert!(instance.upgrade().is_some());
    drop(registry_alive);
    // ...and once the last handle is gone, nothing else holds it: no global
    // table keeps test instances.
    assert!(instance.upgrade().is_none());
}

#[test]
fn the_exposition_passes_promtool() {
    let Some(promtool) = support::promtool() else {
        return;
    };
    let m = PaymentMetrics::for_test();
    m.accepted_total.inc();
    m.queue_depth.with_label_values(&["visa"]).set(2.0);
    m.authorise_seconds.observe(0.2);
    m.settle_seconds.with_label_values(&["visa"]).observe(1.5);
    assert_eq!(
        support::promtool_findings(&promtool, &m.encode_text()),
        None
    );
}
