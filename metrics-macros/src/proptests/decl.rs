//! Generated declarations, as source text: every piece drawn from a pool
//! of valid values, near misses and things that are not values at all, so
//! that each part of the front end sees both what it accepts and what it
//! must refuse.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// A string literal: valid names, near misses, odd escapes, or random text.
fn string_literal() -> impl Strategy<Value = String> {
    let pool = select(
        &[
            "\"http\"",
            "\"shop\"",
            "\"front\"",
            "\"requests_total\"",
            "\"latency_seconds\"",
            "\"method\"",
            "\"class\"",
            "\"\"",
            "\"  \"",
            "\"Http\"",
            "\"a-b\"",
            "\"__x\"",
            "\"a__b\"",
            "\"x_\"",
            "\"9x\"",
            "\"größe\"",
            "\"a:b\"",
            "\"le\"",
            "\"quantile\"",
            "\"x_bucket\"",
            "\"latency_ms\"",
            "\"size_kilobytes\"",
            "\"requests_counter_total\"",
            "\"_total\"",
            "\"\\n\"",
            "\"\\u{0}\"",
            "r#\"raw\"#",
            "\"::prometheus_component\"",
            "\"crate::rt\"",
            "\"not a path\"",
            "\"[\"",
            "\"a::\"",
            "\"requests\"",
        ][..],
    )
    .prop_map(str::to_owned);
    let random = vec(
        select(
            &[
                'a', 'b', 'z', 'A', '0', '9', '_', '-', ':', ' ', 'é', '"', '\\', '\n',
            ][..],
        ),
        0..10,
    )
    .prop_map(|chars| format!("{:?}", chars.into_iter().collect::<String>()));
    prop_oneof![3 => pool, 1 => random]
}

/// What a user may write where a string literal belongs.
fn value() -> impl Strategy<Value = String> {
    let other = select(
        &[
            "NAME",
            "concat!(\"a\", \"b\")",
            "1",
            "1.5",
            "true",
            "'c'",
            "b\"x\"",
            "c\"x\"",
            "-1",
            "(\"a\")",
            "[\"a\"]",
            "a::b",
            "{}",
            "",
            "\"a\" \"b\"",
            "=",
        ][..],
    )
    .prop_map(str::to_owned);
    prop_oneof![4 => string_literal(), 1 => other]
}

/// A number literal, finite or not, written in the ways Rust allows.
fn number() -> impl Strategy<Value = String> {
    let pool = select(
        &[
            "0.1",
            "0.5",
            "1",
            "1.0",
            "10",
            "0",
            "-0.0",
            "-1",
            "1e999",
            "5e-324",
            "1e-400",
            "1.7976931348623157e308",
            "0x10",
            "1u8",
            "1_000",
            "2.5f32",
            "1e20",
            "1000",
            "5000",
            "NaN",
            "x",
            "\"1\"",
            "(1)",
            "-",
            "1.",
            "1e",
            "0.000001",
        ][..],
    )
    .prop_map(str::to_owned);
    let random = any::<f64>().prop_map(|f| format!("{f:?}"));
    let small = (0u32..2000).prop_map(|n| n.to_string());
    prop_oneof![3 => pool, 1 => random, 1 => small]
}

fn numbers() -> impl Strategy<Value = String> {
    vec(number(), 0..6).prop_map(|n| n.join(", "))
}

/// The value of `buckets = ...`.
fn buckets() -> impl Strategy<Value = String> {
    let generator = (
        select(&["exponential", "linear", "quadratic", "Exponential"][..]),
        numbers(),
    )
        .prop_map(|(f, args)| format!("{f}({args})"));
    prop_oneof![
        numbers().prop_map(|n| format!("[{n}]")),
        generator,
        Just("DEFAULT".to_owned()),
        Just("[0.1; 3]".to_owned()),
    ]
}

