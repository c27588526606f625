//! What a declaration with errors expands to besides the errors: an impl of
//! the trait and the inherent methods, so that each use of the component
//! does not add a "trait not implemented" error to the real ones.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::expand::inherent;

pub(crate) fn component(input: &DeriveInput, krate: &TokenStream) -> TokenStream {
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let mut out = quote! {
        #[automatically_derived]
        impl #krate::Metrics for #ident {
            const COMPONENT: &'static str = "";

            const __METRIC_NAMES: &'static [&'static str] = &[];

            fn descriptors() -> &'static [#krate::MetricDescriptor] {
                &[]
            }

            fn __build() -> Self {
                ::core::unreachable!("the declaration of this component has compile errors")
            }

            fn __collectors(&self) -> #krate::__private::Vec<#krate::__private::Box<dyn #krate::__private::Collector>> {
                #krate::__private::Vec::new()
            }

            fn __share(&self) -> Self {
                ::core::unreachable!("the declaration of this component has compile errors")
            }

            fn __global() -> &'static #krate::__private::GlobalCell<Self> {
                static GLOBAL: #krate::__private::GlobalCell<#ident> = #krate::__private::GlobalCell::new();
                &GLOBAL
            }
        }
    };
    out.extend(inherent(ident, krate));
    out
}
