//! A real Prometheus with native histograms on asks for protobuf first,
//! scrapes the demo's components, and stores the demo's native histogram
//! as one: its count, sum and buckets come back from the query API, and
//! `histogram_quantile` over its rate lies within a bucket of the truth.

use metrics_tests::support;

#[path = "../../metrics-runtime/examples/demo/components.rs"]
mod demo;

use prometheus_component::{Exporter, Metrics, Registry};

#[test]
fn prometheus_stores_the_demo_native_histogram_from_protobuf() {
    let registry = Registry::new();
    let http = demo::HttpMetrics::register(&registry).expect("http registers");
    let db = demo::DbMetrics::register(&registry).expect("db registers");
    let cache = demo::CacheMetrics::register(&registry).expect("cache registers");
    for round in 0..50 {
        demo::simulate(&http, &db, &cache, round);
    }
    let count = http.response_seconds.get_sample_count();
    let sum = http.response_seconds.get_sample_sum();
    assert!(count > 50, "{count} observations");

    let exporter = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let Some(prometheus) =
        support::prometheus_with_features(&[exporter.local_addr()], &["native-histograms"])
    else {
        return;
    };

    // One sample holding the whole histogram: the native form.
    let series = prometheus.wait_for("the native histogram", || {
        let result = prometheus.query("shop_http_response_seconds")?;
        result
            .first()
            .filter(|s| s.get("histogram").is_some())
            .cloned()
    });
    let histogram = &series["histogram"][1];
    println!("shop_http_response_seconds => {histogram}");
    assert_eq!(
        histogram["count"].as_str(),
        Some(count.to_string().as_str())
    );
    let stored_sum: f64 = histogram["sum"].as_str().unwrap().parse().unwrap();
    assert!((stored_sum - sum).abs() < 1e-9, "{stored_sum} != {sum}");
    let buckets = histogram["buckets"].as_array().expect("native buckets");
    // Schema 3: each bucket's upper bound is its lower bound times 2^(1/8).
    let mut in_buckets = 0.0;
    for bucket in buckets {
        let lower: f64 = bucket[1].as_str().unwrap().parse().unwrap();
        let upper: f64 = bucket[2].as_str().unwrap().parse().unwrap();
        in_buckets += bucket[3].as_str().unwrap().parse::<f64>().unwrap();
        assert!(
            (upper / lower - 2f64.powf(1.0 / 8.0)).abs() < 1e-9,
            "{bucket}"
        );
    }
    assert_eq!(in_buckets, count as f64);

    // PromQL's native histogram functions see the same.
    let stored_count = prometheus
        .query_one("histogram_count(shop_http_response_seconds)")
        .expect("histogram_count");
    assert_eq!(stored_count, count as f64);
    // The classic series of the same scrape are there too: counters, and
    // a classic histogram's buckets.
    let requests = prometheus
        .query_one("shop_http_requests_total")
        .expect("requests counted");
    assert!(requests > 0.0);
    let classic_buckets = prometheus
        .query("shop_http_latency_seconds_bucket")
        .expect("classic buckets stored");
    assert!(classic_buckets.iter().any(|s| s["metric"]["le"] == "+Inf"));

    // A known increase: 1,000 values spread over three decades. Every
    // sample in the last minute was scraped by this test, the first
    // before these, so `rate(..[1m])` has exactly their shape.
    let added: Vec<f64> = (0..1000).map(|i| 0.001 * 1.007f64.powi(i)).collect();
    for &value in &added {
        http.response_seconds.observe(value);
    }
    let total = count + added.len() as u64;
    prometheus.wait_for("the scrape after the increase", || {
        let stored = prometheus.query_one("histogram_count(shop_http_response_seconds)")?;
        (stored == total as f64).then_some(())
    });
    let estimate = prometheus
        .query_one("histogram_quantile(0.9, rate(shop_http_response_seconds[1m]))")
        .expect("histogram_quantile answers");
    // Prometheus' rank 0.9 * 1000 is the 900th smallest value; the
    // estimate lies in that value's bucket, whose bounds are a factor
    // 2^(1/8) apart at schema 3.
    let mut sorted = added.clone();
    sorted.sort_by(f64::total_cmp);
    let truth = sorted[899];
    let relative_error = (estimate / truth - 1.0).abs();
    println!("histogram_quantile(0.9) = {estimate}, true value {truth}, error {relative_error:.4}");
    assert!(
        relative_error <= 2f64.powf(1.0 / 8.0) - 1.0,
        "{estimate} is not within a schema-3 bucket of {truth}"
    );
}
