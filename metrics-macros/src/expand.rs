//! Code generation: thin glue that hands the checked declaration to the
//! runtime crate.

use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::ast::{Component, Field};
use crate::valid::Checked;
use crate::{typeck, unique};

pub(crate) fn component(component: &Component, checked: &Checked) -> TokenStream {
    let krate = runtime_path(component);
    let ident = &component.ident;
    let name = component
        .attrs
        .component
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_default();
    let count = component.fields.len();
    let descriptors = component
        .fields
        .iter()
        .zip(&checked.buckets)
        .map(|(field, buckets)| descriptor(component, field, buckets.as_deref(), &krate));
    let full_names = component.fields.iter().map(|f| component.full_name(f));
    // The field's type is named only as `<T as MetricField>`, always with
    // its own tokens, so an unsupported type is one error (see `typeck`).
    let builds = component.fields.iter().enumerate().map(|(index, field)| {
        let (member, ty) = (&field.ident, &field.ty);
        quote! {
            #member: #krate::__private::build(
                <#ty as #krate::MetricField>::__build(&descriptors[#index]),
                &descriptors[#index],
            )
        }
    });
    let shares = component.fields.iter().map(|field| {
        let (member, ty) = (&field.ident, &field.ty);
        quote!(#member: <#ty as #krate::MetricField>::__share(&self.#member))
    });
    let collectors = component.fields.iter().map(|field| {
        let (member, ty) = (&field.ident, &field.ty);
        quote!(<#ty as #krate::MetricField>::__collector(&self.#member))
    });

    let mut out = quote! {
        #[automatically_derived]
        impl #krate::Metrics for #ident {
            const COMPONENT: &'static str = #name;

            const __METRIC_NAMES: &'static [&'static str] = &[#(#full_names),*];

            fn descriptors() -> &'static [#krate::MetricDescriptor] {
                static DESCRIPTORS: [#krate::MetricDescriptor; #count] = [#(#descriptors),*];
                &DESCRIPTORS
            }

            fn __build() -> Self {
                let descriptors = <Self as #krate::Metrics>::descriptors();
                Self { #(#builds),* }
            }

            fn __collectors(&self) -> #krate::__private::Vec<#krate::__private::Box<dyn #krate::__private::Collector>> {
                #krate::__private::Vec::from([#(#collectors),*])
            }

            fn __share(&self) -> Self {
                Self { #(#shares),* }
            }

            fn __global() -> &'static #krate::__private::GlobalCell<Self> {
                static GLOBAL: #krate::__private::GlobalCell<#ident> = #krate::__private::GlobalCell::new();
                &GLOBAL
            }
        }
    };
    out.extend(inherent(ident, &krate));
    out.extend(typeck::component(component, &checked.names_valid, &krate));
    out.extend(unique::items(&checked.claims));
    out
}

/// The path of the runtime crate in generated code.
pub(crate) fn runtime_path(component: &Component) -> TokenStream {
    match &component.attrs.krate {
        Some(path) => quote!(#path),
        None => quote!(::metrics_runtime),
    }
}

fn descriptor(
    component: &Component,
    field: &Field,
    buckets: Option<&[f64]>,
    krate: &TokenStream,
) -> TokenStream {
    let field_name = field.ident.to_string().trim_start_matches("r#").to_owned();
    let full_name = component.full_name(field);
    let help = field.help().unwrap_or_default();
    let labels = field.label_names();
    let const_labels = field
        .attrs
        .const_labels
        .iter()
        .flat_map(|c| &c.pairs)
        .map(|(k, v)| {
            let (k, v) = (k.value(), v.value());
            quote!((#k, #v))
        });
    let ty = &field.ty;
    let metric_type = quote!(<#ty as #krate::MetricField>::TYPE);
    let buckets = match buckets {
        Some(bounds) => {
            // `compute` refuses non-finite bounds; the filter keeps
            // `f64_unsuffixed`, which panics on them, safe all the same.
            let bounds = bounds
                .iter()
                .filter(|b| b.is_finite())
                .map(|b| proc_macro2::Literal::f64_unsuffixed(*b));
            quote!(#krate::__private::Some(&[#(#bounds),*]))
        }
        None => quote!(#krate::__private::default_buckets(#metric_type)),
    };
    quote! {
        #krate::MetricDescriptor::__new(
            #field_name,
            #full_name,
            #help,
            #metric_type,
            &[#(#labels),*],
            &[#(#const_labels),*],
            #buckets,
        )
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

/// Inherent methods, so that callers need not import the `Metrics` trait.
pub(crate) fn inherent(ident: &syn::Ident, krate: &TokenStream) -> TokenStream {
    quote! {
        #[automatically_derived]
        #[allow(dead_code)]
        impl #ident {
            /// The component name, unique in its crate.
            pub const COMPONENT: &'static str = <Self as #krate::Metrics>::COMPONENT;

            /// The declaration of each metric, in field order.
            pub fn descriptors() -> &'static [#krate::MetricDescriptor] {
                <Self as #krate::Metrics>::descriptors()
            }

            /// The instance in the global registry, registered on first use; never panics.
            #[inline]
            pub fn global() -> &'static Self {
                <Self as #krate::Metrics>::global()
            }

            /// The global instance, or the error that kept it out of the global registry.
            pub fn try_global() -> #krate::__private::Result<&'static Self, &'static #krate::Error> {
                <Self as #krate::Metrics>::try_global()
            }

            /// Registers this component in `registry`, or returns the instance already there.
            pub fn register(
                registry: &#krate::Registry,
            ) -> #krate::__private::Result<#krate::__private::Arc<Self>, #krate::Error> {
                <Self as #krate::Metrics>::register(registry)
            }

            /// A fresh instance on a private registry, for tests.
            pub fn for_test() -> #krate::TestMetrics<Self> {
                <Self as #krate::Metrics>::for_test()
            }
        }
    }
}