/// A label name: a string literal, or the typed form `name: Type`.
fn label() -> impl Strategy<Value = String> {
    let typed = (
        select(&["method", "r#type", "Class", "le", "x"][..]),
        select(&["Method", "u8", "(A, B)", "", "::a::B"][..]),
    )
        .prop_map(|(n, t)| format!("{n}: {t}"));
    prop_oneof![4 => value(), 1 => typed]
}

fn labels() -> impl Strategy<Value = String> {
    vec(label(), 0..4).prop_map(|l| format!("[{}]", l.join(", ")))
}

fn const_labels() -> impl Strategy<Value = String> {
    let pair = (value(), value()).prop_map(|(k, v)| format!("({k}, {v})"));
    prop_oneof![
        4 => vec(pair, 0..3).prop_map(|p| format!("[{}]", p.join(", "))),
        1 => value(),
        1 => Just("[(\"a\")]".to_owned()),
        1 => Just("[(\"a\", \"b\", \"c\")]".to_owned()),
    ]
}

/// One `key = value` (or a key alone) inside `#[metric(...)]`.
fn field_key() -> impl Strategy<Value = String> {
    prop_oneof![
        value().prop_map(|v| format!("help = {v}")),
        value().prop_map(|v| format!("name = {v}")),
        labels().prop_map(|v| format!("labels = {v}")),
        buckets().prop_map(|v| format!("buckets = {v}")),
        const_labels().prop_map(|v| format!("const_labels = {v}")),
        value().prop_map(|v| format!("label = {v}")),
        Just("help".to_owned()),
        Just("labels(\"a\")".to_owned()),
        Just("a::b = 1".to_owned()),
        Just("\"help\"".to_owned()),
    ]
}

/// One `key = value` inside `#[metrics(...)]`.
fn component_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => value().prop_map(|v| format!("component = {v}")),
        2 => value().prop_map(|v| format!("namespace = {v}")),
        2 => value().prop_map(|v| format!("subsystem = {v}")),
        1 => value().prop_map(|v| format!("crate = {v}")),
        1 => value().prop_map(|v| format!("namespase = {v}")),
        1 => Just("component".to_owned()),
    ]
}

/// An attribute list in the form `#[name(...)]`, or a malformed one.
fn attribute(name: &'static str, keys: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => vec(keys, 0..4).prop_map(move |k| format!("#[{name}({})]", k.join(", "))),
        1 => Just(format!("#[{name}]")),
        1 => Just(format!("#[{name} = \"x\"]")),
        1 => Just(format!("#[{name}[component = \"x\"]]")),
    ]
}

fn doc() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just("/// Requests received.".to_owned()),
        1 => Just(String::new()),
        1 => Just("///".to_owned()),
        1 => Just("///   \n///".to_owned()),
        1 => Just("/// Two\n/// lines.".to_owned()),
        1 => Just("#[doc = concat!(\"a\")]".to_owned()),
        1 => Just("#[doc(hidden)]".to_owned()),
        1 => Just("#[doc = \"\\u{1F600} emoji\"]".to_owned()),
    ]
}

fn field_name() -> impl Strategy<Value = String> {
    select(
        &[
            "requests_total",
            "latency_seconds",
            "in_flight",
            "r#type",
            "r#match",
            "Requests",
            "_x",
            "__x",
            "a",
            "x_total",
            "size_bytes",
            "latency_ms",
            "token_bucket",
            "value_sum",
            "le",
            "größe",
            "requests_counter_total",
            "é_total",
            "requests",
            "_total",
        ][..],
    )
    .prop_map(str::to_owned)
}

fn field_type() -> impl Strategy<Value = String> {
    select(
        &[
            "IntCounter",
            "Counter",
            "Gauge",
            "IntGauge",
            "Histogram",
            "IntCounterVec",
            "CounterVec",
            "GaugeVec",
            "IntGaugeVec",
            "HistogramVec",
            "prometheus::IntCounter",
            "::prometheus_component::prometheus::Histogram",
            "u64",
            "Vec<u8>",
            "(u8, u16)",
            "[u8; 4]",
            "&'static str",
            "fn() -> u8",
            "Box<dyn Fn()>",
            "Labeled<IntCounter, (A, B)>",
            "Option<IntCounter>",
            "_",
            "!",
            "Self",
            "T",
            "impl Clone",
        ][..],
    )
    .prop_map(str::to_owned)
}

