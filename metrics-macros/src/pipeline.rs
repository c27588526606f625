//! The one path every declaration takes, valid or not, for both macros:
//! read (`attr`), check (`check`, `field_types`), then the generated code
//! (`expand`) or, with errors, every error of the declaration and the
//! fallback, with the crate-wide names claimed and the const checks emitted
//! all the same, so that one compile shows everything.

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::internals::errors::Errors;
use crate::internals::{attr, check, field_types};
use crate::tokens::default_runtime;
use crate::{const_checks, expand, fallback, unique};

/// The whole derive over `proc_macro2` tokens: usable outside a compiler
/// run, which the tests of this crate rely on.
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    match syn::parse2::<DeriveInput>(input) {
        Ok(input) => expand_component(&input, Errors::default()),
        Err(error) => error.to_compile_error(),
    }
}

/// One component, for both macros. `errors` holds what
/// `metrics_component!` found before (fields it could not read).
pub(crate) fn expand_component(input: &DeriveInput, mut errors: Errors) -> TokenStream {
    let fields_dropped = !errors.is_empty();
    let Some(mut model) = attr::read_component(input, fields_dropped, &mut errors) else {
        let mut out = errors.into_compile_errors();
        out.extend(fallback::fallback_impl(input, &default_runtime()));
        return out;
    };
    let claims = check::check(&mut model, &mut errors);
    field_types::report_spelled(&model, &mut errors);
    let krate = expand::runtime_path(&model);
    if errors.is_empty() {
        let mut out = expand::impl_metrics(&model, &krate);
        out.extend(const_checks::field_items(&model, &krate));
        out.extend(unique::items(&claims));
        return out;
    }
    let mut out = errors.into_compile_errors();
    out.extend(fallback::fallback_impl(input, &krate));
    out.extend(unique::items(&claims));
    // A generic struct's field types name its parameters, which the
    // checks, outside the struct, cannot see.
    if input.generics.params.is_empty() {
        out.extend(const_checks::field_items(&model, &krate));
        out.extend(const_checks::spellings(&model, &krate));
    }
    out
}
