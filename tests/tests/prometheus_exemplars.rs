//! A real Prometheus with exemplar storage on scrapes the demo's
//! components in OpenMetrics and stores their exemplars: the query API
//! returns the trace ids the demo recorded.

use metrics_tests::support;

#[path = "../../metrics-runtime/examples/demo/components.rs"]
mod demo;

use prometheus_component::{Exporter, Format, Metrics, Registry};

/// The trace ids of the exemplars in the registry's OpenMetrics page.
fn exported_trace_ids(registry: &Registry) -> Vec<String> {
    let mut text = Vec::new();
    registry.encode(Format::OpenMetrics, &mut text);
    String::from_utf8(text)
        .unwrap()
        .split("# {trace_id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect()
}

#[test]
fn prometheus_stores_the_demo_exemplars_with_their_trace_ids() {
    let registry = Registry::new();
    let http = demo::HttpMetrics::register(&registry).expect("http registers");
    let db = demo::DbMetrics::register(&registry).expect("db registers");
    let cache = demo::CacheMetrics::register(&registry).expect("cache registers");
    for round in 0..50 {
        demo::simulate(&http, &db, &cache, round);
    }
    let exported = exported_trace_ids(&registry);
    assert!(exported.len() >= 2, "{exported:?}");
    assert!(exported
        .iter()
        .all(|id| id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit())));

    let exporter = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let Some(prometheus) =
        support::prometheus_with_features(&[exporter.local_addr()], &["exemplar-storage"])
    else {
        return;
    };
    for query in [
        "shop_http_requests_total",
        "shop_http_latency_seconds_bucket",
    ] {
        let series = prometheus.wait_for(&format!("exemplars of {query}"), || {
            prometheus.query_exemplars(query)
        });
        println!(
            "query_exemplars {query} => {}",
            serde_json::Value::Array(series.clone())
        );
        let stored: Vec<String> = series
            .iter()
            .flat_map(|s| s["exemplars"].as_array().cloned().unwrap_or_default())
            .filter_map(|e| e["labels"]["trace_id"].as_str().map(str::to_owned))
            .collect();
        assert!(!stored.is_empty(), "{series:?}");
        assert!(
            stored.iter().all(|id| exported.contains(id)),
            "stored {stored:?}, exported {exported:?}"
        );
    }
}
