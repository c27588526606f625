//! `#[derive(LabelValue)]`: a unit-only enum whose variants are the values
//! of a label.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::internals::errors::Errors;
use crate::internals::names::to_snake_case;

pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    let krate = runtime_path(&input, &mut errors);
    let values = values(&input, &mut errors);
    let ident = &input.ident;
    if !errors.is_empty() {
        let mut out = errors.into_compile_errors();
        if input.generics.params.is_empty() {
            out.extend(quote! {
                #[automatically_derived]
                impl #krate::LabelValue for #ident {
                    const VALUES: &'static [&'static str] = &[];
                    fn index(&self) -> usize {
                        0
                    }
                }
            });
        }
        return out;
    }
    let (variants, strings): (Vec<_>, Vec<_>) = values.into_iter().unzip();
    let indices = 0..variants.len();
    quote! {
        #[automatically_derived]
        impl #krate::LabelValue for #ident {
            const VALUES: &'static [&'static str] = &[#(#strings),*];

            #[inline]
            fn index(&self) -> usize {
                match self {
                    #(Self::#variants => #indices,)*
                }
            }
        }
    }
}

/// Each variant with its label value, in declaration order.
fn values(input: &DeriveInput, errors: &mut Errors) -> Vec<(syn::Ident, String)> {
    let Data::Enum(data) = &input.data else {
        errors.at(
            input.ident.span(),
            "`LabelValue` can only be derived for an enum of unit variants, one per label value",
        );
        return Vec::new();
    };
    if !input.generics.params.is_empty() {
        errors.spanned(&input.generics, "a label value enum cannot be generic");
    }
    if data.variants.is_empty() {
        errors.at(
            input.ident.span(),
            "a label value enum needs at least one variant: a label with no values has no series",
        );
    }
    let mut seen: HashMap<String, syn::Ident> = HashMap::new();
    let mut out = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            errors.spanned(
                &variant.fields,
                "label value variants cannot carry data: the set of values must be fixed",
            );
        }
        let rename = rename(&variant.attrs, errors);
        let (value, span) = match &rename {
            Some(lit) => (lit.value(), lit.span()),
            None => (
                to_snake_case(&variant.ident.to_string()),
                variant.ident.span(),
            ),
        };
        if value.is_empty() {
            errors.at(
                span,
                "a label value must not be empty (an empty value is the same as no label)",
            );
        } else if let Some(first) = seen.get(&value) {
            errors.at(
                span,
                format_args!(
                    "label value `{value}` is already the value of `{first}`: rename one of them"
                ),
            );
        } else {
            seen.insert(value.clone(), variant.ident.clone());
        }
        out.push((variant.ident.clone(), value));
    }
    out
}

/// `#[label(rename = "...")]` on a variant.
fn rename(attrs: &[syn::Attribute], errors: &mut Errors) -> Option<LitStr> {
    let mut out = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("label")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let lit: LitStr = meta.value()?.parse()?;
                if out.replace(lit).is_some() {
                    errors.spanned(&meta.path, "`rename` is given twice: keep one");
                }
                Ok(())
            } else {
                Err(meta.error("unknown key in #[label(...)]; expected `rename`"))
            }
        });
        errors.ok(result);
    }
    out
}

/// `#[label(crate = "path")]` on the enum, for crates that re-export the runtime.
fn runtime_path(input: &DeriveInput, errors: &mut Errors) -> TokenStream {
    let mut path = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("label")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let lit: LitStr = meta.value()?.parse()?;
                path = Some(lit.parse::<syn::Path>()?);
                Ok(())
            } else {
                Err(meta.error("unknown key in #[label(...)] on the enum; expected `crate`"))
            }
        });
        errors.ok(result);
    }
    crate::tokens::runtime_path(path.as_ref())
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn expand(input: proc_macro2::TokenStream) -> String {
        super::derive(input).to_string()
    }

    #[test]
    fn values_are_snake_case_names_unless_renamed() {
        let out = expand(quote! {
            enum Class { Success, ClientError, #[label(rename = "5xx")] ServerError }
        });
        assert!(
            out.contains(r#"& ["success" , "client_error" , "5xx"]"#),
            "{out}"
        );
        assert!(out.contains("Self :: ServerError => 2usize"), "{out}");
    }

    #[test]
    fn refuses_data_duplicates_and_empty_values() {
        let out = expand(quote! {
            enum Bad { A(u8), #[label(rename = "a")] B, #[label(rename = "")] C }
        });
        assert!(out.contains("cannot carry data"), "{out}");
        assert!(out.contains("already the value of `A`"), "{out}");
        assert!(out.contains("must not be empty"), "{out}");
        assert!(
            out.contains("const VALUES"),
            "a fallback impl follows: {out}"
        );
    }

    #[test]
    fn refuses_structs_and_empty_enums() {
        assert!(expand(quote!(
            struct S;
        ))
        .contains("only be derived for an enum"));
        assert!(expand(quote!(
            enum E {}
        ))
        .contains("at least one variant"));
    }
}
