//! Prometheus rule files checked against the catalog: the most common
//! silent breakage after a metric or label is renamed is a rule that now
//! matches nothing.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use promql_parser::label::{MatchOp, METRIC_NAME};
use promql_parser::parser::{self, Expr, VectorSelector};
use yaml_rust2::{Yaml, YamlLoader};

use super::components;
use crate::encoding::metric_type::MetricType;

/// Labels every scraped series has: the target's.
const TARGET_LABELS: &[&str] = &["job", "instance"];

/// A rule that names a metric or label no catalogued component exports,
/// or a rule file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleProblem {
    /// A selector names a metric that no component exports and no rule in
    /// the file records.
    UnknownMetric {
        /// The rule file.
        file: PathBuf,
        /// The rule group's name.
        group: String,
        /// The alert's or the recorded series' name.
        rule: String,
        /// The selector, as PromQL.
        selector: String,
        /// The metric name.
        metric: String,
    },
    /// A selector matches on a label the metric does not have.
    UnknownLabel {
        /// The rule file.
        file: PathBuf,
        /// The rule group's name.
        group: String,
        /// The alert's or the recorded series' name.
        rule: String,
        /// The selector, as PromQL.
        selector: String,
        /// The metric name.
        metric: String,
        /// The label matched on.
        label: String,
        /// The labels the metric has.
        known: Vec<String>,
    },
    /// A selector names the `_bucket` series of a native histogram that
    /// declares no classic buckets: Prometheus stores such a histogram as
    /// one native series, so there is no `_bucket` series to select.
    NativeHistogramBuckets {
        /// The rule file.
        file: PathBuf,
        /// The rule group's name.
        group: String,
        /// The alert's or the recorded series' name.
        rule: String,
        /// The selector, as PromQL.
        selector: String,
        /// The native histogram's name.
        histogram: String,
    },
    /// The file is not a rule file that can be read: YAML (with its
    /// position), its layout, or a rule's PromQL.
    Unreadable {
        /// The rule file.
        file: PathBuf,
        /// Where, when it is known: line and column (1-based), or the
        /// group and rule.
        place: String,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleProblem::UnknownMetric {
                file,
                group,
                rule,
                selector,
                metric,
            } => write!(
                f,
                "{}: group `{group}`, rule `{rule}`: `{selector}`: no component exports a metric `{metric}`, and no rule in the file records it",
                file.display()
            ),
            RuleProblem::UnknownLabel {
                file,
                group,
                rule,
                selector,
                metric,
                label,
                known,
            } => write!(
                f,
                "{}: group `{group}`, rule `{rule}`: `{selector}`: `{metric}` has no label `{label}` (its labels: {})",
                file.display(),
                known
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            RuleProblem::NativeHistogramBuckets {
                file,
                group,
                rule,
                selector,
                histogram,
            } => write!(
                f,
                "{}: group `{group}`, rule `{rule}`: `{selector}`: `{histogram}` is a native histogram without classic buckets, so it has no `_bucket` series; select `{histogram}` itself (for example `histogram_quantile(0.9, rate({histogram}[5m]))`), or declare classic `buckets = [...]` on it",
                file.display()
            ),
            RuleProblem::Unreadable {
                file,
                place,
                message,
            } => write!(f, "{}: {place}: {message}", file.display()),
        }
    }
}

impl std::error::Error for RuleProblem {}

/// Checks the Prometheus rule file at `path` (the YAML
/// `groups[].rules[]` format) against every component linked into this
/// binary: each metric name in an `expr` must be exported by a component,
/// and each label matched on must be one of that metric's labels.
///
/// These resolve without a component: a histogram's `_bucket`, `_sum` and
/// `_count` series (and `le` on `_bucket`), names recorded by rules in the
/// same file, `up`, the `scrape_*` series, `ALERTS` and
/// `ALERTS_FOR_STATE`, and the target labels `job` and `instance`. Other
/// labels that relabelling or external labels add are passed to
/// [`check_rules_with`].
///
/// ```
/// use prometheus_component::prometheus::IntCounterVec;
/// use prometheus_component::{catalog, Metrics};
///
/// /// The checkout.
/// #[derive(Metrics)]
/// #[metrics(component = "checkout")]
/// struct CheckoutMetrics {
///     /// Payments refused, by provider.
///     #[metric(labels = ["provider"])]
///     refused_total: IntCounterVec,
/// }
///
/// let rules = std::env::temp_dir().join("checkout-rules.yml");
/// std::fs::write(&rules, r#"
/// groups:
///   - name: checkout
///     rules:
///       - alert: PaymentsRefused
///         expr: rate(checkout_refused_total{provder="visa"}[5m]) > 1
/// "#)?;
/// let problems = catalog::check_rules(&rules).unwrap_err();
/// assert_eq!(
///     problems[0].to_string(),
///     format!(
///         "{}: group `checkout`, rule `PaymentsRefused`: `checkout_refused_total{{provder=\"visa\"}}`: \
///          `checkout_refused_total` has no label `provder` (its labels: `instance`, `job`, `provider`)",
///         rules.display()
///     )
/// );
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn check_rules(path: impl AsRef<Path>) -> Result<(), Vec<RuleProblem>> {
    check_rules_with(path, &[])
}

