//! Rules for metric, label and component names: the Prometheus data model
//! plus promlint's naming rules, so that `promtool check metrics` finds
//! nothing in what a component exports. Each `Err` is a message that says
//! what is wrong and how to fix it. promlint's rules can be relaxed with
//! `allow(...)` (see `lint_allow`); the data model's cannot.

use crate::internals::ast::{Allowed, Rule};

/// Segments that promlint reads as abbreviated units.
const UNIT_ABBREVIATIONS: &[&str] = &[
    "s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d",
];

/// Units promlint knows, with their base unit.
const UNITS: &[(&str, &str)] = &[
    ("amperes", "amperes"),
    ("bytes", "bytes"),
    ("celsius", "celsius"),
    ("grams", "grams"),
    ("joules", "joules"),
    ("kelvin", "kelvin"),
    ("meters", "meters"),
    ("metres", "metres"),
    ("seconds", "seconds"),
    ("volts", "volts"),
    ("minutes", "seconds"),
    ("hours", "seconds"),
    ("days", "seconds"),
    ("weeks", "seconds"),
    ("kelvins", "kelvin"),
    ("fahrenheit", "celsius"),
    ("rankine", "celsius"),
    ("inches", "meters"),
    ("yards", "meters"),
    ("miles", "meters"),
    ("bits", "bytes"),
    ("calories", "joules"),
    ("pounds", "grams"),
    ("ounces", "grams"),
];

const UNIT_PREFIXES: &[&str] = &[
    "", "pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "kibi", "mega",
    "mibi", "giga", "gibi", "tera", "tebi", "peta", "pebi",
];

const TYPE_NAMES: &[&str] = &["counter", "gauge", "histogram", "summary"];

/// A component, namespace or subsystem name: `[a-z][a-z0-9_]*`, with no
/// `_` at either end or doubled, since segments are joined with `_`.
pub(crate) fn segment(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("it must not be empty".into());
    }
    lowercase_ascii(name)?;
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err("it must start with a lowercase letter".into());
    }
    if name.ends_with('_') || name.contains("__") {
        return Err(format!(
            "segments are joined with `_`, so `{name}` must not end in `_` or contain `__`"
        ));
    }
    Ok(())
}

/// `name` in lowercase ASCII letters, digits and `_` (Prometheus allows
/// upper case, promlint's snake_case rule does not).
fn lowercase_ascii(name: &str) -> Result<(), String> {
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        return Err(format!("use snake_case: `{}`", to_snake_case(name)));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'))
    {
        return Err(format!(
            "`{c}` is not allowed: use lowercase ASCII letters, digits and `_`"
        ));
    }
    Ok(())
}

/// The last segment of a metric name (the field name or `name = "..."`),
/// or a whole `full_name = "..."`.
pub(crate) fn metric_segment(name: &str, allowed: Allowed) -> Result<(), String> {
    if name.is_empty() {
        return Err("it must not be empty".into());
    }
    if name.contains(':') {
        return Err("`:` is reserved for recording rules".into());
    }
    if allowed.allows(Rule::CamelCase) {
        if let Some(c) = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
        {
            return Err(format!(
                "`{c}` is not allowed: use ASCII letters, digits and `_`"
            ));
        }
    } else if name.chars().any(|c| c.is_ascii_uppercase()) {
        return Err(format!(
            "use snake_case: `{}`{}",
            to_snake_case(name),
            Rule::CamelCase.legacy_hint()
        ));
    } else {
        lowercase_ascii(name)?;
    }
    // Checked on the segment too, not only on the full name: behind a
    // namespace, `__x` would become `shop___x` and pass unnoticed.
    if name.starts_with("__") {
        return Err("names starting with `__` are reserved for Prometheus itself".into());
    }
    Ok(())
}

/// A full metric name the data model accepts: not `__`-prefixed (reserved
/// for Prometheus itself), not starting with a digit. No `allow` relaxes
/// these.
pub(crate) fn valid_full_name(full: &str) -> Result<(), String> {
    if full.starts_with("__") {
        return Err("names starting with `__` are reserved for Prometheus itself".into());
    }
    if full.starts_with(|c: char| c.is_ascii_digit()) {
        return Err("a metric name must not start with a digit".into());
    }
    Ok(())
}

