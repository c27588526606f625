//! The macros of `prometheus-component`. Depend on `prometheus-component`, which
//! re-exports them; this crate's output names `::prometheus_component` paths.
//!
//! This file holds only the entry points. Both component macros call
//! `pipeline`, which runs the stages. The front end is the `internals`
//! folder: `attr` reads the input into the model of `ast`, `check` checks
//! it, `field_types` checks what depends on the field types (itself for
//! types `spelling` recognises; through the const items of `const_checks`
//! for the others). Code generation sits beside it: `expand` generates
//! code (with `unique` for crate-wide unique names), and `fallback` stands
//! in for the generated code when there were errors. `metrics_component!`
//! (`component_macro`) reads its terse syntax into the derive's input and
//! takes the same path. `tokens` has the token helpers every stage shares,
//! and `manifest` reads the user's Cargo.toml for the runtime's name.
#![forbid(unsafe_code)]

mod component_macro;
mod const_checks;
mod expand;
mod fallback;
mod internals;
mod label_value;
mod manifest;
mod pipeline;
#[cfg(test)]
mod proptests;
mod tokens;
mod unique;

use proc_macro::TokenStream;

/// Derives `prometheus_component::Metrics`; see that crate's documentation.
#[proc_macro_derive(Metrics, attributes(metrics, metric))]
pub fn derive_metrics(input: TokenStream) -> TokenStream {
    pipeline::derive(input.into()).into()
}

/// Declares a component in a terse form; see
/// `prometheus_component::metrics_component!`, which documents the grammar.
#[proc_macro]
pub fn metrics_component(input: TokenStream) -> TokenStream {
    component_macro::expand(input.into()).into()
}

/// Derives `prometheus_component::LabelValue` for a unit-only enum; see that
/// trait's documentation.
#[proc_macro_derive(LabelValue, attributes(label))]
pub fn derive_label_value(input: TokenStream) -> TokenStream {
    label_value::derive(input.into()).into()
}