/// [`check_rules`], with `extra_labels` accepted on every metric besides
/// `job` and `instance` (labels that relabelling or external labels add).
pub fn check_rules_with(
    path: impl AsRef<Path>,
    extra_labels: &[&str],
) -> Result<(), Vec<RuleProblem>> {
    let file = path.as_ref().to_path_buf();
    let unreadable = |place: String, message: String| {
        vec![RuleProblem::Unreadable {
            file: file.clone(),
            place,
            message,
        }]
    };
    let text = std::fs::read_to_string(&file)
        .map_err(|error| unreadable("the file".into(), error.to_string()))?;
    let docs = YamlLoader::load_from_str(&text).map_err(|error| {
        let at = error.marker();
        unreadable(
            format!("line {}, column {}", at.line(), at.col() + 1),
            error.info().to_owned(),
        )
    })?;
    let rules = read_rules(&docs).map_err(|message| unreadable("layout".into(), message))?;
    let known = Known::from_catalog(&rules, extra_labels);
    let mut problems = Vec::new();
    for rule in &rules {
        let place = || format!("group `{}`, rule `{}`", rule.group, rule.name);
        match parser::parse(&rule.expr) {
            Ok(expr) => {
                let mut selectors = Vec::new();
                selectors_in(&expr, &mut selectors);
                for selector in selectors {
                    problems.extend(known.check(&file, rule, selector));
                }
            }
            Err(message) => problems.push(RuleProblem::Unreadable {
                file: file.clone(),
                place: place(),
                message: format!("the expression does not parse: {message}"),
            }),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// One rule of the file.
struct Rule {
    group: String,
    name: String,
    record: bool,
    expr: String,
}

fn read_rules(docs: &[Yaml]) -> Result<Vec<Rule>, String> {
    let mut rules = Vec::new();
    for doc in docs {
        let Some(groups) = doc["groups"].as_vec() else {
            return Err("expected `groups:`, a list of rule groups".into());
        };
        for group in groups {
            let Some(group_name) = group["name"].as_str() else {
                return Err("a group has no `name`".into());
            };
            for rule in group["rules"]
                .as_vec()
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                let (name, record) = match (rule["record"].as_str(), rule["alert"].as_str()) {
                    (Some(record), _) => (record, true),
                    (None, Some(alert)) => (alert, false),
                    (None, None) => {
                        return Err(format!(
                            "a rule of group `{group_name}` has neither `record` nor `alert`"
                        ))
                    }
                };
                let expr = match &rule["expr"] {
                    Yaml::String(expr) => expr.clone(),
                    Yaml::Integer(n) => n.to_string(),
                    Yaml::Real(n) => n.clone(),
                    _ => return Err(format!("rule `{name}` has no `expr`")),
                };
                rules.push(Rule {
                    group: group_name.to_owned(),
                    name: name.to_owned(),
                    record,
                    expr,
                });
            }
        }
    }
    Ok(rules)
}

/// Every vector selector in `expr`, those of range selectors included.
fn selectors_in<'a>(expr: &'a Expr, out: &mut Vec<&'a VectorSelector>) {
    match expr {
        Expr::VectorSelector(vs) => out.push(vs),
        Expr::MatrixSelector(ms) => out.push(&ms.vs),
        Expr::Aggregate(agg) => {
            selectors_in(&agg.expr, out);
            if let Some(param) = &agg.param {
                selectors_in(param, out);
            }
        }
        Expr::Unary(unary) => selectors_in(&unary.expr, out),
        Expr::Binary(binary) => {
            selectors_in(&binary.lhs, out);
            selectors_in(&binary.rhs, out);
        }
        Expr::Paren(paren) => selectors_in(&paren.expr, out),
        Expr::Subquery(subquery) => selectors_in(&subquery.expr, out),
        Expr::Call(call) => {
            for arg in &call.args.args {
                selectors_in(arg, out);
            }
        }
        Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::Extension(_) => {}
    }
}

/// What a selector may name: each exported series name with its labels,
/// and the names whose labels are not known (recorded by a rule, or
/// Prometheus's own), which take any label.
struct Known {
    labels: HashMap<String, Vec<String>>,
    any_labels: HashSet<String>,
    /// `<name>_bucket` of each native histogram without classic buckets,
    /// to its name.
    native_only: HashMap<String, String>,
}

impl Known {
    fn from_catalog(rules: &[Rule], extra_labels: &[&str]) -> Known {
        let mut labels: HashMap<String, Vec<String>> = HashMap::new();
        let mut native_only = HashMap::new();
        for entry in components() {
            for d in entry.descriptors() {
                let mut names: Vec<String> = d.labels().iter().map(|l| l.to_string()).collect();
                names.extend(d.const_labels().iter().map(|(l, _)| l.to_string()));
                names.extend(
                    TARGET_LABELS
                        .iter()
                        .chain(extra_labels)
                        .map(|l| l.to_string()),
                );
                let mut add = |series: String, extra: Option<&str>| {
                    let mut names = names.clone();
                    names.extend(extra.map(str::to_owned));
                    names.sort();
                    names.dedup();
                    labels.insert(series, names);
                };
                if d.metric_type() == MetricType::Histogram {
                    if d.native_params().is_some() && d.buckets().is_none() {
                        native_only.insert(format!("{}_bucket", d.name()), d.name().to_owned());
                    } else {
                        add(format!("{}_bucket", d.name()), Some("le"));
                    }
                    add(format!("{}_sum", d.name()), None);
                    add(format!("{}_count", d.name()), None);
                }
                add(d.name().to_owned(), None);
            }
        }
        let mut any_labels: HashSet<String> = ["up", "ALERTS", "ALERTS_FOR_STATE"]
            .into_iter()
            .map(str::to_owned)
            .collect();
        any_labels.extend(rules.iter().filter(|r| r.record).map(|r| r.name.clone()));
        Known {
            labels,
            any_labels,
            native_only,
        }
    }

    fn check(&self, file: &Path, rule: &Rule, selector: &VectorSelector) -> Vec<RuleProblem> {
        let by_matcher = selector
            .matchers
            .matchers
            .iter()
            .find(|m| m.name == METRIC_NAME && matches!(m.op, MatchOp::Equal))
            .map(|m| m.value.clone());
        // A name given by a regular expression is not checked.
        let Some(metric) = selector.name.clone().or(by_matcher) else {
            return Vec::new();
        };
        if self.any_labels.contains(&metric) || metric.starts_with("scrape_") {
            return Vec::new();
        }
        let shown = || selector.to_string();
        if let Some(histogram) = self.native_only.get(&metric) {
            return vec![RuleProblem::NativeHistogramBuckets {
                file: file.to_path_buf(),
                group: rule.group.clone(),
                rule: rule.name.clone(),
                selector: shown(),
                histogram: histogram.clone(),
            }];
        }
        let Some(known) = self.labels.get(&metric) else {
            return vec![RuleProblem::UnknownMetric {
                file: file.to_path_buf(),
                group: rule.group.clone(),
                rule: rule.name.clone(),
                selector: shown(),
                metric,
            }];
        };
        let matchers = selector
            .matchers
            .matchers
            .iter()
            .chain(selector.matchers.or_matchers.iter().flatten());
        matchers
            .filter(|m| m.name != METRIC_NAME && !known.contains(&m.name))
            .map(|m| RuleProblem::UnknownLabel {
                file: file.to_path_buf(),
                group: rule.group.clone(),
                rule: rule.name.clone(),
                selector: shown(),
                metric: metric.clone(),
                label: m.name.clone(),
                known: known.clone(),
            })
            .collect()
    }
}