/// promlint's rules on a full metric name whose segments are each valid,
/// after [`valid_full_name`]: every rule the name breaks, one problem per
/// rule, joined, so that one compile shows them all. The `_total` rule
/// needs the metric's type and is checked by `field_types`. Those that
/// `allowed` relaxes are skipped.
pub(crate) fn promlint(full: &str, allowed: Allowed) -> Result<(), String> {
    valid_full_name(full)?;
    let mut problems = Vec::new();
    if let Some(suffix) = ["_bucket", "_count", "_sum"]
        .into_iter()
        .find(|suffix| full.ends_with(suffix))
    {
        if !allowed.allows(Rule::ReservedSuffix) {
            problems.push(format!(
                "names ending in `{suffix}` are reserved for the series of histograms and summaries{}",
                Rule::ReservedSuffix.legacy_hint()
            ));
        }
    }
    // promlint reads every segment but the first (it looks for `_x_` and a
    // `_x` ending).
    let parts = || full.split('_').skip(1);
    if !allowed.allows(Rule::TypeInName) {
        if let Some(part) = parts().find(|part| TYPE_NAMES.contains(part)) {
            problems.push(format!(
                "the type is already in the `# TYPE` line: remove `{part}` from the name{}",
                Rule::TypeInName.legacy_hint()
            ));
        }
    }
    if !allowed.allows(Rule::AbbreviatedUnit) {
        if let Some(part) = parts().find(|part| UNIT_ABBREVIATIONS.contains(part)) {
            problems.push(format!(
                "`{part}` is an abbreviated unit: spell out the base unit (`seconds`, `bytes`, `meters`){}",
                Rule::AbbreviatedUnit.legacy_hint()
            ));
        }
    }
    if !allowed.allows(Rule::BaseUnit) {
        if let Some((part, base)) = full
            .split('_')
            .find_map(|part| Some((part, non_base_unit(part)?)))
        {
            problems.push(format!(
                "use the base unit `{base}` instead of `{part}`, and scale the values{}",
                Rule::BaseUnit.legacy_hint()
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; and "))
    }
}

/// The base unit to use instead of `word`, when `word` is a known unit that
/// is not a base unit (`milliseconds` -> `seconds`).
fn non_base_unit(word: &str) -> Option<&'static str> {
    UNITS.iter().find_map(|(unit, base)| {
        let prefix = word.strip_suffix(unit)?;
        let is_unit = UNIT_PREFIXES.contains(&prefix);
        (is_unit && word != *base).then_some(*base)
    })
}

/// A label name: `[a-zA-Z_][a-zA-Z0-9_]*`, not `__`-prefixed, not one of the
/// names reserved for histogram and summary series, snake_case unless
/// `allowed` relaxes that.
pub(crate) fn label(name: &str, allowed: Allowed) -> Result<(), String> {
    if name.is_empty() {
        return Err("it must not be empty".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
    {
        return Err(format!(
            "`{c}` is not allowed: use ASCII letters, digits and `_`"
        ));
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err("a label name must not start with a digit".into());
    }
    if name.starts_with("__") {
        return Err("names starting with `__` are reserved for Prometheus itself".into());
    }
    if name == "le" {
        return Err("`le` is reserved for histogram bucket bounds".into());
    }
    if name == "quantile" {
        return Err("`quantile` is reserved for summary quantiles".into());
    }
    if is_camel_case(name) && !allowed.allows(Rule::CamelCase) {
        return Err(format!(
            "use snake_case: `{}`{}",
            to_snake_case(name),
            Rule::CamelCase.legacy_hint()
        ));
    }
    Ok(())
}

/// promlint's camelCase test: a lowercase letter followed by an uppercase one.
fn is_camel_case(name: &str) -> bool {
    name.as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

pub(crate) fn to_snake_case(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else {
            out.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: Allowed = Allowed::NONE;

    #[test]
    fn allowances_relax_only_their_own_promlint_rule() {
        let allow = |rule| Allowed::NONE.with(rule);
        assert!(promlint("proxy_ingress_count", allow(Rule::ReservedSuffix)).is_ok());
        assert!(promlint("proxy_ingress_count", allow(Rule::BaseUnit)).is_err());
        assert!(promlint("x_gauge_level", allow(Rule::TypeInName)).is_ok());
        assert!(promlint("x_latency_ms", allow(Rule::AbbreviatedUnit)).is_ok());
        assert!(promlint("x_latency_milliseconds", allow(Rule::BaseUnit)).is_ok());
        assert!(metric_segment("queryTime", allow(Rule::CamelCase)).is_ok());
        assert!(label("statusCode", allow(Rule::CamelCase)).is_ok());
        // Validity rules stay, whatever is allowed.
        let all = Rule::ALL.into_iter().fold(Allowed::NONE, Allowed::with);
        assert!(metric_segment("a:b", all).is_err());
        assert!(metric_segment("__x", all).is_err());
        assert!(metric_segment("a-b", all).is_err());
        assert!(promlint("__x", all).is_err());
        assert!(promlint("5xx", all).is_err());
        assert!(label("le", all).is_err());
        assert!(label("__x", all).is_err());
    }

    #[test]
    fn segments() {
        assert!(segment("http").is_ok());
        assert!(segment("http2_front").is_ok());
        assert!(segment("").is_err());
        assert_eq!(
            segment("HttpFront").unwrap_err(),
            "use snake_case: `http_front`"
        );
        assert!(segment("9http").is_err());
        assert!(segment("http_").is_err());
        assert!(segment("a__b").is_err());
        assert!(segment("http-front").unwrap_err().contains("`-`"));
    }

    #[test]
    fn metric_segments() {
        assert!(metric_segment("requests_total", NONE).is_ok());
        assert!(metric_segment("5xx_total", NONE).is_ok());
        assert!(metric_segment("a:b", NONE)
            .unwrap_err()
            .contains("recording rules"));
        assert_eq!(
            metric_segment("requestsTotal", NONE).unwrap_err(),
            "use snake_case: `requests_total` (or, to keep a legacy name, `allow(camel_case)`)"
        );
        assert!(metric_segment("größe", NONE).is_err());
        assert!(metric_segment("__secret", NONE)
            .unwrap_err()
            .contains("reserved"));
    }

    #[test]
    fn promlint_rules() {
        assert!(promlint("shop_http_requests_total", NONE).is_ok());
        assert!(promlint("shop_http_latency_seconds", NONE).is_ok());
        assert!(promlint("__secret", NONE).is_err());
        assert!(promlint("5xx_total", NONE).is_err());
        assert!(promlint("x_bucket", NONE).is_err());
        assert!(promlint("x_count", NONE).is_err());
        assert!(promlint("x_sum", NONE).is_err());
        assert!(promlint("http_requests_counter", NONE)
            .unwrap_err()
            .contains("`counter`"));
        assert!(
            promlint("gauge_things", NONE).is_ok(),
            "promlint skips the first segment"
        );
        assert!(promlint("latency_ms", NONE).unwrap_err().contains("`ms`"));
        assert!(promlint("size_kb_total", NONE)
            .unwrap_err()
            .contains("`kb`"));
        assert_eq!(
            promlint("latency_milliseconds", NONE).unwrap_err(),
            "use the base unit `seconds` instead of `milliseconds`, and scale the values (or, to keep a legacy name, `allow(base_unit)`)"
        );
        assert!(promlint("upload_kilobytes", NONE)
            .unwrap_err()
            .contains("`bytes`"));
        assert!(promlint("uptime_hours", NONE).is_err());
        assert!(
            promlint("thermometers_total", NONE).is_ok(),
            "not a unit with a prefix"
        );
    }

    #[test]
    fn labels() {
        assert!(label("method", NONE).is_ok());
        assert!(label("HTTP_method", NONE).is_ok());
        assert!(label("__name", NONE).is_err());
        assert!(label("le", NONE).is_err());
        assert!(label("quantile", NONE).is_err());
        assert!(label("2xx", NONE).is_err());
        assert!(label("a-b", NONE).is_err());
        assert_eq!(
            label("statusCode", NONE).unwrap_err(),
            "use snake_case: `status_code` (or, to keep a legacy name, `allow(camel_case)`)"
        );
    }
}
