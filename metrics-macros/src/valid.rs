//! Checks that need no type information: names, labels, help, buckets.
//! Checks that depend on a field's metric type are emitted as trait bounds
//! by `expand`, since a type alias hides the type from the macro.

use std::collections::HashSet;

use syn::LitStr;

use crate::ast::{Component, Field};
use crate::errors::Errors;
use crate::names;

/// A checked component: what `expand` needs beyond the model.
pub(crate) struct Checked {
    /// The computed buckets of each field, in field order.
    pub(crate) buckets: Vec<Option<Vec<f64>>>,
}

pub(crate) fn check(component: &Component, errors: &mut Errors) -> Checked {
    check_component_attrs(component, errors);
    let buckets = component
        .fields
        .iter()
        .map(|field| check_field(component, field, errors))
        .collect();
    Checked { buckets }
}

fn check_component_attrs(component: &Component, errors: &mut Errors) {
    let attrs = &component.attrs;
    if let Some(name) = &attrs.component {
        if let Err(problem) = names::segment(&name.value()) {
            errors.at(
                name.span(),
                format_args!("invalid component name: {problem}"),
            );
        }
    }
    if let Some(namespace) = &attrs.namespace {
        if let Err(problem) = names::segment(&namespace.value()) {
            errors.at(
                namespace.span(),
                format_args!("invalid namespace: {problem}"),
            );
        }
    }
    if let Some(subsystem) = &attrs.subsystem {
        let value = subsystem.value();
        if !value.is_empty() {
            if let Err(problem) = names::segment(&value) {
                errors.at(
                    subsystem.span(),
                    format_args!("invalid subsystem: {problem}"),
                );
            }
        }
    }
}

fn check_field(component: &Component, field: &Field, errors: &mut Errors) -> Option<Vec<f64>> {
    check_help(field, errors);
    if let Some(name) = &field.attrs.name {
        if let Err(problem) = names::metric_segment(&name.value()) {
            errors.at(name.span(), format_args!("invalid metric name: {problem}"));
        }
    } else if let Err(problem) = names::metric_segment(&field.metric_name()) {
        errors.at(
            field.ident.span(),
            format_args!("invalid metric name: {problem}; or set `#[metric(name = \"...\")]`"),
        );
    }
    let full = component.full_name(field);
    if let Err(problem) = names::promlint(&full) {
        errors.at(
            field.name_span(),
            format_args!("metric `{full}`: {problem}"),
        );
    }
    check_labels(field, errors);
    let buckets = field.attrs.buckets.as_ref()?;
    buckets.spec.compute(errors)
}

fn check_help(field: &Field, errors: &mut Errors) {
    match (&field.attrs.help, &field.doc) {
        (Some(help), _) if help.value().trim().is_empty() => {
            errors.at(help.span(), "the help text is empty: say what the metric measures");
        }
        (Some(_), _) => {}
        (None, Some(doc)) if doc.text.is_empty() => {
            errors.at(doc.span, "the doc comment is empty: say what the metric measures");
        }
        (None, Some(_)) => {}
        (None, None) => errors.at(
            field.ident.span(),
            "a metric needs a help text: add a doc comment (`/// ...`) or `#[metric(help = \"...\")]`",
        ),
    }
}

fn check_labels(field: &Field, errors: &mut Errors) {
    let mut seen = HashSet::new();
    if let Some(labels) = &field.attrs.labels {
        if labels.names.is_empty() {
            errors.at(
                labels.key,
                "`labels` is empty: a `*Vec` metric needs at least one label name",
            );
        }
        for name in &labels.names {
            check_label_name(name, &mut seen, errors);
        }
    }
    if let Some(const_labels) = &field.attrs.const_labels {
        if const_labels.pairs.is_empty() {
            errors.at(const_labels.key, "`const_labels` is empty: remove it");
        }
        for (name, value) in &const_labels.pairs {
            check_label_name(name, &mut seen, errors);
            if value.value().is_empty() {
                errors.at(
                    value.span(),
                    "a constant label value must not be empty (an empty value is the same as no label)",
                );
            }
        }
    }
}

fn check_label_name(name: &LitStr, seen: &mut HashSet<String>, errors: &mut Errors) {
    let value = name.value();
    if let Err(problem) = names::label(&value) {
        errors.at(name.span(), format_args!("invalid label name: {problem}"));
    } else if !seen.insert(value.clone()) {
        errors.at(
            name.span(),
            format_args!("label `{value}` is given twice for this metric"),
        );
    }
}
