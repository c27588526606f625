//! Small helpers on tokens, shared by every stage.

use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::manifest;

/// The runtime crate's path in generated code: `crate = "..."` when given,
/// else `prometheus-component` under the name the user's Cargo.toml gives
/// it (`metrics = { package = "prometheus-component" }` makes it
/// `::metrics`).
pub(crate) fn runtime_path(krate: Option<&syn::Path>) -> TokenStream {
    match krate {
        Some(path) => quote!(#path),
        None => default_runtime(),
    }
}

/// The runtime crate as the user's Cargo.toml names it, found by
/// proc-macro-crate when the manifest could rename it (see `manifest`);
/// `::prometheus_component` where that cannot be told (the runtime's own
/// doctests and examples, where it is "itself", or a manifest that cannot
/// be read), which is its name unless renamed.
pub(crate) fn default_runtime() -> TokenStream {
    match renamed_runtime() {
        Some(name) => quote!(::#name),
        None => quote!(::prometheus_component),
    }
}

fn renamed_runtime() -> Option<syn::Ident> {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").and_then(|dir| {
        std::fs::read_to_string(std::path::Path::new(&dir).join("Cargo.toml")).ok()
    });
    if manifest.is_some_and(|text| !manifest::may_rename_runtime(&text)) {
        return None;
    }
    match proc_macro_crate::crate_name("prometheus-component") {
        Ok(proc_macro_crate::FoundCrate::Name(name)) => syn::parse_str::<syn::Ident>(&name).ok(),
        _ => None,
    }
}

/// `tokens` with every span set to `span`, so an error about them points there.
pub(crate) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let proc_macro2::TokenTree::Group(group) = &tree {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                tree = inner.into();
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

/// Where an error about `ty` shows: its first token, which is what
/// `Spanned::span` gives on a stable compiler (it cannot join two spans),
/// found without first writing the whole type out as tokens: that made
/// up a tenth of the derive's time for a type written as a plain path.
pub(crate) fn type_span(ty: &syn::Type) -> Span {
    match ty {
        syn::Type::Path(syn::TypePath { qself: None, path }) => match &path.leading_colon {
            Some(colons) => colons.spans[0],
            None => path
                .segments
                .first()
                .map_or_else(Span::call_site, |segment| segment.ident.span()),
        },
        _ => syn::spanned::Spanned::span(ty),
    }
}

/// A path as a user wrote it, for messages: `metric`, `a::b`.
pub(crate) fn path_name(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
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

    #[test]
    fn respan_reaches_into_groups() {
        let span = Span::call_site();
        let out = respan(quote!(a::b(c, [d])), span);
        assert_eq!(out.to_string(), quote!(a::b(c, [d])).to_string());
    }
}
