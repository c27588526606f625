//! Reads the derive input and its attributes into the model of `ast`.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Expr, Fields, Lit, Meta, Type};

use crate::internals::ast::{
    BucketSpec, Buckets, Component, ComponentAttrs, ConstLabels, Doc, Field, FieldAttrs,
    FieldChecks, Labels,
};
use crate::internals::errors::Errors;
use crate::internals::lint_allow::read_allow;
use crate::internals::names;
use crate::internals::native::read_native;
use crate::internals::suggest::{closest, key_list};
use crate::internals::values::{self, label_list, lit_str, pair_list};
use crate::tokens::path_name;

const COMPONENT_KEYS: &[&str] = &["component", "namespace", "subsystem", "crate", "allow"];
const FIELD_KEYS: &[&str] = &[
    "help",
    "name",
    "full_name",
    "labels",
    "buckets",
    "native",
    "const_labels",
    "allow",
];

/// The model of `input`, with every problem found on the way in `errors`.
/// `None` when the input is not a struct with named fields at all.
/// `fields_dropped`: the caller left out fields it could not read (and
/// reported them), so an empty struct is not the user's mistake.
pub(crate) fn read_component(
    input: &DeriveInput,
    fields_dropped: bool,
    errors: &mut Errors,
) -> Option<Component> {
    misplaced(&input.attrs, "metric", "metrics", "the struct", errors);
    let attrs = component_attrs(&input.attrs, errors);
    if attrs.component.is_none() && !attrs.incomplete {
        errors.at(
            input.ident.span(),
            format_args!(
                "a component needs a name: add `#[metrics(component = \"{}\")]` to the struct",
                suggested_component(&input.ident)
            ),
        );
    }
    let generics = &input.generics;
    if !generics.params.is_empty() {
        errors.spanned(
            generics,
            "a component cannot be generic: it is one fixed set of metric names; remove the parameters",
        );
    } else if let Some(where_clause) = &generics.where_clause {
        errors.spanned(
            where_clause,
            "a component cannot have a `where` clause: it is one fixed set of metric names; remove it",
        );
    }
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => &named.named,
            Fields::Unnamed(unnamed) => {
                errors.at(
                    unnamed.paren_token.span.join(),
                    "a component cannot be a tuple struct: its field names are the metric names; use named fields, one per metric",
                );
                return None;
            }
            Fields::Unit => {
                errors.at(
                    input.ident.span(),
                    "a component cannot be a unit struct: give it named fields, one per metric, such as `requests_total: IntCounter`",
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
    if fields.is_empty() && !fields_dropped {
        errors.at(
            input.ident.span(),
            "a component needs at least one metric: add a field per metric, such as `requests_total: IntCounter` with a doc comment",
        );
    }
    let fields = fields
        .iter()
        .filter_map(|field| {
            misplaced(&field.attrs, "metrics", "metric", "a field", errors);
            let mut attrs = field_attrs(&field.attrs, errors);
            // The type goes into `<T as MetricField>` in generated code,
            // which only a path makes valid; other types are not metrics.
            attrs.incomplete |= !is_path(&field.ty, errors);
            if field.ident.as_ref().is_some_and(|ident| ident == "_") {
                // syn reads `_: T` as a field; generated code could not
                // reach it, and it has no name to give the metric.
                errors.spanned(
                    &field.ident,
                    "a metric field needs a name: `_` cannot name a metric",
                );
                return None;
            }
            let doc = doc(&field.attrs, attrs.help.is_none(), errors);
            Some(Field {
                ident: field.ident.clone()?,
                ty: field.ty.clone(),
                doc,
                attrs,
                checks: FieldChecks::default(),
            })
        })
        .collect();
    Some(Component {
        ident: input.ident.clone(),
        attrs,
        fields,
    })
}

/// The runtime crate's path that `#[metrics(crate = "...")]` among `attrs`
/// gives, or the default; what is wrong with the attribute is left for
/// the derive to report.
pub(crate) fn runtime_path_of(attrs: &[Attribute]) -> proc_macro2::TokenStream {
    crate::tokens::runtime_path(
        component_attrs(attrs, &mut Errors::default())
            .krate
            .as_ref(),
    )
}

/// Whether `ty` is a path (`IntCounter`, `prometheus::IntCounter`, an
/// alias, `Labeled<M, L>`), the only kind of type a metric can have; an
/// error on the type otherwise.
fn is_path(ty: &Type, errors: &mut Errors) -> bool {
    match ty {
        Type::Path(_) => true,
        Type::Paren(inner) => is_path(&inner.elem, errors),
        Type::Group(inner) => is_path(&inner.elem, errors),
        other => {
            errors.spanned(
                other,
                format_args!(
                    "`{}` is not a metric type a component can hold: use `Counter`, `IntCounter`, `Gauge`, `IntGauge`, `Histogram`, their `*Vec` forms from `prometheus`, `NativeHistogram`, `NativeHistogramVec`, or `Labeled<M, L>`",
                    crate::tokens::type_text(other)
                ),
            );
            false
        }
    }
}

/// `HttpMetrics` -> `http`, for the message of a missing component name.
fn suggested_component(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    let stem = match name.strip_suffix("Metrics") {
        Some(stem) if !stem.is_empty() => stem,
        _ => &name,
    };
    let suggestion = names::to_snake_case(stem.trim_start_matches("r#"));
    if names::segment(&suggestion).is_ok() {
        suggestion
    } else {
        "...".to_owned()
    }
}

/// `#[metric]` on the struct or `#[metrics]` on a field: a slip of one
/// letter that would otherwise be ignored without a word.
fn misplaced(attrs: &[Attribute], wrong: &str, right: &str, place: &str, errors: &mut Errors) {
    for attr in attrs.iter().filter(|a| a.path().is_ident(wrong)) {
        errors.spanned(
            attr.path(),
            format_args!("`#[{wrong}(...)]` does not go on {place}: use `#[{right}(...)]` here"),
        );
    }
}

/// The arguments of `#[name(...)]`, read by `read`; an attribute of another
/// form is an error saying how to write it. `true` when all was read without
/// an error.
fn each_attr(
    attrs: &[Attribute],
    name: &str,
    keys: &[&str],
    errors: &mut Errors,
    mut read: impl FnMut(&ParseNestedMeta<'_>, &mut Errors) -> syn::Result<()>,
) -> bool {
    let before = errors.len();
    for attr in attrs.iter().filter(|a| a.path().is_ident(name)) {
        if !matches!(attr.meta, Meta::List(_)) {
            errors.spanned(
                attr,
                format_args!(
                    "write `#[{name}(key = value, ...)]`, with keys among {}",
                    key_list(keys)
                ),
            );
            continue;
        }
        let result = attr.parse_nested_meta(|meta| read(&meta, errors));
        errors.ok(result);
    }
    errors.len() == before
}

fn component_attrs(attrs: &[Attribute], errors: &mut Errors) -> ComponentAttrs {
    let mut out = ComponentAttrs::default();
    let complete = each_attr(attrs, "metrics", COMPONENT_KEYS, errors, |meta, errors| {
        if meta.path.is_ident("component") {
            set(&mut out.component, meta, errors, |m| {
                lit_str(m, "component = \"http\"")
            })
        } else if meta.path.is_ident("namespace") {
            set(&mut out.namespace, meta, errors, |m| {
                lit_str(m, "namespace = \"shop\"")
            })
        } else if meta.path.is_ident("subsystem") {
            set(&mut out.subsystem, meta, errors, |m| {
                lit_str(m, "subsystem = \"front\"")
            })
        } else if meta.path.is_ident("crate") {
            set(&mut out.krate, meta, errors, |m| {
                let path = lit_str(m, "crate = \"::prometheus_component\"")?;
                path.parse::<syn::Path>().map_err(|_| {
                    syn::Error::new(
                        path.span(),
                        "`crate` takes the path of the runtime crate, like `crate = \"::prometheus_component\"` or `crate = \"my_crate::metrics\"`",
                    )
                })
            })
        } else if meta.path.is_ident("allow") {
            read_allow(meta, &mut out.allow, errors)
        } else {
            unknown_key(meta, "metrics", COMPONENT_KEYS, errors)
        }
    });
    out.incomplete = !complete;
    out
}

fn field_attrs(attrs: &[Attribute], errors: &mut Errors) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    let complete = each_attr(attrs, "metric", FIELD_KEYS, errors, |meta, errors| {
        let key = meta.path.span();
        if meta.path.is_ident("help") {
            set(&mut out.help, meta, errors, |m| {
                lit_str(m, "help = \"Requests received.\"")
            })
        } else if meta.path.is_ident("name") {
            set(&mut out.name, meta, errors, |m| {
                lit_str(m, "name = \"requests_total\"")
            })
        } else if meta.path.is_ident("full_name") {
            set(&mut out.full_name, meta, errors, |m| {
                lit_str(m, "full_name = \"nostr_query_seconds\"")
            })
        } else if meta.path.is_ident("allow") {
            read_allow(meta, &mut out.allow, errors)
        } else if meta.path.is_ident("labels") {
            set(&mut out.labels, meta, errors, |m| {
                let (names, types) = label_list(values::value(m, "labels = [\"method\"]")?)?;
                Ok(Labels { key, names, types })
            })
        } else if meta.path.is_ident("buckets") {
            set(&mut out.buckets, meta, errors, |m| {
                let spec = BucketSpec::parse(values::value(m, "buckets = [0.1, 0.5, 1.0]")?)?;
                Ok(Buckets { key, spec })
            })
        } else if meta.path.is_ident("native") {
            match read_native(meta, errors) {
                Ok(_) if out.native.is_some() => {
                    errors.spanned(&meta.path, "`native` is given twice: keep one")
                }
                Ok(native) => out.native = Some(native),
                Err(error) => {
                    errors.push(error);
                    values::rest_of_value(meta.input);
                }
            }
            Ok(())
        } else if meta.path.is_ident("const_labels") {
            set(&mut out.const_labels, meta, errors, |m| {
                let pairs = pair_list(values::value(m, "const_labels = [(\"region\", \"eu\")]")?)?;
                Ok(ConstLabels { key, pairs })
            })
        } else {
            unknown_key(meta, "metric", FIELD_KEYS, errors)
        }
    });
    out.incomplete = !complete;
    out
}

/// Parses a key's value into `slot`, refusing a key given twice. A value
/// that does not parse is recorded and skipped, so the keys after it are
/// still read and all their problems shown at once.
fn set<T>(
    slot: &mut Option<T>,
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
    parse: impl FnOnce(&ParseNestedMeta<'_>) -> syn::Result<T>,
) -> syn::Result<()> {
    match parse(meta) {
        Ok(_) if slot.is_some() => errors.spanned(
            &meta.path,
            format_args!("`{}` is given twice: keep one", path_name(&meta.path)),
        ),
        Ok(value) => *slot = Some(value),
        Err(error) => {
            errors.push(error);
            values::rest_of_value(meta.input);
        }
    }
    Ok(())
}

/// Records an unknown key and skips its value, so the keys after it are
/// still read.
fn unknown_key(
    meta: &ParseNestedMeta<'_>,
    attribute: &str,
    known: &[&str],
    errors: &mut Errors,
) -> syn::Result<()> {
    let key = path_name(&meta.path);
    let hint = match closest(&key, known) {
        Some(close) => format!("; did you mean `{close}`?"),
        None => String::new(),
    };
    errors.spanned(
        &meta.path,
        format_args!(
            "unknown key `{key}` in #[{attribute}(...)]: expected one of {}{hint}",
            key_list(known)
        ),
    );
    values::rest_of_value(meta.input);
    Ok(())
}

/// The doc comment of a field, lines trimmed and joined with spaces; `None`
/// when there is none. A doc attribute that is not a string literal (a
/// macro call left unexpanded) cannot be read: an error when it was to be
/// the HELP text (`needed`), ignored otherwise.
fn doc(attrs: &[Attribute], needed: bool, errors: &mut Errors) -> Option<Doc> {
    let mut lines = Vec::new();
    let mut span: Option<Span> = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        let Meta::NameValue(nv) = &attr.meta else {
            continue;
        };
        match &nv.value {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) => {
                lines.push(s.value());
                // The `#`, which for a doc comment is the whole comment.
                span.get_or_insert(attr.pound_token.span);
            }
            other if needed => errors.spanned(
                other,
                "this doc comment is not a string literal, so it cannot be read as the HELP text: give the text with `#[metric(help = \"...\")]`",
            ),
            _ => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys() {
        assert_eq!(closest("label", FIELD_KEYS), Some("labels"));
        assert_eq!(closest("bucket", FIELD_KEYS), Some("buckets"));
        assert_eq!(closest("description", FIELD_KEYS), Some("help"));
        assert_eq!(closest("namespce", COMPONENT_KEYS), Some("namespace"));
        assert_eq!(closest("colour", FIELD_KEYS), None);
    }

    #[test]
    fn suggests_a_component_name_from_the_struct() {
        let ident = |s: &str| syn::Ident::new(s, Span::call_site());
        assert_eq!(suggested_component(&ident("HttpMetrics")), "http");
        assert_eq!(suggested_component(&ident("DbPool")), "db_pool");
        assert_eq!(suggested_component(&ident("Metrics")), "metrics");
        assert_eq!(suggested_component(&ident("_X")), "...");
    }
}
