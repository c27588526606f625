//! Checks that need no type information: names, labels, help, buckets.
//! Checks that depend on a field's metric type are `field_types`'s.

use std::collections::HashMap;

use syn::LitStr;

use crate::internals::ast::LabelText;

use crate::internals::ast::{Allowed, Rule};
use crate::internals::ast::{Claim, Component, Field, FieldChecks};
use crate::internals::errors::Errors;
use crate::internals::names;
use crate::internals::native::check_native;

/// Which segments the component contributes to its metric names are valid.
struct Segments {
    namespace: bool,
    middle: bool,
    /// `#[metrics(...)]` was read without an error: the names built from
    /// it are the names the user declared.
    complete: bool,
}

impl Segments {
    fn all_valid(&self) -> bool {
        self.namespace && self.middle && self.complete
    }
}

/// Checks `component`, records each field's results on the field, and
/// returns the names to be made unique crate-wide. Those are returned even
/// when other parts of the declaration have errors, so that a clash is
/// reported together with them.
pub(crate) fn check(component: &mut Component, errors: &mut Errors) -> Vec<Claim> {
    let mut claims = Vec::new();
    let segments = check_component_attrs(component, &mut claims, errors);
    let mut full_names: HashMap<String, &Field> = HashMap::new();
    let prefix = component.name_prefix(true, true);
    // The prefix of the segments that are valid, to check the rest of a
    // name while one of them is not.
    let valid_prefix = (!(segments.namespace && segments.middle))
        .then(|| component.name_prefix(segments.namespace, segments.middle));
    let results: Vec<FieldChecks> = component
        .fields
        .iter()
        .map(|field| {
            let full = field.full_name(&prefix);
            // A field whose attribute could not be read may have lost its
            // `name`, `help` or `labels`: checks of those would only repeat
            // the error already reported.
            let name_valid = !field.attrs.incomplete && {
                let checkable = valid_prefix.as_deref().map(|p| field.full_name(p));
                check_name(component, field, &segments, checkable.as_deref().unwrap_or(&full), errors)
            };
            let total_rule = name_valid && !component.allowed(field).allows(Rule::CounterTotal);
            // A full name given verbatim does not depend on the segments.
            let composed_valid = match field.attrs.full_name {
                Some(_) => segments.complete,
                None => segments.all_valid(),
            };
            if name_valid && composed_valid {
                if let Some(first) = full_names.get(&full) {
                    errors.at(
                        field.name_span(),
                        format_args!(
                            "metric `{full}` is declared twice in this component (also by field `{}`): give one of them another name",
                            first.ident
                        ),
                    );
                } else {
                    full_names.insert(full.clone(), field);
                    claims.push(Claim::metric(full.clone(), field.name_span()));
                }
            }
            if !field.attrs.incomplete {
                check_help(field, errors);
            }
            check_labels(field, component.allowed(field), errors);
            let buckets = field
                .attrs
                .buckets
                .as_ref()
                .and_then(|buckets| buckets.spec.compute(errors));
            let native = field
                .attrs
                .native
                .as_ref()
                .and_then(|native| check_native(native, errors));
            FieldChecks {
                total_rule,
                buckets,
                native,
                full_name: full,
            }
        })
        .collect();
    for (field, checks) in component.fields.iter_mut().zip(results) {
        field.checks = checks;
    }
    claims
}

/// Checks the component name, namespace and subsystem; claims the component
/// name when it is valid.
fn check_component_attrs(
    component: &Component,
    claims: &mut Vec<Claim>,
    errors: &mut Errors,
) -> Segments {
    let attrs = &component.attrs;
    let mut segments = Segments {
        namespace: true,
        middle: true,
        complete: !attrs.incomplete,
    };
    if let Some(name) = &attrs.component {
        match names::segment(&name.value()) {
            Ok(()) => claims.push(Claim::component(name.value(), name.span())),
            Err(problem) => {
                errors.at(
                    name.span(),
                    format_args!("invalid component name: {problem}"),
                );
                // The component name is the middle segment of every metric
                // name only when no subsystem replaces it.
                segments.middle &= attrs.subsystem.is_some();
            }
        }
    }
    if let Some(namespace) = &attrs.namespace {
        if let Err(problem) = names::segment(&namespace.value()) {
            errors.at(
                namespace.span(),
                format_args!("invalid namespace: {problem}"),
            );
            segments.namespace = false;
        }
    }
    if let Some(subsystem) = &attrs.subsystem {
        let value = subsystem.value();
        if !value.is_empty() {
            if let Err(problem) = names::segment(&value) {
                errors.at(
                    subsystem.span(),
                    format_args!(
                        "invalid subsystem: {problem} (or `subsystem = \"\"` to leave it out)"
                    ),
                );
                segments.middle = false;
            }
        }
    }
    segments
}

