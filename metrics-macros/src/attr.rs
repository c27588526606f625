//! Reads the derive input and its attributes into the model of `ast`.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Expr, Fields, Lit, LitStr, Token};

use crate::ast::{Buckets, Component, ComponentAttrs, ConstLabels, Doc, Field, FieldAttrs, Labels};
use crate::buckets::BucketSpec;
use crate::errors::Errors;

const COMPONENT_KEYS: &str = "`component`, `namespace`, `subsystem`, `crate`";
const FIELD_KEYS: &str = "`help`, `name`, `labels`, `buckets`, `const_labels`";

/// The model of `input`, with every problem found on the way in `errors`.
/// `None` when the input is not a struct with named fields at all.
pub(crate) fn component(input: &DeriveInput, errors: &mut Errors) -> Option<Component> {
    let attrs = component_attrs(&input.attrs, errors);
    if attrs.component.is_none() {
        errors.at(
            input.ident.span(),
            "a component needs a name: add `#[metrics(component = \"...\")]` to the struct",
        );
    }
    if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
        errors.spanned(
            &input.generics,
            "a component cannot be generic: each component is one set of metric names",
        );
    }
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => &named.named,
            Fields::Unnamed(_) | Fields::Unit => {
                errors.at(
                    input.ident.span(),
                    "a component must be a struct with named fields, one per metric",
                );
                return None;
            }
        },
        Data::Enum(data) => {
            errors.at(
                data.enum_token.span,
                "`Metrics` cannot be derived for an enum: declare a struct with one named field per metric",
            );
            return None;
        }
        Data::Union(data) => {
            errors.at(
                data.union_token.span,
                "`Metrics` cannot be derived for a union: declare a struct with one named field per metric",
            );
            return None;
        }
    };
    if fields.is_empty() {
        errors.at(
            input.ident.span(),
            "a component needs at least one metric field",
        );
    }
    let fields = fields
        .iter()
        .filter_map(|field| {
            Some(Field {
                ident: field.ident.clone()?,
                ty: field.ty.clone(),
                doc: doc(&field.attrs, errors),
                attrs: field_attrs(&field.attrs, errors),
            })
        })
        .collect();
    Some(Component {
        ident: input.ident.clone(),
        attrs,
        fields,
    })
}

fn component_attrs(attrs: &[Attribute], errors: &mut Errors) -> ComponentAttrs {
    let mut out = ComponentAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("metrics")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("component") {
                set(&mut out.component, &meta, errors, |m| m.value()?.parse())
            } else if meta.path.is_ident("namespace") {
                set(&mut out.namespace, &meta, errors, |m| m.value()?.parse())
            } else if meta.path.is_ident("subsystem") {
                set(&mut out.subsystem, &meta, errors, |m| m.value()?.parse())
            } else if meta.path.is_ident("crate") {
                set(&mut out.krate, &meta, errors, |m| {
                    m.value()?.parse::<LitStr>()?.parse::<syn::Path>()
                })
            } else {
                unknown_key(&meta, "metrics", COMPONENT_KEYS, errors)
            }
        });
        errors.ok(result);
    }
    out
}

fn field_attrs(attrs: &[Attribute], errors: &mut Errors) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("metric")) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta.path.span();
            if meta.path.is_ident("help") {
                set(&mut out.help, &meta, errors, |m| m.value()?.parse())
            } else if meta.path.is_ident("name") {
                set(&mut out.name, &meta, errors, |m| m.value()?.parse())
            } else if meta.path.is_ident("labels") {
                set(&mut out.labels, &meta, errors, |m| {
                    let names = string_list(m.value()?)?;
                    Ok(Labels { key, names })
                })
            } else if meta.path.is_ident("buckets") {
                set(&mut out.buckets, &meta, errors, |m| {
                    let spec = BucketSpec::parse(m.value()?)?;
                    Ok(Buckets { key, spec })
                })
            } else if meta.path.is_ident("const_labels") {
                set(&mut out.const_labels, &meta, errors, |m| {
                    let pairs = pair_list(m.value()?)?;
                    Ok(ConstLabels { key, pairs })
                })
            } else {
                unknown_key(&meta, "metric", FIELD_KEYS, errors)
            }
        });
        errors.ok(result);
    }
    out
}

/// Parses a key's value into `slot`, refusing a key given twice.
fn set<T>(
    slot: &mut Option<T>,
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
    parse: impl FnOnce(&ParseNestedMeta<'_>) -> syn::Result<T>,
) -> syn::Result<()> {
    let value = parse(meta)?;
    if slot.is_some() {
        errors.spanned(
            &meta.path,
            format_args!("`{}` is given twice: keep one", path_name(&meta.path)),
        );
    } else {
        *slot = Some(value);
    }
    Ok(())
}

/// Records an unknown key and skips its value, so the keys after it are
/// still read.
fn unknown_key(
    meta: &ParseNestedMeta<'_>,
    attribute: &str,
    known: &str,
    errors: &mut Errors,
) -> syn::Result<()> {
    errors.spanned(
        &meta.path,
        format_args!(
            "unknown key `{}` in #[{attribute}(...)]; expected one of {known}",
            path_name(&meta.path)
        ),
    );
    while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        meta.input.parse::<proc_macro2::TokenTree>()?;
    }
    Ok(())
}

fn path_name(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// `["a", "b"]`
fn string_list(input: ParseStream<'_>) -> syn::Result<Vec<LitStr>> {
    let content;
    syn::bracketed!(content in input);
    let list = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
    Ok(list.into_iter().collect())
}

/// `[("k", "v"), ...]`
fn pair_list(input: ParseStream<'_>) -> syn::Result<Vec<(LitStr, LitStr)>> {
    let content;
    syn::bracketed!(content in input);
    let list = Punctuated::<(LitStr, LitStr), Token![,]>::parse_terminated_with(&content, |p| {
        let pair;
        syn::parenthesized!(pair in p);
        let key: LitStr = pair.parse()?;
        pair.parse::<Token![,]>()?;
        let value: LitStr = pair.parse()?;
        pair.parse::<Option<Token![,]>>()?;
        Ok((key, value))
    })?;
    Ok(list.into_iter().collect())
}

/// The doc comment of a field, lines trimmed and joined with spaces; `None`
/// when there is none or it is blank.
fn doc(attrs: &[Attribute], errors: &mut Errors) -> Option<Doc> {
    let mut lines = Vec::new();
    let mut span: Option<Span> = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        let syn::Meta::NameValue(nv) = &attr.meta else {
            continue;
        };
        match &nv.value {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) => {
                lines.push(s.value());
                span.get_or_insert(attr.span());
            }
            other => errors.spanned(other, "a metric's doc comment must be a string literal"),
        }
    }
    let text = lines
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Some(Doc { text, span: span? })
}
