//! Checks that need the field's metric type: labels against the way the
//! type takes them, `buckets` only on histograms, `_total` on exactly the
//! counters.
//!
//! When the type is written as a `prometheus` type (`spelling`), the macro
//! decides them itself and reports them with its other errors. Otherwise
//! (a type alias or a full path hides the type from the macro) each check
//! fails a const item with a message written here, naming the field and the
//! fix, on the span of the key or name at fault; rustc reports every such
//! const that fails (E0080), under `cargo check` too. Checks of one field at
//! one place share an item (see `Site`). The field's type is named only as
//! `<T as MetricField>`, always with the type's own tokens: an unsupported
//! type is then one "not a metric type" error on the type, which rustc
//! reports once, rather than one misleading error per check.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{Component, Field};
use crate::errors::Errors;
use crate::expand::respan;
use crate::spelling::{self, LabelForm, MetricType, Spelled};

/// Reports the failed checks of every field whose type is written as a
/// `prometheus` type. `names_valid` says, per field, whether its metric
/// name passed its own checks: the `_total` rule is only checked on a
/// valid name, so that a bad name is one error.
pub(crate) fn spelled(component: &Component, names_valid: &[bool], errors: &mut Errors) {
    for (field, name_valid) in checked_fields(component, names_valid) {
        let Some(spelled) = spelling::of(&field.ty) else {
            continue;
        };
        for check in checks(field, name_valid) {
            if check.fails.holds_for(spelled) {
                errors.at(check.span, message(field, check.fails));
            }
        }
    }
}

/// The const items that check the fields whose types the macro could not
/// read, and the typed labels of every field that has them.
pub(crate) fn component(
    component: &Component,
    names_valid: &[bool],
    krate: &TokenStream,
) -> TokenStream {
    checked_fields(component, names_valid)
        .map(|(field, name_valid)| self::field(field, name_valid, krate))
        .collect()
}