/// A field of the derive form: docs, attributes, visibility, name, type.
fn derive_field() -> impl Strategy<Value = String> {
    (
        doc(),
        vec(attribute("metric", field_key().boxed()), 0..3),
        select(&["", "pub ", "pub(crate) "][..]),
        field_name(),
        field_type(),
        any::<u8>(),
    )
        .prop_map(|(doc, attrs, vis, name, ty, odd)| {
            // Now and then the struct-level attribute on a field.
            let misplaced = if odd % 16 == 0 {
                "#[metrics(component = \"x\")]"
            } else {
                ""
            };
            format!("{doc}\n{}\n{misplaced}{vis}{name}: {ty}", attrs.join("\n"))
        })
}

/// A whole derive input: the struct (or not a struct) and its attributes.
pub(crate) fn derive_input() -> impl Strategy<Value = String> {
    (
        vec(attribute("metrics", component_key().boxed()), 0..3),
        vec(derive_field(), 0..4),
        0u8..12,
    )
        .prop_map(|(attrs, fields, shape)| {
            let attrs = attrs.join("\n");
            let body = fields.join(",\n");
            let item = match shape {
                0 => "pub struct M(IntCounter);".to_owned(),
                1 => "pub struct M;".to_owned(),
                2 => "pub enum M { A, B }".to_owned(),
                3 => "pub union M { a: u8 }".to_owned(),
                4 => format!("pub struct M<T> {{ {body} }}"),
                5 => format!("pub struct M<'a> where u8: Copy {{ {body} }}"),
                6 => format!("#[metric(name = \"x\")] pub struct M {{ {body} }}"),
                _ => format!("pub struct M {{ {body} }}"),
            };
            format!("/// A component.\n{attrs}\n{item}")
        })
}

/// A field of the terse form of `metrics_component!`.
fn macro_field() -> impl Strategy<Value = String> {
    (
        doc(),
        vec(attribute("metric", field_key().boxed()), 0..2),
        field_name(),
        field_type(),
        prop::option::of(labels()),
        prop::option::of(vec((value(), value()), 0..3)),
        prop::option::of(buckets()),
    )
        .prop_map(|(doc, attrs, name, ty, labels, consts, buckets)| {
            let mut field = format!("{doc}\n{}\n{name}: {ty}", attrs.join("\n"));
            if let Some(labels) = labels {
                field.push_str(&labels);
            }
            if let Some(consts) = consts {
                let pairs: Vec<_> = consts.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                field.push_str(&format!(" {{ {} }}", pairs.join(", ")));
            }
            if let Some(buckets) = buckets {
                field.push_str(&format!(" = {buckets}"));
            }
            field
        })
}

/// A `metrics_component!` input: one or two components in the terse form.
pub(crate) fn macro_input() -> impl Strategy<Value = String> {
    let component = (
        vec(attribute("metrics", component_key().boxed()), 0..2),
        prop::option::of(value()),
        prop::option::of(value()),
        vec(macro_field(), 0..4),
        select(
            &[
                "pub struct M",
                "struct M",
                "pub(crate) struct M<T>",
                "enum M",
                "struct",
            ][..],
        ),
    )
        .prop_map(|(attrs, component, namespace, fields, head)| {
            let mut header = format!("/// A component.\n{}\n{head}", attrs.join("\n"));
            if let Some(component) = component {
                header.push_str(&format!(": {component}"));
            }
            if let Some(namespace) = namespace {
                header.push_str(&format!(" in {namespace}"));
            }
            format!("{header} {{ {} }}", fields.join(",\n"))
        });
    vec(component, 0..3).prop_map(|c| c.join("\n"))
}
