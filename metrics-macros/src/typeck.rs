//! Checks that need the field's metric type, which only the compiler knows
//! (a type alias or a full path hides it from the macro).
//!
//! Each check fails a const item with a message written here, naming the
//! field and the fix, on the span of the key or name at fault; rustc reports
//! every such const that fails (E0080), under `cargo check` too. Checks of
//! one field at one place share an item (see `Site`). The field's type is named only as `<T as MetricField>`,
//! always with the type's own tokens: an unsupported type is then one
//! "not a metric type" error on the type, which rustc reports once, rather
//! than one misleading error per check.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::ast::{Component, Field};
use crate::expand::respan;

/// The checks of every field of `component`. `names_valid` says, per field,
/// whether its metric name passed its own checks: the `_total` rule is only
/// checked on a valid name, so that a bad name is one error.
pub(crate) fn component(
    component: &Component,
    names_valid: &[bool],
    krate: &TokenStream,
) -> TokenStream {
    component
        .fields
        .iter()
        .zip(names_valid)
        // A field whose attribute could not be read may have lost its
        // `labels` or `buckets`: its checks would repeat that error.
        .filter(|(field, _)| !field.attrs.incomplete)
        .map(|(field, name_valid)| self::field(field, *name_valid, krate))
        .collect()
}

/// Where a check's error shows. The checks of one field that show at the
/// same place share one const item: rustc still reports each field's
/// failures, and a component of ten metrics costs ten or so small items to
/// check instead of thirty.
#[derive(Clone, Copy, PartialEq)]
enum Site {
    Field,
    Labels,
    Buckets,
    Name,
}

/// One check: where it shows, the condition that fails it, and the message.
type Check = (Site, Span, TokenStream, String);

fn field(field: &Field, name_valid: bool, krate: &TokenStream) -> TokenStream {
    let ty = &field.ty;
    let ty_text = type_text(ty);
    let who = match &field.attrs.name {
        Some(_) => format!("metric `{}`", field.metric_name()),
        None => format!("`{}`", field.metric_name()),
    };
    let field_type = quote!(<#ty as #krate::MetricField>);
    let form = |name: &str| {
        let variant = syn::Ident::new(name, Span::call_site());
        quote!(#krate::__private::labels_match(#field_type::__LABELS, #krate::__private::LabelForm::#variant))
    };
    let mut items = Vec::new();
    let mut checks: Vec<Check> = Vec::new();
    match &field.attrs.labels {
        Some(labels) if !labels.types.is_empty() => {
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
        Some(labels) => {
            checks.push((
                Site::Labels,
                labels.key,
                form("None"),
                format!("`labels` given, but {who} has type `{ty_text}`, which has no variable labels: use its `*Vec` form, or remove `labels`"),
            ));
            checks.push((
                Site::Labels,
                labels.key,
                form("Typed"),
                format!("{who} has type `{ty_text}`, whose labels are typed: give each label with its type, `labels = [method: Method, ...]`"),
            ));
        }
        None => {
            checks.push((
                Site::Field,
                field.ident.span(),
                form("Names"),
                format!("{who} has type `{ty_text}`, a `*Vec` metric, so it needs its label names: add `#[metric(labels = [\"...\"])]`"),
            ));
            checks.push((
                Site::Field,
                field.ident.span(),
                form("Typed"),
                format!("{who} has type `{ty_text}`, whose labels are typed: add `#[metric(labels = [method: Method, ...])]` with its label types"),
            ));
        }
    }
    if let Some(buckets) = &field.attrs.buckets {
        checks.push((
            Site::Buckets,
            buckets.key,
            quote!(!#krate::__private::is_histogram(#field_type::TYPE)),
            format!("`buckets` given, but {who} has type `{ty_text}`, which is not a histogram: remove `buckets`, or use `Histogram` or `HistogramVec`"),
        ));
    }
    let is_counter = quote!(#krate::__private::is_counter(#field_type::TYPE));
    let name = field.metric_name();
    let name_site = match field.attrs.name {
        Some(_) => Site::Name,
        None => Site::Field,
    };
    match name.strip_suffix("_total") {
        _ if !name_valid => {}
        Some(stripped) => checks.push((
            name_site,
            field.name_span(),
            quote!(!#is_counter),
            format!(
                "{who} ends in `_total`, but its type `{ty_text}` is not a counter, and only counter names end in `_total` (promlint): {}",
                rename(field, stripped)
            ),
        )),
        None => checks.push((
            name_site,
            field.name_span(),
            is_counter,
            format!(
                "{who} is a counter (`{ty_text}`), and counter names end in `_total` (promlint): {}",
                rename(field, &format!("{name}_total"))
            ),
        )),
    }
    for site in [Site::Field, Site::Labels, Site::Buckets, Site::Name] {
        let at_site: Vec<&Check> = checks.iter().filter(|check| check.0 == site).collect();
        if let Some((_, span, _, _)) = at_site.first() {
            let calls = at_site
                .iter()
                .map(|(_, span, condition, message)| fail_if(krate, condition, *span, message));
            items.push(quote_spanned!(*span=> const _: () = { #(#calls;)* };));
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
