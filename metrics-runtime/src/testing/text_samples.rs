//! Reading the text exposition back: the samples Prometheus would ingest.
//!
//! Test read-back goes through the text rather than `gather()`'s structs
//! because those structs change shape with the `prometheus` crate's
//! `protobuf` feature, which any crate in a build may turn on.

/// One sample line: `name{label="value",...} value`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sample {
    pub(crate) family: String,
    pub(crate) name: String,
    pub(crate) labels: Vec<(String, String)>,
    pub(crate) value: f64,
}

/// The samples of an exposition, each tagged with the family whose
/// `# HELP`/`# TYPE` lines precede it. Lines that do not parse are skipped:
/// the input is this crate's own exposition (`Registry::encode_text`).
pub(crate) fn parse(text: &str) -> Vec<Sample> {
    let mut family = String::new();
    let mut samples = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') {
            if let Some(name) = family_of_comment(line) {
                family = name.to_owned();
            }
            continue;
        }
        if let Some(mut sample) = parse_sample(line) {
            sample.family.clone_from(&family);
            samples.push(sample);
        }
    }
    samples
}

/// The family a line belongs to, for `# HELP`/`# TYPE` lines, or `None`.
pub(crate) fn family_of_comment(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("# ")?;
    let mut words = rest.split(' ');
    match words.next()? {
        "HELP" | "TYPE" => words.next(),
        _ => None,
    }
}

fn parse_sample(line: &str) -> Option<Sample> {
    parse_sample_and_rest(line).map(|(sample, _)| sample)
}

/// An OpenMetrics exemplar: labels, value, timestamp (seconds).
pub(crate) type ParsedExemplar = (Vec<(String, String)>, f64, Option<f64>);

/// The samples of an OpenMetrics exposition that carry an exemplar, with
/// it, each tagged with its family.
pub(crate) fn parse_exemplars(text: &str) -> Vec<(Sample, ParsedExemplar)> {
    let mut family = String::new();
    let mut found = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') {
            if let Some(name) = family_of_comment(line) {
                family = name.to_owned();
            }
            continue;
        }
        let Some((mut sample, rest)) = parse_sample_and_rest(line) else {
            continue;
        };
        let Some(exemplar) = rest.trim_start().strip_prefix("# {") else {
            continue;
        };
        let Some((labels, after)) = parse_labels(exemplar) else {
            continue;
        };
        let mut tokens = after.split_whitespace();
        let Some(value) = tokens.next().and_then(parse_value) else {
            continue;
        };
        let timestamp = tokens.next().and_then(parse_value);
        sample.family.clone_from(&family);
        found.push((sample, (labels, value, timestamp)));
    }
    found
}

/// A sample line, and what follows its value.
fn parse_sample_and_rest(line: &str) -> Option<(Sample, &str)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let name_end = line.find(['{', ' '])?;
    let name = &line[..name_end];
    let mut rest = &line[name_end..];
    let mut labels = Vec::new();
    if let Some(after_brace) = rest.strip_prefix('{') {
        let (parsed, after) = parse_labels(after_brace)?;
        labels = parsed;
        rest = after;
    }
    let rest = rest.trim_start();
    let value_end = rest.find(' ').unwrap_or(rest.len());
    let value = parse_value(&rest[..value_end])?;
    let sample = Sample {
        family: String::new(),
        name: name.to_owned(),
        labels,
        value,
    };
    Some((sample, &rest[value_end..]))
}

/// Parses `a="x",b="y"}` and returns the pairs and what follows the `}`.
fn parse_labels(mut s: &str) -> Option<(Vec<(String, String)>, &str)> {
    let mut labels = Vec::new();
    loop {
        s = s.trim_start_matches(',');
        if let Some(after) = s.strip_prefix('}') {
            return Some((labels, after));
        }
        let eq = s.find('=')?;
        let name = s[..eq].trim().to_owned();
        let mut chars = s[eq + 1..].strip_prefix('"')?.char_indices();
        let mut value = String::new();
        let consumed = loop {
            match chars.next()? {
                (i, '"') => break i + 1,
                (_, '\\') => match chars.next()?.1 {
                    'n' => value.push('\n'),
                    other => value.push(other),
                },
                (_, c) => value.push(c),
            }
        };
        labels.push((name, value));
        s = &s[eq + 1 + 1 + consumed..];
    }
}

fn parse_value(token: &str) -> Option<f64> {
    match token {
        "+Inf" => Some(f64::INFINITY),
        "-Inf" => Some(f64::NEG_INFINITY),
        "NaN" => Some(f64::NAN),
        _ => token.parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_labels_values_and_families() {
        let text = "# HELP a_total A.\n# TYPE a_total counter\na_total 3\n\
                    # HELP h H.\n# TYPE h histogram\nh_bucket{x=\"1\",le=\"+Inf\"} 2\nh_sum 1.5\n";
        let samples = parse(text);
        assert_eq!(samples.len(), 3);
        assert_eq!(samples[0].family, "a_total");
        assert_eq!(samples[0].value, 3.0);
        assert_eq!(samples[1].family, "h");
        assert_eq!(samples[1].name, "h_bucket");
        assert_eq!(
            samples[1].labels,
            [("x".into(), "1".into()), ("le".into(), "+Inf".into())]
        );
        assert_eq!(samples[2].value, 1.5);
    }

    #[test]
    fn unescapes_label_values() {
        let sample = parse_sample(r#"m{v="a \"q\" \\ b\nc",w="}{,="} 1"#).expect("sample");
        assert_eq!(sample.labels[0].1, "a \"q\" \\ b\nc");
        assert_eq!(sample.labels[1].1, "}{,=");
        assert_eq!(sample.value, 1.0);
    }

    #[test]
    fn reads_exemplars_after_the_value() {
        let text = "# TYPE c counter\nc_total{a=\"1\"} 3 # {trace_id=\"x y\"} 1 1765000000.5\nc_created 1\n";
        let found = parse_exemplars(text);
        assert_eq!(found.len(), 1);
        let (sample, (labels, value, timestamp)) = &found[0];
        assert_eq!((sample.name.as_str(), sample.value), ("c_total", 3.0));
        assert_eq!(labels, &[("trace_id".to_owned(), "x y".to_owned())]);
        assert_eq!((*value, *timestamp), (1.0, Some(1_765_000_000.5)));
    }

    #[test]
    fn reads_special_values_and_skips_comments() {
        assert_eq!(parse_value("+Inf"), Some(f64::INFINITY));
        assert!(parse_value("NaN").is_some_and(f64::is_nan));
        assert_eq!(parse_sample("# comment"), None);
        assert_eq!(family_of_comment("# TYPE x gauge"), Some("x"));
        assert_eq!(family_of_comment("x 1"), None);
    }
}
