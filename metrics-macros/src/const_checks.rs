//! The type-dependent checks of `field_types` as const items, for the fields
//! whose types the macro could not read: each check fails a const item
//! with a message written here, naming the field and the fix, on the span
//! of the key or name at fault; rustc reports every such const that fails
//! (E0080), under `cargo check` too. Checks of one field at one place
//! share an item (see `Site`). The field's type is named only as
//! `<T as MetricField>`, always with the type's own tokens: an unsupported
//! type is then one "not a metric type" error on the type, which rustc
//! reports once, rather than one misleading error per check.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::{Component, Field, LabelText};
use crate::internals::field_types::{checked_fields, checks, message, Check, Fails, Site};
use crate::internals::spelling::{self, LabelForm};
use crate::tokens::respan;

/// The const items that check the fields whose types the macro could not
/// read, and the typed labels of every field that has them.
pub(crate) fn field_items(component: &Component, krate: &TokenStream) -> TokenStream {
    checked_fields(component)
        .map(|field| field_item(field, krate))
        .collect()
}

/// For a declaration with errors, which builds no fields: a const item per
/// field written as a `prometheus` type that checks it is that type, as
/// `__build` would, so that when a misleading alias made the macro report
/// a rule of the wrong type, the reason shows with it.
pub(crate) fn spellings(component: &Component, krate: &TokenStream) -> TokenStream {
    component
        .fields
        .iter()
        .filter_map(|field| {
            let marker = syn::Ident::new(spelling::of(&field.ty)?.marker(), Span::call_site());
            let ty = &field.ty;
            let span = ty.span();
            let check = respan(
                quote!(#krate::__private::check_spelled::<#krate::__private::names::#marker, #ty>),
                span,
            );
            Some(quote_spanned!(span=> const _: () = #check();))
        })
        .collect()
}

fn field_item(field: &Field, krate: &TokenStream) -> TokenStream {
    let ty = &field.ty;
    let mut items = const_label_items(field, krate);
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
    let checks = checks(field);
    for site in [
        Site::Field,
        Site::Labels,
        Site::Buckets,
        Site::Native,
        Site::Name,
    ] {
        let at_site: Vec<&Check> = checks.iter().filter(|check| check.site == site).collect();
        if let Some(first) = at_site.first() {
            let calls = at_site.iter().map(|check| {
                let condition = condition(check.fails, &kind, krate);
                fail_if(krate, &condition, check.span, &message(field, check.fails))
            });
            items.push(quote_spanned!(first.span=> const _: () = { #(#calls;)* };));
        }
    }
    quote!(#(#items)*)
}

/// The constant label values given as expressions must not be empty, as
/// literal ones are checked in the macro; the compiler also checks they
/// are `&'static str` constants.
fn const_label_items(field: &Field, krate: &TokenStream) -> Vec<TokenStream> {
    let Some(const_labels) = &field.attrs.const_labels else {
        return Vec::new();
    };
    const_labels
        .pairs
        .iter()
        .filter_map(|(name, value)| {
            let LabelText::Expr(expr) = value else {
                return None;
            };
            let span = expr.span();
            let message = format!(
                "the value of constant label `{}` is empty (an empty value is the same as no label)",
                name.value()
            );
            let condition = quote_spanned!(span=> <str>::is_empty(#expr));
            let call = fail_if(krate, &condition, span, &message);
            Some(quote_spanned!(span=> const _: () = #call;))
        })
        .collect()
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

/// When `fails` holds, as a const expression on the field type's kind.
fn condition(fails: Fails, kind: &TokenStream, krate: &TokenStream) -> TokenStream {
    let private = quote!(#krate::__private);
    match fails {
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
        Fails::NotNative => quote!(!#private::is_native(#kind)),
        Fails::Counter => quote!(#private::is_counter(#kind)),
        Fails::NotCounter => quote!(!#private::is_counter(#kind)),
    }
}
