//! The demo's catalog: its metrics reference (`METRICS.md`) is up to date,
//! its alert rules name only what it exports, and its component and metric
//! names are unique in the binary: the one-test pattern of the README.
//!
//! Rewrite the reference after changing a declaration:
//! `UPDATE_METRICS_MD=1 cargo test -p metrics-tests --test demo`.
//!
//! This test binary is named `demo` and includes the demo's components as
//! module `components`, as the demo does, so that its catalog is the
//! demo's, with the same type names and module paths.

#[path = "../../metrics-runtime/examples/demo/components.rs"]
#[allow(dead_code)]
mod components;

use prometheus_component::{catalog, Registry};

const DEMO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../metrics-runtime/examples/demo"
);

#[test]
fn the_demo_metrics_are_unique_documented_and_alerted_on_correctly() {
    // Names unique across every linked crate.
    if let Err(clashes) = catalog::check() {
        let list: Vec<String> = clashes.iter().map(ToString::to_string).collect();
        panic!("{}", list.join("\n"));
    }
    // The reference, kept in sync.
    let path = format!("{DEMO}/METRICS.md");
    let generated = catalog::markdown();
    if std::env::var_os("UPDATE_METRICS_MD").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{path} is stale; rewrite it with `UPDATE_METRICS_MD=1 cargo test -p metrics-tests --test demo`\n{generated}"
    );
    // The alerts name only metrics and labels the demo exports.
    let rules = format!("{DEMO}/alerts.yml");
    if let Err(problems) = catalog::check_rules(&rules) {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("{}", list.join("\n"));
    }
}

#[test]
fn register_all_exports_every_demo_series_from_the_first_scrape() {
    let registry = Registry::new();
    registry.register_all().unwrap();
    let text = registry.encode_text();
    for line in [
        "shop_http_requests_total 0\n",
        "shop_http_in_flight 0\n",
        "shop_http_latency_seconds_count 0\n",
        "shop_cache_hits_total 0\n",
        "shop_db_connections 0\n",
    ] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
}