/// The metric's own name, then promlint's rules on the full name (built
/// from the valid segments only, so that an invalid namespace or component
/// name is reported once, not again in every metric name); `true` when
/// both passed.
/// Checks the metric name of `field`; `full` is its full name, built from
/// the segments that are valid.
fn check_name(
    component: &Component,
    field: &Field,
    segments: &Segments,
    full: &str,
    errors: &mut Errors,
) -> bool {
    let allowed = component.allowed(field);
    if let (Some(full), Some(_)) = (&field.attrs.full_name, &field.attrs.name) {
        errors.at(
            full.span(),
            "`full_name` and `name` are both given: `full_name` is the whole name, used verbatim, and `name` only its last segment; keep one",
        );
        return false;
    }
    let segment = match field.name_literal() {
        Some(name) => names::metric_segment(&name.value(), allowed).map_err(|problem| {
            errors.at(name.span(), format_args!("invalid metric name: {problem}"))
        }),
        None => names::metric_segment(&field.metric_name(), allowed).map_err(|problem| {
            errors.at(
                field.ident.span(),
                format_args!("invalid metric name: {problem}; or set `#[metric(name = \"...\")]`"),
            )
        }),
    };
    if segment.is_err() || !segments.complete {
        return segment.is_ok();
    }
    if let Err(problem) = names::promlint(full, allowed) {
        errors.at(
            field.name_span(),
            format_args!("metric `{full}`: {problem}"),
        );
    }
    // A name that breaks only promlint's rules is still a valid name: the
    // checks that need one (`_total`, uniqueness) run in the same compile.
    names::valid_full_name(full).is_ok()
}

fn check_help(field: &Field, errors: &mut Errors) {
    match (&field.attrs.help, &field.doc) {
        (Some(help), _) if help.value().trim().is_empty() => {
            errors.at(help.span(), "the help text is empty: say what the metric measures");
        }
        (Some(_), _) => {}
        (None, Some(doc)) if doc.text.is_empty() => {
            errors.at(doc.span, "the doc comment is empty: say what the metric measures, it is the metric's HELP text");
        }
        (None, Some(_)) => {}
        (None, None) => errors.at(
            field.ident.span(),
            "a metric needs a help text: add a doc comment (`/// ...`) or `#[metric(help = \"...\")]`",
        ),
    }
}

/// Where a label name was declared, for the message of a second one.
#[derive(Clone, Copy, PartialEq)]
enum LabelKind {
    Variable,
    Constant,
}

fn check_labels(field: &Field, allowed: Allowed, errors: &mut Errors) {
    let mut seen = HashMap::new();
    if let Some(labels) = &field.attrs.labels {
        if labels.names.is_empty() {
            errors.at(
                labels.key,
                "`labels` is empty: a `*Vec` metric needs at least one label name",
            );
        }
        for name in &labels.names {
            check_label_name(name, LabelKind::Variable, allowed, &mut seen, errors);
        }
    }
    if let Some(const_labels) = &field.attrs.const_labels {
        if const_labels.pairs.is_empty() {
            errors.at(const_labels.key, "`const_labels` is empty: remove it");
        }
        for (name, value) in &const_labels.pairs {
            check_label_name(name, LabelKind::Constant, allowed, &mut seen, errors);
            // A constant expression is checked by the compiler (see
            // `const_checks`).
            if let LabelText::Literal(value) = value {
                if !value.value().is_empty() {
                    continue;
                }
                errors.at(
                    value.span(),
                    "a constant label value must not be empty (an empty value is the same as no label)",
                );
            }
        }
    }
}

fn check_label_name(
    name: &LitStr,
    kind: LabelKind,
    allowed: Allowed,
    seen: &mut HashMap<String, LabelKind>,
    errors: &mut Errors,
) {
    let value = name.value();
    if let Err(problem) = names::label(&value, allowed) {
        errors.at(name.span(), format_args!("invalid label name: {problem}"));
        return;
    }
    let message = match (seen.get(&value), kind) {
        (None, _) => {
            seen.insert(value, kind);
            return;
        }
        (Some(LabelKind::Variable), LabelKind::Constant) => format!(
            "label `{value}` is both a variable label and a constant label of this metric: keep one"
        ),
        (Some(_), _) => format!("label `{value}` is given twice for this metric: keep one"),
    };
    errors.at(name.span(), message);
}

#[cfg(test)]
mod tests {
    use syn::DeriveInput;

    use crate::internals::attr;
    use crate::internals::errors::Errors;

    /// The full names `check` records for the fields of `input`.
    fn full_names(input: DeriveInput) -> Vec<String> {
        let mut errors = Errors::default();
        // No component read gives no names, which the assertions refuse.
        let names = attr::read_component(&input, false, &mut errors)
            .map(|mut component| {
                super::check(&mut component, &mut errors);
                component
                    .fields
                    .into_iter()
                    .map(|f| f.checks.full_name)
                    .collect()
            })
            .unwrap_or_default();
        assert!(errors.is_empty(), "{}", errors.into_compile_errors());
        names
    }

    #[test]
    fn full_names_join_the_segments_given() {
        let names = full_names(syn::parse_quote! {
            #[metrics(component = "http", namespace = "shop")]
            struct HttpMetrics {
                /// Requests.
                requests_total: IntCounter,
                /// Errors.
                #[metric(name = "failures_total")]
                errors: IntCounter,
                /// Events.
                #[metric(full_name = "relay_events_total")]
                events: IntCounter,
            }
        });
        assert_eq!(
            names,
            [
                "shop_http_requests_total",
                "shop_http_failures_total",
                "relay_events_total"
            ]
        );
        let names = full_names(syn::parse_quote! {
            #[metrics(component = "http", subsystem = "api")]
            struct HttpMetrics {
                /// Requests.
                requests_total: IntCounter,
            }
        });
        assert_eq!(names, ["api_requests_total"]);
        let names = full_names(syn::parse_quote! {
            #[metrics(component = "http", namespace = "shop", subsystem = "")]
            struct HttpMetrics {
                /// Requests.
                requests_total: IntCounter,
            }
        });
        assert_eq!(names, ["shop_requests_total"]);
    }
}
