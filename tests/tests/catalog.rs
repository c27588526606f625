//! The binary-wide catalog: components of every linked crate, their clashes,
//! a metrics reference, and rule files checked against it.

use metrics_tests::support;

use std::path::{Path, PathBuf};

use prometheus_component::catalog::{self, Clash, RuleProblem};
use prometheus_component::prometheus::{HistogramVec, IntCounter, IntGauge};
use prometheus_component::{Error, Metrics, NativeHistogram, Registry};

/// This crate's `http` component, as another team would write it: the
/// crate `metrics-ui-tests` (a dependency) has a `shop::HttpMetrics` with
/// the same component name and the same metric.
#[derive(Metrics)]
#[metrics(component = "http", namespace = "shop")]
pub struct FrontMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

/// The search service.
#[derive(Metrics)]
#[metrics(component = "search")]
pub struct SearchMetrics {
    /// Queries answered, by index.
    #[metric(labels = ["index"], buckets = [0.01, 0.1, 1.0])]
    pub query_seconds: HistogramVec,
    /// Documents in the index.
    #[metric(const_labels = [("shard", "a")])]
    pub documents: IntGauge,
}

/// Ranking: one native histogram alone, one with classic buckets too.
#[derive(Metrics)]
#[metrics(component = "rank")]
pub struct RankMetrics {
    /// Time to rank, native buckets only.
    #[metric(native())]
    pub score_seconds: NativeHistogram,
    /// Time to fetch, native and classic buckets.
    #[metric(native(), buckets = [0.1, 1.0])]
    pub fetch_seconds: NativeHistogram,
}

/// Makes the linker keep the other crate (its catalog entry with it).
fn other_crate() -> &'static str {
    metrics_ui_tests::shop::HttpMetrics::COMPONENT
}

#[test]
fn the_catalog_holds_the_components_of_every_linked_crate() {
    assert_eq!(other_crate(), "http");
    let mut found: Vec<(&str, &str)> = catalog::components()
        .map(|entry| (entry.component(), entry.type_name()))
        .collect();
    found.sort();
    assert!(
        found.contains(&("http", "catalog::FrontMetrics")),
        "{found:?}"
    );
    assert!(
        found.contains(&("http", "metrics_ui_tests::shop::HttpMetrics")),
        "{found:?}"
    );
    assert!(
        found.contains(&("search", "catalog::SearchMetrics")),
        "{found:?}"
    );
    let search = catalog::components()
        .find(|entry| entry.component() == "search")
        .unwrap();
    assert_eq!(search.module_path(), "catalog");
    assert_eq!(search.descriptors(), SearchMetrics::descriptors());
}

#[test]
fn check_finds_the_clash_between_two_crates_and_names_both_owners() {
    other_crate();
    let clashes = catalog::check().unwrap_err();
    assert_eq!(clashes.len(), 2, "{clashes:?}");
    assert!(matches!(
        clashes[0],
        Clash::Component {
            component: "http",
            ..
        }
    ));
    assert!(matches!(
        clashes[1],
        Clash::Metric {
            metric: "shop_http_requests_total",
            ..
        }
    ));
    assert_eq!(
        clashes[0].to_string(),
        "`catalog::FrontMetrics` (in `catalog`) and `metrics_ui_tests::shop::HttpMetrics` (in `metrics_ui_tests::shop`) both declare the component name `http`: rename one of them"
    );
    assert!(clashes[1]
        .to_string()
        .contains("both declare the metric `shop_http_requests_total`"));
}

#[test]
fn register_all_registers_the_rest_and_reports_the_clash() {
    other_crate();
    let registry = Registry::new();
    let errors = registry.register_all().unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(matches!(
        errors[0],
        Error::ComponentClash {
            component: "http",
            ..
        }
    ));
    // Everything else is registered, its series exported from the start.
    let components = registry.components();
    assert!(components.contains(&"search") && components.contains(&"http"));
    assert!(registry
        .encode_text()
        .contains("search_documents{shard=\"a\"} 0\n"));
    // Idempotent: the same outcome again, nothing registered twice.
    assert_eq!(registry.register_all().unwrap_err().len(), 1);
    assert_eq!(registry.components(), components);
}

#[test]
fn markdown_lists_every_metric_with_its_declaration() {
    other_crate();
    let reference = catalog::markdown();
    assert!(reference.starts_with("# Metrics\n"));
    assert!(reference.contains(
        "\n## `search`\n\nDeclared by `catalog::SearchMetrics` in `catalog`.\n\n\
         | metric | type | help | labels | buckets | constant labels |\n|---|---|---|---|---|---|\n\
         | `search_query_seconds` | histogram | Queries answered, by index. | `index` | 0.01, 0.1, 1 |  |\n\
         | `search_documents` | gauge | Documents in the index. |  |  | `shard=\"a\"` |\n"
    ), "{reference}");
    // Both `http` components, in a stable order.
    let front = reference.find("`catalog::FrontMetrics`").unwrap();
    let shop = reference
        .find("`metrics_ui_tests::shop::HttpMetrics`")
        .unwrap();
    assert!(front < shop);
}

