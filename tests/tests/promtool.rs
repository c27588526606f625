//! `promtool check metrics` finds nothing to report in what we export.

use metrics_tests::support;

// The demo's very own declarations and traffic.
#[path = "../../metrics-runtime/examples/demo/components.rs"]
mod demo;

use prometheus_component::{Metrics, Registry};

#[test]
fn the_demo_components_pass_promtool() {
    let Some(promtool) = support::promtool() else {
        return;
    };
    let registry = Registry::new();
    let http = demo::HttpMetrics::register(&registry).expect("http registers");
    let db = demo::DbMetrics::register(&registry).expect("db registers");
    let cache = demo::CacheMetrics::register(&registry).expect("cache registers");
    for round in 0..200 {
        demo::simulate(&http, &db, &cache, round);
    }
    let text = registry.encode_text();
    // Every family of every component is in what promtool reads.
    for descriptor in [
        demo::HttpMetrics::descriptors(),
        demo::DbMetrics::descriptors(),
        demo::CacheMetrics::descriptors(),
    ]
    .concat()
    {
        let type_line = format!(
            "# TYPE {} {}\n",
            descriptor.name(),
            descriptor.metric_type()
        );
        assert!(
            text.contains(&type_line),
            "missing {type_line:?} in:\n{text}"
        );
    }
    assert_eq!(
        support::promtool_findings(&promtool, &text),
        None,
        "exposition:\n{text}"
    );
}

#[test]
fn the_test_components_pass_promtool() {
    let Some(promtool) = support::promtool() else {
        return;
    };
    let registry = Registry::new();
    support::components::checkout(&registry);
    support::components::tricky(&registry);
    let text = registry.encode_text();
    assert!(text.contains("# TYPE it_checkout_duration_seconds histogram\n"));
    assert!(text.contains("# TYPE it_tricky_events_total counter\n"));
    assert_eq!(
        support::promtool_findings(&promtool, &text),
        None,
        "exposition:\n{text}"
    );
}

/// The check above is not vacuous: promtool does report a lint problem
/// when there is one, and the helper passes it on.
#[test]
fn promtool_findings_are_reported() {
    let Some(promtool) = support::promtool() else {
        return;
    };
    let text = "# HELP requests Requests.\n# TYPE requests counter\nrequests 1\n";
    let findings = support::promtool_findings(&promtool, text).expect("a finding");
    assert!(findings.contains("_total"), "{findings}");
}
