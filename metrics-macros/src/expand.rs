//! Code generation: thin glue that hands the checked declaration to the
//! runtime crate.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

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
    let descriptors = component.fields.iter().map(descriptor);
    let count = component.fields.len();
    let members: Vec<_> = component.fields.iter().map(|f| &f.ident).collect();
    let takes = component.fields.iter().map(take);
    let body = quote! {
        // A `static`, not the constant's own array: rustc checks and
        // evaluates a static's initializer once, where an array behind a
        // constant's reference goes through promotion first.
        static DESCRIPTORS: [__metrics::MetricDescriptor; #count] = [#(#descriptors),*];

        #[automatically_derived]
        impl __metrics::Metrics for #ident {
            const COMPONENT: &'static str = #name;

            const __DESCRIPTORS: &'static [__metrics::MetricDescriptor] = &DESCRIPTORS;

            fn __build(fields: &mut __metrics::Builder<'_>) -> Self {
                let this = Self { #(#members: #takes),* };
                // The runtime reads every field, through the handles the
                // builder kept; saying so here spares the user a "field is
                // never read" warning for a metric only the scrape reads.
                let _ = (#(&this.#members,)*);
                this
            }

            fn __global() -> &'static __metrics::GlobalCell<Self> {
                static GLOBAL: __metrics::GlobalCell<#ident> = __metrics::GlobalCell::new();
                &GLOBAL
            }
        }

        // The component's entry in the binary-wide catalog, gathered by
        // the linker.
        __metrics::catalog_entry!(__metrics::Entry::__of::<#ident>(::core::module_path!()));
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

/// The descriptor of `field`: its names and help, the kind of its type,
/// and what it declares beyond that.
fn descriptor(field: &Field) -> TokenStream {
    let field_name = field.ident.to_string().trim_start_matches("r#").to_owned();
    let full_name = &field.checks.full_name;
    let help = field.help().unwrap_or_default();
    let kind = field_kind(&field.ty, &quote!(__metrics));
    let mut out = quote! {
        __metrics::MetricDescriptor::__new(#field_name, #full_name, #help, #kind)
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
/// A type written as a bare `prometheus` type is described with the kind
/// of the type its name says, a constant: `__build` checks the name did
/// not lie. Any other type names its kind through `MetricField`, the one
/// place generated code names that type, so that an unsupported type is
/// one error, shown on the type.
fn field_kind(ty: &syn::Type, private: &TokenStream) -> TokenStream {
    match spelling::of(ty).and_then(Spelled::kind_const) {
        Some(name) => {
            let name = syn::Ident::new(name, Span::call_site());
            quote!(#private::kinds::#name)
        }
        None => quote_spanned!(tokens::type_span(ty)=> <#ty as #private::MetricField>::__KIND),
    }
}

/// How `__build` takes `field`: for a type written as a `prometheus` type,
/// through the bound that the type is the one its name says, spanned on
/// the type so that a lie is one error there.
fn take(field: &Field) -> TokenStream {
    let ty = &field.ty;
    match spelling::of(ty) {
        Some(spelled) => {
            let marker = syn::Ident::new(spelled.marker(), Span::call_site());
            quote_spanned!(tokens::type_span(ty)=> fields.take_spelled::<__metrics::names::#marker, _>())
        }
        None => quote!(fields.take()),
    }
}

/// The inherent `global()` and `for_test()`, inside `in_scope`: the two
/// methods called all over a service and its tests, so they must not need
/// the `Metrics` trait imported. Each forwards to the trait and is
/// `#[inline]`. The other methods stay the trait's, as a derived trait's
/// do: every forwarder is one more function the compiler checks for each
/// component, declared or used.
pub(crate) fn inherent(ident: &syn::Ident) -> TokenStream {
    quote! {
        impl #ident {
            /// The instance in the global registry, registered on first use;
            /// never panics: `Metrics::global`, without importing the trait.
            #[inline]
            pub fn global() -> &'static Self {
                <Self as __metrics::Metrics>::global()
            }

            /// A fresh instance on a private registry, for tests:
            /// `Metrics::for_test`, without importing the trait.
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
    fn describes_prometheus_typed_fields_by_name_and_checks_them_in_the_macro() {
        let out = expand(quote! {
            /// Requests.
            requests_total: prometheus::IntCounter,
            /// Responses.
            #[metric(labels = ["class"])]
            responses_total: prometheus::IntCounterVec,
            /// Latency.
            latency_seconds: prometheus::Histogram,
        });
        for (ty, kind) in [
            ("IntCounter", "INT_COUNTER"),
            ("IntCounterVec", "INT_COUNTER_VEC"),
            ("Histogram", "HISTOGRAM"),
        ] {
            // Never named in the generated code: described by a constant,
            // built through the marker of its name.
            assert!(
                !out.contains(&format!("prometheus :: {ty} ")),
                "{ty} in {out}"
            );
            assert!(
                out.contains(&format!("kinds :: {kind})")),
                "{kind} in {out}"
            );
            assert!(out.contains(&format!("names :: {ty} ,")), "{ty} in {out}");
        }
        assert!(!out.contains("fail_if"), "no const checks: {out}");
    }

    #[test]
    fn leaves_the_checks_of_other_spellings_to_const_items() {
        let out = expand(quote! {
            /// Requests.
            requests_total: Requests,
        });
        assert!(out.contains("fail_if"), "{out}");
        assert!(
            out.contains("< Requests as __metrics :: MetricField > :: __KIND"),
            "{out}"
        );
        assert!(!out.contains("take_spelled"), "{out}");
    }
}
