//! Reading a registry back in tests: a counter's or gauge's value, a
//! histogram's count, sum and buckets, and a golden-text comparison, for
//! `TestMetrics` and `TestRegistry` alike.

use std::fmt;

use crate::encoding::format::Format;
use crate::native::snapshot::NativeHistogramSample;
use crate::registry::Registry;
use crate::testing::text_samples::{self, Sample};

/// What a histogram series holds, read back by [`TestMetrics::histogram`](crate::TestMetrics::histogram)
/// and [`TestRegistry::histogram`](crate::TestRegistry::histogram).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct HistogramSample {
    /// How many observations were made.
    pub count: u64,
    /// The sum of all observations.
    pub sum: f64,
    /// `(upper bound, cumulative count)` of each declared bucket, in
    /// increasing order; the implicit `+Inf` bucket's count is `count`.
    pub buckets: Vec<(f64, u64)>,
}

/// The latest exemplar of a series, read back by
/// [`TestMetrics::exemplar`](crate::TestMetrics::exemplar) and
/// [`TestRegistry::exemplar`](crate::TestRegistry::exemplar).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExemplarSample {
    /// Its labels, as given (a trace id, typically).
    pub labels: Vec<(String, String)>,
    /// The value it was recorded with: the increment, or the observation.
    pub value: f64,
    /// When it was recorded, in seconds since the epoch.
    pub timestamp: f64,
}

/// [`TestMetrics::exemplar`](crate::TestMetrics::exemplar) and
/// [`TestRegistry::exemplar`](crate::TestRegistry::exemplar): the exemplar
/// of the counter series, or the latest of the histogram series (of its
/// bucket `le` when `labels` gives one), as OpenMetrics exports it.
#[track_caller]
pub(crate) fn exemplar_in(
    registry: &Registry,
    full_name: &str,
    labels: &[(&str, &str)],
) -> Option<ExemplarSample> {
    known_samples(registry, full_name);
    let mut text = Vec::new();
    registry.encode(Format::OpenMetrics, &mut text);
    let text = String::from_utf8_lossy(&text);
    let counter = format!("{full_name}_total");
    let bucket = format!("{full_name}_bucket");
    let ignored: &[&str] = if labels.iter().any(|(name, _)| *name == "le") {
        &[]
    } else {
        &["le"]
    };
    text_samples::parse_exemplars(&text)
        .into_iter()
        .filter(|(sample, _)| {
            [full_name, &counter, &bucket].contains(&sample.name.as_str())
                && labels_match(registry, sample, labels, ignored)
        })
        .map(|(_, (labels, value, timestamp))| ExemplarSample {
            labels,
            value,
            timestamp: timestamp.unwrap_or_default(),
        })
        .max_by(|a, b| a.timestamp.total_cmp(&b.timestamp))
}

/// [`TestMetrics::value`](crate::TestMetrics::value) and [`TestRegistry::value`](crate::TestRegistry::value).
#[track_caller]
pub(crate) fn value_in(
    registry: &Registry,
    full_name: &str,
    labels: &[(&str, &str)],
) -> Option<f64> {
    known_samples(registry, full_name)
        .into_iter()
        .find(|s| s.name == full_name && labels_match(registry, s, labels, &[]))
        .map(|s| s.value)
}

/// [`TestMetrics::histogram`](crate::TestMetrics::histogram) and [`TestRegistry::histogram`].
#[track_caller]
pub(crate) fn histogram_in(
    registry: &Registry,
    full_name: &str,
    labels: &[(&str, &str)],
) -> Option<HistogramSample> {
    let samples: Vec<Sample> = known_samples(registry, full_name)
        .into_iter()
        .filter(|s| s.family == full_name && labels_match(registry, s, labels, &["le"]))
        .collect();
    let find = |suffix: &str| {
        samples
            .iter()
            .find(|s| s.name.strip_prefix(full_name) == Some(suffix))
            .map(|s| s.value)
    };
    let count = find("_count")?;
    let sum = find("_sum")?;
    let buckets = samples
        .iter()
        .filter(|s| s.name.strip_prefix(full_name) == Some("_bucket"))
        .filter_map(|s| {
            let (_, le) = s.labels.iter().find(|(name, _)| name == "le")?;
            let bound: f64 = le.parse().ok()?;
            bound.is_finite().then_some((bound, s.value as u64))
        })
        .collect();
    Some(HistogramSample {
        count: count as u64,
        sum,
        buckets,
    })
}