fn rules_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const VALID_RULES: &str = r#"groups:
  - name: search
    rules:
      - record: search:query_seconds:p99
        expr: histogram_quantile(0.99, sum by (le, index) (rate(search_query_seconds_bucket{index!=""}[5m])))
      - alert: SearchSlow
        expr: search:query_seconds:p99{index="products"} > 0.5
        for: 10m
        labels:
          severity: page
      - alert: SearchEmpty
        expr: sum without (instance) (search_documents{shard="a", job="search"}) == 0
      - alert: SearchDown
        expr: up{job="search"} == 0 or absent(scrape_duration_seconds{job="search"})
      - alert: NoQueries
        expr: rate(search_query_seconds_count[5m]) == 0 and on (instance) rate(search_query_seconds_sum[5m]) == 0
      - alert: TooManyAlerts
        expr: count(ALERTS{alertstate="firing"}) > 10
  - name: front
    rules:
      - alert: FrontIdle
        expr: rate(shop_http_requests_total{cluster="eu"}[15m]) == 0
"#;

#[test]
fn a_valid_rules_file_passes_here_and_in_promtool() {
    let dir = support::TempDir::new("rules");
    let path = rules_file(dir.path(), "valid.yml", VALID_RULES);
    // `cluster` is an external label of this deployment.
    catalog::check_rules_with(&path, &["cluster"]).unwrap();
    if let Some(promtool) = support::promtool() {
        let out = std::process::Command::new(promtool)
            .args(["check", "rules"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "promtool refused it: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_renamed_metric_and_a_misspelt_label_are_reported() {
    let dir = support::TempDir::new("rules");
    let path = rules_file(
        dir.path(),
        "broken.yml",
        r#"groups:
  - name: search
    rules:
      - alert: SearchSlow
        expr: histogram_quantile(0.99, rate(search_latency_seconds_bucket[5m])) > 0.5
      - alert: ShardEmpty
        expr: search_documents{shard="a", shrad="b"} == 0
"#,
    );
    let problems = catalog::check_rules(&path).unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(matches!(
        &problems[0],
        RuleProblem::UnknownMetric { rule, metric, .. }
            if rule == "SearchSlow" && metric == "search_latency_seconds_bucket"
    ));
    assert!(matches!(
        &problems[1],
        RuleProblem::UnknownLabel { rule, label, .. } if rule == "ShardEmpty" && label == "shrad"
    ));
    let shown = path.display();
    assert_eq!(
        problems[0].to_string(),
        format!("{shown}: group `search`, rule `SearchSlow`: `search_latency_seconds_bucket`: no component exports a metric `search_latency_seconds_bucket`, and no rule in the file records it")
    );
    assert_eq!(
        problems[1].to_string(),
        format!("{shown}: group `search`, rule `ShardEmpty`: `search_documents{{shard=\"a\",shrad=\"b\"}}`: `search_documents` has no label `shrad` (its labels: `instance`, `job`, `shard`)")
    );
}

#[test]
fn the_buckets_of_a_native_only_histogram_are_reported_with_what_to_select() {
    let dir = support::TempDir::new("rules");
    let path = rules_file(
        dir.path(),
        "native.yml",
        r#"groups:
  - name: rank
    rules:
      - alert: RankSlow
        expr: histogram_quantile(0.9, rate(rank_score_seconds_bucket[5m])) > 1
      - alert: RankSlowNative
        expr: histogram_quantile(0.9, rate(rank_score_seconds[5m])) > 1
      - alert: FetchSlow
        expr: histogram_quantile(0.9, rate(rank_fetch_seconds_bucket{le!=""}[5m])) > 1
      - alert: RankIdle
        expr: rate(rank_score_seconds_count[5m]) == 0
"#,
    );
    let problems = catalog::check_rules(&path).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(matches!(
        &problems[0],
        RuleProblem::NativeHistogramBuckets { rule, histogram, .. }
            if rule == "RankSlow" && histogram == "rank_score_seconds"
    ));
    assert_eq!(
        problems[0].to_string(),
        format!("{}: group `rank`, rule `RankSlow`: `rank_score_seconds_bucket`: `rank_score_seconds` is a native histogram without classic buckets, so it has no `_bucket` series; select `rank_score_seconds` itself (for example `histogram_quantile(0.9, rate(rank_score_seconds[5m]))`), or declare classic `buckets = [...]` on it", path.display())
    );
}

#[test]
fn a_file_that_does_not_parse_is_an_error_with_its_position() {
    let dir = support::TempDir::new("rules");
    let yaml = rules_file(
        dir.path(),
        "bad.yml",
        "groups:\n  - name: x\n    rules: [\n",
    );
    let problems = catalog::check_rules(&yaml).unwrap_err();
    assert!(
        matches!(&problems[..], [RuleProblem::Unreadable { place, .. }] if place.starts_with("line ")),
        "{problems:?}"
    );
    let promql = rules_file(
        dir.path(),
        "bad-promql.yml",
        "groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: rate(search_documents[5m]\n",
    );
    let problems = catalog::check_rules(&promql).unwrap_err();
    assert!(
        matches!(&problems[..], [RuleProblem::Unreadable { place, .. }] if place == "group `x`, rule `Broken`"),
        "{problems:?}"
    );
}

#[test]
fn promtool_accepts_the_demo_rules() {
    let Some(promtool) = support::promtool() else {
        return;
    };
    let out = std::process::Command::new(promtool)
        .args([
            "check",
            "rules",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../metrics-runtime/examples/demo/alerts.yml"
            ),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
