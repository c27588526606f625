//! `metrics_component!`: a terse form of a component, read into the very
//! `DeriveInput` the derive receives, so that both share one parser, one
//! validator and one code generator, and give identical errors.
//!
//! ```text
//! metrics_component! {
//!     #[attr]*  VIS struct NAME [<generics>] [: "component"] [in "namespace"] [where ...] {
//!         #[attr]*  [VIS] FIELD: TYPE [["label", ...]] [{ "name" = "value", ... }] [= BUCKETS],
//!     }
//!     ... more components
//! }
//! ```
//!
//! Each shorthand becomes the attribute it stands for, carrying the spans of
//! what the user wrote: `: "http"` is `#[metrics(component = "http")]`,
//! `in "shop"` is `#[metrics(namespace = "shop")]`, `TYPE[...]` is
//! `#[metric(labels = [...])]`, `{ "k" = "v" }` is
//! `#[metric(const_labels = [("k", "v")])]`, and `= ...` is
//! `#[metric(buckets = ...)]`.

use proc_macro2::{TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{
    token, Attribute, Data, DataStruct, DeriveInput, Field, FieldMutability, Fields, FieldsNamed,
    Generics, Ident, LitStr, Token, Visibility,
};

use crate::internals::ast::LabelText;
use crate::internals::attr;
use crate::internals::errors::Errors;
use crate::internals::values::{label_text, rest_of_value, within};
use crate::tokens::default_runtime;
use crate::{fallback, pipeline};

/// The whole macro over `proc_macro2` tokens, usable outside a compiler run.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let mut out = TokenStream::new();
    let parsed = (|stream: ParseStream<'_>| {
        if stream.is_empty() {
            return Err(stream.error(
                "expected a component: `pub struct HttpMetrics: \"http\" { requests_total: IntCounter }`, each field with a doc comment",
            ));
        }
        while !stream.is_empty() {
            let mut own_errors = Errors::default();
            let (input, header_read) = declaration(stream, &mut own_errors)?;
            if header_read && own_errors.is_empty() {
                // The struct derives `Metrics` like any other, so that the
                // compiler applies `#[cfg]` and `#[cfg_attr]` on its fields
                // before the derive reads them, exactly as for the derive.
                out.extend(struct_item(&input, Some(&attr::runtime_path_of(&input.attrs))));
                continue;
            }
            out.extend(struct_item(&input, None));
            if header_read {
                // Fields this macro could not read are left out: the derive
                // would not know they were meant, so the pipeline runs here,
                // with those errors, and reports everything together.
                out.extend(pipeline::expand_component(&input, own_errors));
            } else {
                // Without its names the declaration cannot be checked; the
                // fallback keeps the uses of the struct free of errors.
                out.extend(own_errors.into_compile_errors());
                out.extend(fallback::fallback_impl(&input, &default_runtime()));
            }
        }
        Ok(())
    })
    .parse2(input);
    if let Err(error) = parsed {
        errors.push(error);
    }
    let mut all = errors.into_compile_errors();
    all.extend(out);
    all
}

