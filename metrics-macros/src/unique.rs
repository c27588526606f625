//! Crate-wide uniqueness of component names and full metric names.
//!
//! Each name a component claims becomes a hidden `#[macro_export]
//! macro_rules!` named after it. Exported macros live in the crate root's
//! macro namespace wherever they are defined, so a second component claiming
//! the same name, in any module or function body, is rustc's E0428 ("the
//! name `__metrics_component__http` is defined multiple times"), under
//! `cargo check` as well, with both definitions spanned on the literal or
//! field that claimed the name. Other crates have their own root, so names
//! only need to be unique per crate; `assert_unique!` covers the rest.
//!
//! Mangling: `__metrics_component__` + component name and
//! `__metrics_metric__` + full metric name. Only names that passed their
//! checks are claimed, so they are `[a-z0-9_]` and make valid identifiers;
//! the two prefixes differ before any name starts, and each is followed by
//! the name verbatim, so two distinct names never give one identifier.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::internals::ast::{Claim, ClaimKind};

/// One hidden exported macro per claim.
pub(crate) fn items(claims: &[Claim]) -> TokenStream {
    // `non_local_definitions`: inside a function body an exported macro
    // still lands at the crate root, which is the point here. The
    // attributes are built once and shared: the error points at the item
    // itself, spanned on the claim.
    let attrs = quote! {
        #[doc(hidden)]
        #[allow(non_local_definitions)]
        #[macro_export]
    };
    let mut out = TokenStream::new();
    for claim in claims {
        if let Some(ident) = ident(&mangled(claim), claim.span) {
            out.extend(attrs.clone());
            out.extend(quote_spanned!(claim.span=> macro_rules! #ident { () => {} }));
        }
    }
    out
}

/// The identifier a claim's macro is named: see the mangling above.
fn mangled(claim: &Claim) -> String {
    match claim.kind {
        ClaimKind::Component => format!("__metrics_component__{}", claim.name),
        ClaimKind::Metric => format!("__metrics_metric__{}", claim.name),
    }
}

/// `Ident::new` panics on a string that is not an identifier; names are
/// checked before they are claimed, and this keeps the macro from
/// panicking should a check ever let one through.
fn ident(name: &str, span: Span) -> Option<Ident> {
    let valid =
        name.starts_with('_') && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then(|| Ident::new(name, span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mangled_names_are_distinct_identifiers() {
        let span = Span::call_site();
        let out = items(&[
            Claim::component("http".into(), span),
            Claim::metric("shop_http_requests_total".into(), span),
        ])
        .to_string();
        assert!(out.contains("macro_rules ! __metrics_component__http"));
        assert!(out.contains("macro_rules ! __metrics_metric__shop_http_requests_total"));
    }

    #[test]
    fn a_name_that_is_no_identifier_claims_nothing() {
        let span = Span::call_site();
        assert!(items(&[Claim::component("a-b".into(), span)]).is_empty());
        assert!(items(&[Claim::metric("é".into(), span)]).is_empty());
    }
}