/// For a declaration with errors, which expands to no descriptors: a const
/// item per field written as a `prometheus` type that checks it is one, as
/// the descriptor would, so that when a misleading alias made the macro
/// report a rule of the wrong type, the reason shows with it.
pub(crate) fn spellings(component: &Component, krate: &TokenStream) -> TokenStream {
    component
        .fields
        .iter()
        .filter_map(|field| {
            let spelled = syn::Ident::new(spelling::of(&field.ty)?.variant(), Span::call_site());
            let ty = &field.ty;
            let span = ty.span();
            let check = respan(quote!(#krate::__private::Spelled::#spelled.check), span);
            Some(quote_spanned!(span=> const _: () = #check(<#ty as #krate::MetricField>::__KIND);))
        })
        .collect()
}

// A field whose attribute could not be read may have lost its `labels` or
// `buckets`: its checks would repeat that error.
fn checked_fields<'a>(
    component: &'a Component,
    names_valid: &'a [bool],
) -> impl Iterator<Item = (&'a Field, bool)> {
    component
        .fields
        .iter()
        .zip(names_valid.iter().copied())
        .filter(|(field, _)| !field.attrs.incomplete)
}

/// Where a check's error shows. The checks of one field that show at the
/// same place share one const item: rustc still reports each field's
/// failures, and a field costs one or two small items to check instead of
/// one per rule.
#[derive(Clone, Copy, PartialEq)]
enum Site {
    Field,
    Labels,
    Buckets,
    Name,
}

/// What about the field's type fails a check.
#[derive(Clone, Copy)]
enum Fails {
    /// It takes labels this way.
    Labels(LabelForm),
    NotHistogram,
    Counter,
    NotCounter,
}

impl Fails {
    fn holds_for(self, spelled: Spelled) -> bool {
        let counter = spelled.metric_type == MetricType::Counter;
        match self {
            Fails::Labels(form) => spelled.labels == form,
            Fails::NotHistogram => spelled.metric_type != MetricType::Histogram,
            Fails::Counter => counter,
            Fails::NotCounter => !counter,
        }
    }

    /// The condition as a const expression on the field type's kind.
    fn condition(self, kind: &TokenStream, krate: &TokenStream) -> TokenStream {
        let private = quote!(#krate::__private);
        match self {
            Fails::Labels(form) => {
                let form = syn::Ident::new(
                    match form {
                        LabelForm::None => "None",
                        LabelForm::Names => "Names",
                        LabelForm::Typed => "Typed",
                    },
                    Span::call_site(),
                );
                quote!(#private::labels_are(#kind, #private::LabelForm::#form))
            }
            Fails::NotHistogram => quote!(!#private::is_histogram(#kind)),
            Fails::Counter => quote!(#private::is_counter(#kind)),
            Fails::NotCounter => quote!(!#private::is_counter(#kind)),
        }
    }
}

/// One check: where it shows and what fails it.
struct Check {
    site: Site,
    span: Span,
    fails: Fails,
}

/// The checks of a field, but those of typed labels, which a trait bound
/// makes (see `field`).
fn checks(field: &Field, name_valid: bool) -> Vec<Check> {
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
    let name_site = match field.attrs.name {
        Some(_) => Site::Name,
        None => Site::Field,
    };
    if name_valid {
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
fn message(field: &Field, fails: Fails) -> String {
    let ty_text = type_text(&field.ty);
    let who = match &field.attrs.name {
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
        Fails::NotCounter => format!(
            "{who} ends in `_total`, but its type `{ty_text}` is not a counter, and only counter names end in `_total` (promlint): {}",
            rename(field, name.strip_suffix("_total").unwrap_or_default())
        ),
        Fails::Counter => format!(
            "{who} is a counter (`{ty_text}`), and counter names end in `_total` (promlint): {}",
            rename(field, &format!("{name}_total"))
        ),
    }
}

fn field(field: &Field, name_valid: bool, krate: &TokenStream) -> TokenStream {
    let ty = &field.ty;
    let mut items = Vec::new();
    if let Some(labels) = field.attrs.labels.as_ref().filter(|l| !l.types.is_empty()) {
        // Typed labels: the label types must be those of the field's
        // `Labeled<M, L>`, which a trait bound checks.
        let types = &labels.types;
        let set = match types.as_slice() {
            [single] => quote!(#single),
            _ => quote!((#(#types),*)),
        };
        let span = labels.key;
        let args = respan(quote!(#ty, #set), span);
        items.push(quote_spanned!(span=> const _: () = #krate::__private::require_typed_labels::<#args>();));
    }
    if spelling::of(ty).is_some() {
        return quote!(#(#items)*);
    }
    let kind = quote!(<#ty as #krate::MetricField>::__KIND);
    let checks = checks(field, name_valid);
    for site in [Site::Field, Site::Labels, Site::Buckets, Site::Name] {
        let at_site: Vec<&Check> = checks.iter().filter(|check| check.site == site).collect();
        if let Some(first) = at_site.first() {
            let calls = at_site.iter().map(|check| {
                let condition = check.fails.condition(&kind, krate);
                fail_if(krate, &condition, check.span, &message(field, check.fails))
            });
            items.push(quote_spanned!(first.span=> const _: () = { #(#calls;)* };));
        }
    }
    quote!(#(#items)*)
}

/// A call that fails compilation with `message` when `condition` holds.
/// rustc reports a failed evaluation on the const item that made the call,
/// so the caller spans that item where the error should show; the panic
/// lives in one runtime function rather than a `panic!` expanded per check,
/// which keeps the checks cheap to compile.
fn fail_if(krate: &TokenStream, condition: &TokenStream, span: Span, message: &str) -> TokenStream {
    let function = respan(quote!(#krate::__private::fail_if), span);
    quote_spanned!(span=> #function(#condition, #message))
}

/// How to fix a name: rename the field, or change `name = "..."`.
fn rename(field: &Field, to: &str) -> String {
    if to.is_empty() {
        return "rename it".to_owned();
    }
    match &field.attrs.name {
        Some(_) => format!("set `name = \"{to}\"`"),
        None => format!("rename it to `{to}`"),
    }
}

/// The type as a user wrote it, for messages: `prometheus::IntCounter`,
/// not `prometheus :: IntCounter`.
pub(crate) fn type_text(ty: &syn::Type) -> String {
    let text = quote!(#ty).to_string();
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split(' ').enumerate() {
        let glue = matches!(part, "::" | "<" | ">" | "," | ")" | "]")
            || out.ends_with("::")
            || out.ends_with('<')
            || out.ends_with('(')
            || out.ends_with('[')
            || out.ends_with('&')
            || out.ends_with(' ');
        if i > 0 && !glue {
            out.push(' ');
        }
        out.push_str(part);
        if part == "," {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str) -> String {
        type_text(&syn::parse_str(src).expect("a type"))
    }

    #[test]
    fn renders_types_as_written() {
        assert_eq!(text("IntCounter"), "IntCounter");
        assert_eq!(text("prometheus :: IntCounter"), "prometheus::IntCounter");
        assert_eq!(text("::prometheus::IntCounter"), "::prometheus::IntCounter");
        assert_eq!(
            text("Labeled<IntCounter, (Method, Class)>"),
            "Labeled<IntCounter, (Method, Class)>"
        );
        assert_eq!(text("Vec<u8>"), "Vec<u8>");
        assert_eq!(text("&'static str"), "&'static str");
    }
}
