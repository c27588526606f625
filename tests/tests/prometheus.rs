//! A real Prometheus server scrapes the exporter, and its HTTP API shows
//! what it ingested: types, help, values, quantiles and label values.

use metrics_tests::support;

use std::collections::BTreeMap;

use prometheus_component::{Exporter, MetricType, Metrics, Registry};
use serde_json::Value;

use support::components::{self, CheckoutMetrics, TRICKY_VALUES};

fn assert_close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{what}: {actual} != {expected}"
    );
}

#[test]
fn prometheus_scrapes_types_help_and_values() {
    let registry = Registry::new();
    components::checkout(&registry);
    let exporter = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let Some(prometheus) = support::prometheus(&[exporter.local_addr()]) else {
        return;
    };

    let target = format!(
        "up{{job=\"exporter\",instance=\"{}\"}}",
        exporter.local_addr()
    );
    let up = prometheus.wait_for("the first scrape", || {
        let up = prometheus.query_one(&target)?;
        (up == 1.0).then_some(up)
    });
    assert_eq!(up, 1.0);

    for (expr, expected) in [
        ("it_checkout_orders_total", 42.0),
        ("it_checkout_payments_total{method=\"card\"}", 30.0),
        ("it_checkout_payments_total{method=\"cash\"}", 12.0),
        ("sum(it_checkout_payments_total)", 42.0),
        ("it_checkout_receipt_bytes_total", 1536.5),
        ("it_checkout_open_carts", 7.0),
        ("it_checkout_quota_ratio{provider=\"acme\"}", 0.25),
        ("it_checkout_duration_seconds_count", 40.0),
        ("it_checkout_duration_seconds_sum", 8.0),
        ("it_checkout_duration_seconds_bucket{le=\"0.2\"}", 20.0),
        ("it_checkout_duration_seconds_bucket{le=\"+Inf\"}", 40.0),
    ] {
        let value = prometheus
            .query_one(expr)
            .unwrap_or_else(|| panic!("no single value for {expr}"));
        assert_close(value, expected, expr);
    }

    // 30 of 40 observations are at or below the 0.75 quantile: 20 up to
    // le=0.2, 10 of the 20 in (0.2, 0.5], interpolated linearly to 0.35.
    let quantile = "histogram_quantile(0.75, it_checkout_duration_seconds_bucket)";
    let result = prometheus.query(quantile).expect("quantile result");
    println!("{quantile} => {}", Value::Array(result.clone()));
    assert_close(value_of(&result[0]), 0.35, quantile);
    let median = prometheus
        .query_one("histogram_quantile(0.5, it_checkout_duration_seconds_bucket)")
        .expect("median");
    assert_close(median, 0.2, "median");

    // Type and help of every declared metric, as Prometheus recorded them.
    // It negotiated OpenMetrics, which names a counter's family without
    // `_total`: finding the counters' metadata under those names shows it.
    for descriptor in CheckoutMetrics::descriptors() {
        let name = match descriptor.metric_type() {
            MetricType::Counter => descriptor.name().strip_suffix("_total").expect("_total"),
            _ => descriptor.name(),
        };
        let url = prometheus.url("/api/v1/metadata");
        let metadata = prometheus.wait_for(&format!("metadata of {name}"), || {
            let json = support::get_json(&url, &[("metric", name)])?;
            json["data"][name].as_array()?.first().cloned()
        });
        assert_eq!(
            metadata["type"],
            descriptor.metric_type().as_str(),
            "{name}"
        );
        assert_eq!(metadata["help"], descriptor.help(), "{name}");
    }
}

#[test]
fn label_values_arrive_in_prometheus_unchanged() {
    let registry = Registry::new();
    components::tricky(&registry);
    let exporter = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let Some(prometheus) = support::prometheus(&[exporter.local_addr()]) else {
        return;
    };

    let series = prometheus.wait_for("the tricky series", || {
        let result = prometheus.query("it_tricky_events_total")?;
        (result.len() == TRICKY_VALUES.len()).then_some(result)
    });
    let seen: BTreeMap<String, f64> = series
        .iter()
        .map(|s| {
            let text = s["metric"]["text"]
                .as_str()
                .expect("a text label")
                .to_owned();
            (text, value_of(s))
        })
        .collect();
    let expected: BTreeMap<String, f64> = TRICKY_VALUES
        .iter()
        .enumerate()
        .map(|(i, v)| ((*v).to_owned(), i as f64 + 1.0))
        .collect();
    assert_eq!(seen, expected);
}

/// The value of one series of an instant query result.
fn value_of(series: &Value) -> f64 {
    series["value"][1]
        .as_str()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no value in {series}"))
}
