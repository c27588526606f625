//! Checks that need the field's metric type: labels against the way the
//! type takes them, `buckets` only on histograms, `native(..)` only on
//! native histograms, `_total` on exactly the counters.
//!
//! When the type is written as a `prometheus` type (`spelling`), the macro
//! decides them itself and reports them with its other errors. Otherwise
//! (a type alias or a full path hides the type from the macro)
//! `const_checks` turns the same checks into const items that the compiler
//! evaluates, with the same messages.

use proc_macro2::Span;

use crate::internals::ast::Rule;
use crate::internals::ast::{Component, Field};
use crate::internals::errors::Errors;
use crate::internals::spelling::{self, LabelForm, MetricType, Spelled};
use crate::tokens::type_text;

/// Reports the failed checks of every field whose type is written as a
/// `prometheus` type. The `_total` rule is only checked on a name that
/// passed its own checks, so that a bad name is one error.
pub(crate) fn report_spelled(component: &Component, errors: &mut Errors) {
    for field in checked_fields(component) {
        let Some(spelled) = spelling::of(&field.ty) else {
            continue;
        };
        for check in checks(field) {
            if check.fails.holds_for(spelled) {
                errors.at(check.span, message(field, check.fails));
            }
        }
    }
}

// A field whose attribute could not be read may have lost its `labels` or
// `buckets`: its checks would repeat that error.
pub(crate) fn checked_fields(component: &Component) -> impl Iterator<Item = &Field> {
    component
        .fields
        .iter()
        .filter(|field| !field.attrs.incomplete)
}

/// Where a check's error shows. The checks of one field that show at the
/// same place share one const item: rustc still reports each field's
/// failures, and a field costs one or two small items to check instead of
/// one per rule.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Site {
    Field,
    Labels,
    Buckets,
    Native,
    Name,
}

/// What about the field's type fails a check.
#[derive(Clone, Copy)]
pub(crate) enum Fails {
    /// It takes labels this way.
    Labels(LabelForm),
    NotHistogram,
    NotNative,
    Counter,
    NotCounter,
}

impl Fails {
    pub(crate) fn holds_for(self, spelled: Spelled) -> bool {
        let counter = spelled.metric_type == MetricType::Counter;
        match self {
            Fails::Labels(form) => spelled.labels == form,
            Fails::NotHistogram => spelled.metric_type != MetricType::Histogram,
            // The types recognised by their spelling are `prometheus`'s,
            // none of which is native.
            Fails::NotNative => true,
            Fails::Counter => counter,
            Fails::NotCounter => !counter,
        }
    }
}

/// One check: where it shows and what fails it.
pub(crate) struct Check {
    pub(crate) site: Site,
    pub(crate) span: Span,
    pub(crate) fails: Fails,
}

/// The checks of a field, but those of typed labels, which a trait bound
/// makes (see `const_checks`).
pub(crate) fn checks(field: &Field) -> Vec<Check> {
    let mut checks = Vec::new();
    let mut check = |site, span, fails| checks.push(Check { site, span, fails });
    match &field.attrs.labels {
        Some(labels) if !labels.types.is_empty() => {}
        Some(labels) => {
            check(Site::Labels, labels.key, Fails::Labels(LabelForm::None));
            check(Site::Labels, labels.key, Fails::Labels(LabelForm::Typed));
        }
        None => {
            check(
                Site::Field,
                field.ident.span(),
                Fails::Labels(LabelForm::Names),
            );
            check(
                Site::Field,
                field.ident.span(),
                Fails::Labels(LabelForm::Typed),
            );
        }
    }
    if let Some(buckets) = &field.attrs.buckets {
        check(Site::Buckets, buckets.key, Fails::NotHistogram);
    }
    if let Some(native) = &field.attrs.native {
        check(Site::Native, native.key, Fails::NotNative);
    }
    let name_site = match field.name_literal() {
        Some(_) => Site::Name,
        None => Site::Field,
    };
    if field.checks.total_rule {
        let total = field.metric_name().ends_with("_total");
        let fails = if total {
            Fails::NotCounter
        } else {
            Fails::Counter
        };
        check(name_site, field.name_span(), fails);
    }
    checks
}

/// What the user reads when `fails` holds for `field`.
pub(crate) fn message(field: &Field, fails: Fails) -> String {
    let ty_text = type_text(&field.ty);
    let who = match field.name_literal() {
        Some(_) => format!("metric `{}`", field.metric_name()),
        None => format!("`{}`", field.metric_name()),
    };
    let name = field.metric_name();
    match fails {
        Fails::Labels(LabelForm::None) => format!("`labels` given, but {who} has type `{ty_text}`, which has no variable labels: use its `*Vec` form, or remove `labels`"),
        Fails::Labels(LabelForm::Typed) if field.attrs.labels.is_some() => format!("{who} has type `{ty_text}`, whose labels are typed: give each label with its type, `labels = [method: Method, ...]`"),
        Fails::Labels(LabelForm::Typed) => format!("{who} has type `{ty_text}`, whose labels are typed: add `#[metric(labels = [method: Method, ...])]` with its label types"),
        Fails::Labels(LabelForm::Names) => format!("{who} has type `{ty_text}`, a `*Vec` metric, so it needs its label names: add `#[metric(labels = [\"...\"])]`"),
        Fails::NotHistogram => format!("`buckets` given, but {who} has type `{ty_text}`, which is not a histogram: remove `buckets`, or use `Histogram` or `HistogramVec`"),
        Fails::NotNative => format!("`native(..)` given, but {who} has type `{ty_text}`, which is not a native histogram: use `NativeHistogram` or `NativeHistogramVec` (with `buckets` too, for text-format scrapers), or remove `native(..)`"),
        Fails::NotCounter => format!(
            "{who} ends in `_total`, but its type `{ty_text}` is not a counter, and only counter names end in `_total` (promlint): {}{}",
            rename(field, name.strip_suffix("_total").unwrap_or_default()),
            Rule::CounterTotal.legacy_hint()
        ),
        Fails::Counter => format!(
            "{who} is a counter (`{ty_text}`), and counter names end in `_total` (promlint): {}{}",
            rename(field, &format!("{name}_total")),
            Rule::CounterTotal.legacy_hint()
        ),
    }
}

/// How to fix a name: rename the field, or change `full_name`/`name`.
fn rename(field: &Field, to: &str) -> String {
    if to.is_empty() {
        return "rename it".to_owned();
    }
    match (&field.attrs.full_name, &field.attrs.name) {
        (Some(_), _) => format!("set `full_name = \"{to}\"`"),
        (None, Some(_)) => format!("set `name = \"{to}\"`"),
        (None, None) => format!("rename it to `{to}`"),
    }
}
