//! What a declaration with errors expands to besides the errors: an impl of
//! the trait and the inherent methods, so that each use of the component
//! does not add a "trait not implemented" error to the real ones.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::expand::{in_scope, inherent};

pub(crate) fn fallback_impl(input: &DeriveInput, krate: &TokenStream) -> TokenStream {
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let body = quote! {
        #[automatically_derived]
        impl __metrics::Metrics for #ident {
            const COMPONENT: &'static str = "";

            const __DESCRIPTORS: &'static [__metrics::MetricDescriptor] = &[];

            fn __build(_: &mut __metrics::Builder<'_>) -> Self {
                ::core::unreachable!("the declaration of this component has compile errors")
            }

            fn __global() -> &'static __metrics::GlobalCell<Self> {
                static GLOBAL: __metrics::GlobalCell<#ident> = __metrics::GlobalCell::new();
                &GLOBAL
            }
        }
    };
    in_scope(krate, body, inherent(ident))
}
