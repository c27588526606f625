//! Code generation: thin glue that hands the checked declaration to the
//! runtime crate.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::{Component, Field, LabelText};
use crate::internals::spelling::{self, Spelled};
use crate::tokens;

/// The impl of `Metrics` and the inherent methods of a valid component.
pub(crate) fn impl_metrics(component: &Component, krate: &TokenStream) -> TokenStream {
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
        .map(|field| descriptor(component, field));
    let full_names = component.fields.iter().map(|f| component.full_name(f));
    let members: Vec<_> = component.fields.iter().map(|f| &f.ident).collect();
    let body = quote! {
        #[automatically_derived]
        impl __metrics::Metrics for #ident {
            const COMPONENT: &'static str = #name;

            const __METRIC_NAMES: &'static [&'static str] = &[#(#full_names),*];

            fn descriptors() -> &'static [__metrics::MetricDescriptor] {
                static DESCRIPTORS: [__metrics::MetricDescriptor; #count] = [#(#descriptors),*];
                &DESCRIPTORS
            }

            fn __build(fields: &mut __metrics::Builder<'_>) -> Self {
                Self { #(#members: fields.take()),* }
            }

            fn __fields<'a>(&'a self, fields: &mut __metrics::Fields<'a>) {
                #(fields.push(&self.#members);)*
            }

            fn __global() -> &'static __metrics::GlobalCell<Self> {
                static GLOBAL: __metrics::GlobalCell<#ident> = __metrics::GlobalCell::new();
                &GLOBAL
            }
        }

        // The component's entry in the binary-wide catalog, gathered by
        // the linker.
        #[__metrics::linkme::distributed_slice(__metrics::CATALOG)]
        #[linkme(crate = __metrics::linkme)]
        static __CATALOG_ENTRY: __metrics::Entry =
            __metrics::Entry::__of::<#ident>(::core::module_path!());
    };
    in_scope(krate, body, inherent(ident))
}

/// `items` and the inherent methods, in an anonymous const that names the
/// runtime's glue `__metrics`: the generated paths stay short, which keeps
/// them cheap to read back and resolve, and the name is seen nowhere else.
pub(crate) fn in_scope(
    krate: &TokenStream,
    items: TokenStream,
    inherent: TokenStream,
) -> TokenStream {
    quote! {
        const _: () = {
            use #krate::__private as __metrics;
            #items
            #inherent
        };
    }
}

/// The path of the runtime crate in generated code.
pub(crate) fn runtime_path(component: &Component) -> TokenStream {
    tokens::runtime_path(component.attrs.krate.as_ref())
}