/// [`TestMetrics::native_histogram`](crate::TestMetrics::native_histogram)
/// and [`TestRegistry::native_histogram`](crate::TestRegistry::native_histogram).
#[track_caller]
pub(crate) fn native_histogram_in(
    registry: &Registry,
    full_name: &str,
    labels: &[(&str, &str)],
) -> Option<NativeHistogramSample> {
    known_samples(registry, full_name);
    let const_labels = registry.const_labels_of(full_name);
    registry
        .native_series(full_name)
        .into_iter()
        .find(|(pairs, _)| {
            let pairs: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            pairs_match(&pairs, labels, const_labels)
        })
        .map(|(_, sample)| sample)
}

/// Whether `pairs` carry exactly `wanted`, besides the constant labels.
fn pairs_match(
    pairs: &[(&str, &str)],
    wanted: &[(&str, &str)],
    const_labels: &[(&str, &str)],
) -> bool {
    wanted.iter().all(|w| pairs.contains(w))
        && pairs.iter().all(|(k, _)| {
            wanted.iter().any(|(wk, _)| wk == k) || const_labels.iter().any(|(ck, _)| ck == k)
        })
}

/// [`TestMetrics::compare_text`](crate::TestMetrics::compare_text) and [`TestRegistry::compare_text`](crate::TestRegistry::compare_text).
pub(crate) fn compare_text_in(
    registry: &Registry,
    expected: &str,
    names: &[&str],
) -> Result<(), TextMismatch> {
    let actual = select_families(&registry.encode_text(), names);
    let expected = normalize(expected);
    if actual == expected {
        Ok(())
    } else {
        Err(TextMismatch { expected, actual })
    }
}

/// The registry's samples, after checking that `full_name` is a metric
/// there: declared by a registered component (a `*Vec` may have no series
/// yet) or exported by some collector. A name that is neither is a typo in
/// the test, which a quiet `None` would hide.
#[track_caller]
fn known_samples(registry: &Registry, full_name: &str) -> Vec<Sample> {
    let samples = text_samples::parse(&registry.encode_text());
    let mut names = registry.declared_names();
    // A histogram's `_count`, `_sum` and `_bucket` series count as known.
    let exported = |s: &Sample| s.family == full_name || s.name == full_name;
    if names.contains(&full_name) || samples.iter().any(exported) {
        return samples;
    }
    names.extend(samples.iter().map(|s| s.family.as_str()));
    names.sort_unstable();
    names.dedup();
    let listed: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    panic!(
        "no metric named `{full_name}` is registered here; the metrics there are: {}",
        if listed.is_empty() {
            "none".to_owned()
        } else {
            listed.join(", ")
        }
    );
}

/// Whether `sample` carries exactly `wanted`, besides its metric's
/// constant labels and the `ignored` ones.
fn labels_match(
    registry: &Registry,
    sample: &Sample,
    wanted: &[(&str, &str)],
    ignored: &[&str],
) -> bool {
    let const_labels = registry.const_labels_of(&sample.family);
    let all_wanted_present = wanted
        .iter()
        .all(|(k, v)| sample.labels.iter().any(|(sk, sv)| sk == k && sv == v));
    let rest_known = sample.labels.iter().all(|(k, _)| {
        wanted.iter().any(|(wk, _)| wk == k)
            || ignored.contains(&k.as_str())
            || const_labels.iter().any(|(ck, _)| ck == k)
    });
    all_wanted_present && rest_known
}

fn normalize(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

fn select_families(text: &str, names: &[&str]) -> Vec<String> {
    let mut keep = names.is_empty();
    let mut lines = Vec::new();
    for line in normalize(text) {
        if let Some(family) = text_samples::family_of_comment(&line) {
            keep = names.is_empty() || names.contains(&family);
        }
        if keep {
            lines.push(line);
        }
    }
    lines
}

/// The difference [`TestMetrics::compare_text`](crate::TestMetrics::compare_text) found: shown as a line diff,
/// `-` for expected lines missing from the exposition and `+` for lines
/// the exposition has in their place.
#[derive(Clone, PartialEq, Eq)]
pub struct TextMismatch {
    expected: Vec<String>,
    actual: Vec<String>,
}

impl TextMismatch {
    /// The expected lines, normalized.
    pub fn expected(&self) -> &[String] {
        &self.expected
    }

    /// The exposition's lines, normalized and restricted to the named families.
    pub fn actual(&self) -> &[String] {
        &self.actual
    }
}

impl fmt::Display for TextMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "exposition differs from the expected text (-expected +actual):"
        )?;
        for line in crate::testing::diff::lines(&self.expected, &self.actual) {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for TextMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for TextMismatch {}
