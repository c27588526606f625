//! The macros of `metrics-runtime`. Depend on `metrics-runtime`, which
//! re-exports them; this crate's output names `::metrics_runtime` paths.
//!
//! Each macro runs in stages, one file each: `attr` reads the input into
//! the model of `ast`, `valid` checks it, `typeck` checks what depends on
//! the field types (itself for types `spelling` recognises, through const
//! items for the others), `expand` generates code (with `unique` for
//! crate-wide unique names), and `fallback` stands in for the generated
//! code when there were errors. `metrics_component!` (`component_macro`)
//! reads its terse syntax into the derive's input and takes the same path.
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod buckets;
mod component_macro;
mod errors;
mod expand;
mod fallback;
mod label_value;
mod names;
#[cfg(test)]
mod proptests;
mod spelling;
mod typeck;
mod unique;
mod valid;
mod values;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::quote;
use syn::DeriveInput;

use crate::errors::Errors;

/// Derives `metrics_runtime::Metrics`; see that crate's documentation.
#[proc_macro_derive(Metrics, attributes(metrics, metric))]
pub fn derive_metrics(input: TokenStream) -> TokenStream {
    derive(input.into()).into()
}

/// Declares a component in a terse form; see
/// `metrics_runtime::metrics_component!`, which documents the grammar.
#[proc_macro]
pub fn metrics_component(input: TokenStream) -> TokenStream {
    component_macro::expand(input.into()).into()
}

/// Derives `metrics_runtime::LabelValue` for a unit-only enum; see that
/// trait's documentation.
#[proc_macro_derive(LabelValue, attributes(label))]
pub fn derive_label_value(input: TokenStream) -> TokenStream {
    label_value::derive(input.into()).into()
}

/// The whole derive over `proc_macro2` tokens: usable outside a compiler
/// run, which the tests of this crate rely on.
fn derive(input: TokenStream2) -> TokenStream2 {
    match syn::parse2::<DeriveInput>(input) {
        Ok(input) => component(&input, Errors::default()),
        Err(error) => error.to_compile_error(),
    }
}

/// Parse, check and generate one component, for both macros. `errors` holds
/// what `metrics_component!` found before; any error means the fallback
/// instead of the generated code, with every error of the declaration
/// reported, the clashing names claimed and the type checks emitted all
/// the same, so that one compile shows everything.
fn component(input: &DeriveInput, mut errors: Errors) -> TokenStream2 {
    let fields_dropped = !errors.is_empty();
    let model = attr::component(input, fields_dropped, &mut errors);
    let checked = model.as_ref().map(|c| valid::check(c, &mut errors));
    if let (Some(model), Some(checked)) = (&model, &checked) {
        typeck::spelled(model, &checked.names_valid, &mut errors);
    }
    match (model, checked) {
        (Some(model), Some(checked)) if errors.is_empty() => expand::component(&model, &checked),
        (model, checked) => {
            let krate = model
                .as_ref()
                .map(expand::runtime_path)
                .unwrap_or_else(|| quote!(::metrics_runtime));
            let mut out = errors.into_compile_errors();
            out.extend(fallback::component(input, &krate));
            if let (Some(model), Some(checked)) = (model, checked) {
                out.extend(unique::items(&checked.claims));
                // A generic struct's field types name its parameters,
                // which the checks, outside the struct, cannot see.
                if input.generics.params.is_empty() {
                    out.extend(typeck::component(&model, &checked.names_valid, &krate));
                    out.extend(typeck::spellings(&model, &krate));
                }
            }
            out
        }
    }
}