/// The struct itself, as written, less a derive of `Metrics` the user wrote
/// (reported by `refuse_derive_metrics`), which would be a second impl.
/// With `derive`, the path of the runtime crate, it derives `Metrics` and
/// keeps the attributes the derive reads; without, it leaves them out.
fn struct_item(input: &DeriveInput, derive: Option<&TokenStream>) -> TokenStream {
    let Data::Struct(data) = &input.data else {
        return TokenStream::new();
    };
    let keep = |attr: &&Attribute| derive.is_some() || !is_helper(attr);
    let attrs = input.attrs.iter().filter(keep).map(without_derive_metrics);
    let derive = derive.map(|krate| quote!(#[derive(#krate::Metrics)]));
    let (vis, ident, generics) = (&input.vis, &input.ident, &input.generics);
    let where_clause = &generics.where_clause;
    let fields = data.fields.iter().map(|field| {
        let attrs = field.attrs.iter().filter(keep);
        let (vis, ident, ty) = (&field.vis, &field.ident, &field.ty);
        quote!(#(#attrs)* #vis #ident: #ty)
    });
    quote! {
        #derive
        #(#attrs)*
        #vis struct #ident #generics #where_clause {
            #(#fields),*
        }
    }
}

fn is_helper(attr: &Attribute) -> bool {
    attr.path().is_ident("metrics") || attr.path().is_ident("metric")
}

fn derives_metrics(path: &syn::Path) -> bool {
    path.segments.last().is_some_and(|s| s.ident == "Metrics")
}

/// `attr`, or the derive it is less `Metrics`.
fn without_derive_metrics(attr: &Attribute) -> TokenStream {
    if !attr.path().is_ident("derive") {
        return quote!(#attr);
    }
    let Ok(paths) = attr.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
    else {
        return quote!(#attr);
    };
    let kept: Vec<_> = paths.iter().filter(|p| !derives_metrics(p)).collect();
    if kept.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[derive(#(#kept),*)])
    }
}

/// One component, and whether its header was read. Problems inside the
/// braces and a bad literal in the header are recorded in `errors` and
/// reading goes on; a header that does not parse otherwise ends it.
fn declaration(input: ParseStream<'_>, errors: &mut Errors) -> syn::Result<(DeriveInput, bool)> {
    let mut attrs = input.call(Attribute::parse_outer)?;
    refuse_derive_metrics(&attrs, errors);
    let vis: Visibility = input.parse()?;
    if input.peek(Token![enum]) || input.peek(Token![union]) {
        return Err(input.error(
            "`metrics_component!` declares a struct: `pub struct HttpMetrics: \"http\" { ... }`",
        ));
    }
    let struct_token: Token![struct] = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected `struct`: `metrics_component! { pub struct HttpMetrics: \"http\" { ... } }`",
        )
    })?;
    let ident: Ident = input.parse()?;
    let mut generics: Generics = input.parse()?;
    let mut shorthands = Vec::new();
    let mut header_read = true;
    if input.peek(Token![:]) {
        input.parse::<Token![:]>()?;
        let what = "the component name after `:`, like `struct HttpMetrics: \"http\"`";
        match header_literal(input, what) {
            Ok(name) => shorthands.push(attribute(
                quote_spanned!(name.span()=> metrics(component = #name)),
            )?),
            Err(error) => {
                errors.push(error);
                header_read = false;
            }
        }
    }
    if input.peek(Token![in]) {
        input.parse::<Token![in]>()?;
        let what = "the namespace after `in`, like `struct HttpMetrics: \"http\" in \"shop\"`";
        match header_literal(input, what) {
            Ok(namespace) => shorthands.push(attribute(
                quote_spanned!(namespace.span()=> metrics(namespace = #namespace)),
            )?),
            Err(error) => {
                errors.push(error);
                header_read = false;
            }
        }
    }
    generics.where_clause = input.parse()?;
    if !input.peek(token::Brace) {
        return Err(input.error(
            "expected the metrics in braces after the header: `pub struct HttpMetrics: \"http\" in \"shop\" { requests_total: IntCounter, ... }`",
        ));
    }
    let content;
    let brace_token = syn::braced!(content in input);
    let named = fields(&content, &vis, errors);
    shorthands.append(&mut attrs);
    let input = DeriveInput {
        attrs: shorthands,
        vis,
        ident,
        generics,
        data: Data::Struct(DataStruct {
            struct_token,
            fields: Fields::Named(FieldsNamed { brace_token, named }),
            semi_token: None,
        }),
    };
    Ok((input, header_read))
}

/// A string literal in the header, or an error saying which one; anything
/// else there (one token) is skipped, so that reading goes on.
fn header_literal(input: ParseStream<'_>, what: &str) -> syn::Result<LitStr> {
    if input.peek(LitStr) {
        return input.parse();
    }
    let error = input.error(format_args!("expected {what}"));
    if !input.peek(token::Brace) && !input.peek(Token![in]) && !input.is_empty() {
        input.parse::<TokenTree>()?;
    }
    Err(error)
}

/// The struct gets its `Metrics` impl from this macro; a derive of it too
/// would be a second impl.
fn refuse_derive_metrics(attrs: &[Attribute], errors: &mut Errors) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let Ok(paths) = attr.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
        else {
            continue;
        };
        for path in paths {
            if derives_metrics(&path) {
                errors.spanned(
                    &path,
                    "`metrics_component!` implements `Metrics` itself: remove it from the derive list",
                );
            }
        }
    }
}

/// The fields, each recovered from separately: a field that does not parse
/// is recorded and skipped up to the next `,`.
fn fields(
    input: ParseStream<'_>,
    struct_vis: &Visibility,
    errors: &mut Errors,
) -> Punctuated<Field, Token![,]> {
    let mut named = Punctuated::new();
    while !input.is_empty() {
        match field(input, struct_vis) {
            Ok(field) => named.push(field),
            Err(error) => {
                errors.push(error);
                rest_of_value(input);
            }
        }
        if input.is_empty() {
            break;
        }
        if let Err(error) = input.parse::<Token![,]>() {
            errors.push(syn::Error::new(
                error.span(),
                "expected `,` after the field; the order after the type is `[\"label\", ...]`, then `{ \"name\" = \"value\" }`, then `= buckets`",
            ));
            rest_of_value(input);
            let _ = input.parse::<Option<Token![,]>>();
        }
    }
    named
}

/// `#[attr]* [VIS] FIELD: TYPE [[labels]] [{ const labels }] [= buckets]`
fn field(input: ParseStream<'_>, struct_vis: &Visibility) -> syn::Result<Field> {
    let mut attrs = input.call(Attribute::parse_outer)?;
    let vis = match input.parse::<Visibility>()? {
        // A field takes the struct's visibility unless it gives its own.
        Visibility::Inherited => struct_vis.clone(),
        vis => vis,
    };
    if input.peek(Token![_]) {
        return Err(input.error("a metric field needs a name: `_` cannot name a metric"));
    }
    let ident: Ident = input.parse()?;
    let colon_token: Token![:] = input.parse()?;
    let ty: syn::Type = input.parse()?;
    let mut shorthands = Vec::new();
    if input.peek(token::Bracket) {
        let Some(TokenTree::Group(list)) = input.parse::<Option<TokenTree>>()? else {
            return Err(input.error("expected the label names in brackets"));
        };
        let key = Ident::new("labels", list.span());
        shorthands.push(attribute(quote!(metric(#key = #list)))?);
    }
    if input.peek(token::Brace) {
        let content;
        let braces = syn::braced!(content in input);
        let pairs = within(&content, const_labels)?;
        let key = Ident::new("const_labels", braces.span.join());
        let pairs = pairs.iter().map(|(k, v)| match v {
            LabelText::Literal(v) => quote!((#k, #v)),
            LabelText::Expr(v) => quote!((#k, #v)),
        });
        shorthands.push(attribute(quote!(metric(#key = [#(#pairs),*])))?);
    }
    if input.peek(Token![=]) {
        let eq: Token![=] = input.parse()?;
        let spec = rest_of_value(input);
        let span = spec
            .clone()
            .into_iter()
            .next()
            .map_or(eq.span, |t| t.span());
        if spec.is_empty() {
            return Err(syn::Error::new(
                eq.span,
                "expected buckets after `=`: `[0.1, 0.5, 1.0]`, `exponential(start, factor, count)` or `linear(start, width, count)`",
            ));
        }
        let key = Ident::new("buckets", span);
        shorthands.push(attribute(quote!(metric(#key = #spec)))?);
    }
    shorthands.append(&mut attrs);
    Ok(Field {
        attrs: shorthands,
        vis,
        mutability: FieldMutability::None,
        ident: Some(ident),
        colon_token: Some(colon_token),
        ty,
    })
}

/// `"name" = value, ...` inside the braces of the const-labels shorthand.
fn const_labels(input: ParseStream<'_>) -> syn::Result<Vec<(LitStr, LabelText)>> {
    let mut pairs = Vec::new();
    while !input.is_empty() {
        let expected = "expected constant labels as `\"name\" = value` pairs, like `{ \"region\" = \"eu\" }` or `{ \"version\" = env!(\"CARGO_PKG_VERSION\") }`";
        let name: LitStr = input
            .parse()
            .map_err(|e| syn::Error::new(e.span(), expected))?;
        input
            .parse::<Token![=]>()
            .map_err(|e| syn::Error::new(e.span(), expected))?;
        let value = label_text(input)?;
        pairs.push((name, value));
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(pairs)
}

/// `#[tokens]` as an attribute; `tokens` come from this file and the
/// user's literals or groups, so this only fails on a bug, reported as an
/// error all the same.
fn attribute(tokens: TokenStream) -> syn::Result<Attribute> {
    let span = tokens.span();
    let attrs = Attribute::parse_outer.parse2(quote_spanned!(span=> #[#tokens]))?;
    attrs
        .into_iter()
        .next()
        .ok_or_else(|| syn::Error::new(span, "internal error: shorthand produced no attribute"))
}