/// The descriptor of `field`: its names and help, the kind of its type
/// (the one place generated code names the type, so that an unsupported
/// type is one error, shown on the type), and what it declares beyond that.
fn descriptor(component: &Component, field: &Field) -> TokenStream {
    let field_name = field.ident.to_string().trim_start_matches("r#").to_owned();
    let full_name = component.full_name(field);
    let help = field.help().unwrap_or_default();
    let ty = &field.ty;
    let spelled = syn::Ident::new(
        spelling::of(ty).map_or("Unknown", Spelled::variant),
        Span::call_site(),
    );
    let kind = field_kind(ty, &quote!(__metrics));
    // Spanned on the type: a spelling that lied fails the evaluation here.
    let mut out = quote_spanned! {ty.span()=>
        __metrics::MetricDescriptor::__new(#field_name, #full_name, #help, #kind, __metrics::Spelled::#spelled)
    };
    if let Some(labels) = &field.attrs.labels {
        let names = labels.names.iter().map(syn::LitStr::value);
        out.extend(quote!(.__labels(&[#(#names),*])));
    }
    if let Some(const_labels) = &field.attrs.const_labels {
        let pairs = const_labels.pairs.iter().map(|(k, v)| {
            let k = k.value();
            match v {
                LabelText::Literal(v) => {
                    let v = v.value();
                    quote!((#k, #v))
                }
                LabelText::Expr(v) => quote!((#k, #v)),
            }
        });
        out.extend(quote!(.__const_labels(&[#(#pairs),*])));
    }
    if let Some(bounds) = &field.checks.buckets {
        // `compute` refuses non-finite bounds; the filter keeps
        // `f64_unsuffixed`, which panics on them, safe all the same.
        let bounds = bounds
            .iter()
            .filter(|b| b.is_finite())
            .map(|b| proc_macro2::Literal::f64_unsuffixed(*b));
        out.extend(quote!(.__buckets(&[#(#bounds),*])));
    }
    if let Some(native) = &field.checks.native {
        let schema = native.schema;
        let max_buckets = native.max_buckets;
        // Checked finite by `check_native`.
        let zero_threshold = proc_macro2::Literal::f64_unsuffixed(native.zero_threshold);
        out.extend(quote!(.__native(#schema, #max_buckets, #zero_threshold)));
    }
    out
}

/// The `FieldKind` of `ty`, through `private` (the runtime's `__private`).
/// A type written as a bare `prometheus` type goes through
/// `PrometheusType`, whose error says why a type of that name can still be
/// unsupported (it comes from another version of `prometheus`); any other
/// type through `MetricField`.
pub(crate) fn field_kind(ty: &syn::Type, private: &TokenStream) -> TokenStream {
    let prometheus_named =
        spelling::of(ty).is_some_and(|spelled| spelled.labels != spelling::LabelForm::Typed);
    if prometheus_named {
        quote_spanned!(ty.span()=> <#ty as #private::PrometheusType>::__PROMETHEUS_KIND)
    } else {
        quote_spanned!(ty.span()=> <#ty as #private::MetricField>::__KIND)
    }
}

/// Inherent methods, so that callers need not import the `Metrics` trait;
/// inside `in_scope`. Each forwards to the trait and is `#[inline]`: a
/// component that nobody calls makes the compiler build none of what they
/// reach.
pub(crate) fn inherent(ident: &syn::Ident) -> TokenStream {
    quote! {
        #[allow(dead_code)]
        impl #ident {
            /// The component name, unique in its crate.
            pub const COMPONENT: &'static str = <Self as __metrics::Metrics>::COMPONENT;

            /// The declaration of each metric, in field order.
            #[inline]
            pub fn descriptors() -> &'static [__metrics::MetricDescriptor] {
                <Self as __metrics::Metrics>::descriptors()
            }

            /// The instance in the global registry, registered on first use; never panics.
            #[inline]
            pub fn global() -> &'static Self {
                <Self as __metrics::Metrics>::global()
            }

            /// The global instance, or the error that kept it out of the global registry.
            #[inline]
            pub fn try_global() -> __metrics::Result<&'static Self, &'static __metrics::Error> {
                <Self as __metrics::Metrics>::try_global()
            }

            /// Registers this component in `registry`, or returns the instance already there.
            #[inline]
            pub fn register(
                registry: &__metrics::Registry,
            ) -> __metrics::Result<__metrics::Arc<Self>, __metrics::Error> {
                <Self as __metrics::Metrics>::register(registry)
            }

            /// Takes this component out of `registry`; `true` when it was there.
            #[inline]
            pub fn unregister(registry: &__metrics::Registry) -> bool {
                <Self as __metrics::Metrics>::unregister(registry)
            }

            /// A fresh instance on a private registry, for tests.
            #[inline]
            pub fn for_test() -> __metrics::TestMetrics<Self> {
                <Self as __metrics::Metrics>::for_test()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// The derive's output for `fields`, as text.
    fn expand(fields: proc_macro2::TokenStream) -> String {
        crate::pipeline::derive(quote! {
            #[metrics(component = "http")]
            struct HttpMetrics { #fields }
        })
        .to_string()
    }

    #[test]
    fn names_each_prometheus_typed_field_once_and_checks_it_in_the_macro() {
        let out = expand(quote! {
            /// Requests.
            requests_total: prometheus::IntCounter,
            /// Responses.
            #[metric(labels = ["class"])]
            responses_total: prometheus::IntCounterVec,
            /// Latency.
            latency_seconds: prometheus::Histogram,
        });
        for ty in ["IntCounter", "IntCounterVec", "Histogram"] {
            let named = format!("prometheus :: {ty} ");
            assert_eq!(out.matches(&named).count(), 1, "{ty} in {out}");
        }
        assert!(!out.contains("fail_if"), "no const checks: {out}");
        assert!(out.contains("Spelled :: CounterVec"), "{out}");
    }

    #[test]
    fn leaves_the_checks_of_other_spellings_to_const_items() {
        let out = expand(quote! {
            /// Requests.
            requests_total: Requests,
        });
        assert!(out.contains("fail_if"), "{out}");
        assert!(out.contains("Spelled :: Unknown"), "{out}");
    }
}
