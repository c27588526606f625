//! The macros of `metrics-runtime`. Depend on `metrics-runtime`, which
//! re-exports them; this crate's output names `::metrics_runtime` paths.
//!
//! Each macro runs in stages, one file each: `attr` reads the input into
//! the model of `ast`, `valid` checks it, `expand` generates code, and
//! `fallback` stands in for the generated code when there were errors.
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod buckets;
mod errors;
mod expand;
mod fallback;
mod names;
mod valid;

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

/// The whole derive over `proc_macro2` tokens: usable outside a compiler
/// run, which the tests of this crate rely on.
fn derive(input: TokenStream2) -> TokenStream2 {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    let model = attr::component(&input, &mut errors);
    let checked = model.as_ref().map(|c| valid::check(c, &mut errors));
    match (model, checked) {
        (Some(model), Some(checked)) if errors.is_empty() => expand::component(&model, &checked),
        (model, _) => {
            let krate = model
                .as_ref()
                .map(expand::runtime_path)
                .unwrap_or_else(|| quote!(::metrics_runtime));
            let mut out = errors.into_compile_errors();
            out.extend(fallback::component(&input, &krate));
            out
        }
    }
}
