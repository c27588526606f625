//! Readers for the values of attribute keys, with messages that say what
//! was expected. Attribute values are read as written: a constant or a
//! macro call cannot stand in for a literal, and the messages say so.

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Ident, LitStr, Token};

use crate::internals::ast::LabelText;

/// The value after `key =`, or an error on the key saying how to write it.
pub(crate) fn value<'a>(meta: &ParseNestedMeta<'a>, example: &str) -> syn::Result<ParseStream<'a>> {
    if !meta.input.peek(Token![=]) {
        return Err(syn::Error::new_spanned(
            &meta.path,
            format_args!(
                "`{}` needs a value: `{example}`",
                crate::tokens::path_name(&meta.path)
            ),
        ));
    }
    meta.value()
}

/// `key = "..."`.
pub(crate) fn lit_str(meta: &ParseNestedMeta<'_>, example: &str) -> syn::Result<LitStr> {
    let input = value(meta, example)?;
    if input.peek(LitStr) {
        return input.parse();
    }
    let key = crate::tokens::path_name(&meta.path);
    Err(not_literal(
        input,
        &format!("`{key}` takes a string literal: `{example}`"),
    ))
}

/// An error covering the rest of the value (up to the next `,`), which it
/// consumes, so that the keys after it are still read.
pub(crate) fn not_literal(input: ParseStream<'_>, message: &str) -> syn::Error {
    let tokens = rest_of_value(input);
    let is_macro = {
        let mut trees = tokens.clone().into_iter();
        matches!(
            (trees.next(), trees.next()),
            (Some(TokenTree::Ident(_)), Some(TokenTree::Punct(p))) if p.as_char() == '!'
        )
    };
    let hint = if tokens.is_empty() {
        ""
    } else if is_macro {
        " (macro calls are not expanded inside attributes)"
    } else if matches!(tokens.clone().into_iter().next(), Some(TokenTree::Ident(_))) {
        " (constants are not expanded inside attributes)"
    } else {
        ""
    };
    let message = format!("{message}{hint}");
    if tokens.is_empty() {
        syn::Error::new(input.span(), message)
    } else {
        syn::Error::new_spanned(tokens, message)
    }
}

/// Consumes and returns the tokens up to the next top-level `,`.
pub(crate) fn rest_of_value(input: ParseStream<'_>) -> TokenStream {
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        match input.parse::<TokenTree>() {
            Ok(tree) => tokens.extend([tree]),
            Err(_) => break,
        }
    }
    tokens
}

/// `parse` over the contents of a group. On an error the rest of the
/// contents is read too: syn reports a group left half-read as a second
/// error ("unexpected token"), which would only repeat the first.
pub(crate) fn within<T>(
    content: ParseStream<'_>,
    parse: impl FnOnce(ParseStream<'_>) -> syn::Result<T>,
) -> syn::Result<T> {
    let result = parse(content);
    if result.is_err() {
        while !content.is_empty() {
            if content.parse::<TokenTree>().is_err() {
                break;
            }
        }
    }
    result
}

/// `["a", "b"]`, or the typed form `[a: A, b: B]` (names and types).
pub(crate) fn label_list(input: ParseStream<'_>) -> syn::Result<(Vec<LitStr>, Vec<syn::Type>)> {
    const EXPECTED: &str = "`labels` takes a list of label names: `labels = [\"method\", \"class\"]`, or typed, `labels = [method: Method]`";
    if !input.peek(syn::token::Bracket) {
        return Err(not_literal(input, EXPECTED));
    }
    let content;
    syn::bracketed!(content in input);
    within(&content, label_items)
}

fn label_items(content: ParseStream<'_>) -> syn::Result<(Vec<LitStr>, Vec<syn::Type>)> {
    let typed = content.peek(Ident::peek_any);
    let (mut names, mut types) = (Vec::new(), Vec::new());
    while !content.is_empty() {
        if typed {
            let name = content.call(Ident::parse_any).map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected a typed label, `name: Type`, as the first one is",
                )
            })?;
            if !content.peek(Token![:]) {
                return Err(syn::Error::new(
                    name.span(),
                    "expected `:` and the label's type (`method: Method`); a label name without a type is a string literal (`\"method\"`)",
                ));
            }
            content.parse::<Token![:]>()?;
            names.push(LitStr::new(&name.unraw().to_string(), name.span()));
            types.push(content.parse()?);
        } else if content.peek(LitStr) {
            names.push(content.parse()?);
        } else {
            return Err(not_literal(
                content,
                "expected a label name as a string literal, like `\"method\"`",
            ));
        }
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok((names, types))
}

/// `[("k", "v"), ...]`
pub(crate) fn pair_list(input: ParseStream<'_>) -> syn::Result<Vec<(LitStr, LabelText)>> {
    const EXPECTED: &str =
        "`const_labels` takes a list of (name, value) pairs: `const_labels = [(\"region\", \"eu\")]`";
    if !input.peek(syn::token::Bracket) {
        return Err(not_literal(input, EXPECTED));
    }
    let content;
    syn::bracketed!(content in input);
    within(&content, pair_items)
}

fn pair_items(content: ParseStream<'_>) -> syn::Result<Vec<(LitStr, LabelText)>> {
    let mut pairs = Vec::new();
    while !content.is_empty() {
        if !content.peek(syn::token::Paren) {
            return Err(not_literal(
                content,
                "expected a (name, value) pair, like `(\"region\", \"eu\")` or `(\"version\", env!(\"CARGO_PKG_VERSION\"))`",
            ));
        }
        let pair;
        syn::parenthesized!(pair in content);
        pairs.push(within(&pair, |pair| {
            let key = pair_item(pair, "a constant label name")?;
            pair.parse::<Token![,]>()?;
            let value = label_text(pair)?;
            pair.parse::<Option<Token![,]>>()?;
            if !pair.is_empty() {
                return Err(pair.error("expected a (name, value) pair: a name and a value"));
            }
            Ok((key, value))
        })?);
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(pairs)
}

/// A constant label's value, up to the next `,`: a string literal, or any
/// other expression, which the compiler checks is a `&'static str`
/// constant.
pub(crate) fn label_text(input: ParseStream<'_>) -> syn::Result<LabelText> {
    let fork = input.fork();
    if fork.parse::<LitStr>().is_ok() && (fork.is_empty() || fork.peek(Token![,])) {
        return input.parse().map(LabelText::Literal);
    }
    const EXPECTED: &str = "expected a constant label value: a string literal or a `&'static str` constant expression (`VERSION`, `env!(\"CARGO_PKG_VERSION\")`)";
    let tokens = rest_of_value(input);
    if tokens.is_empty() {
        return Err(input.error(EXPECTED));
    }
    // Pasted into generated code as it is: it must be one expression.
    match syn::parse2::<syn::Expr>(tokens.clone()) {
        Ok(_) => Ok(LabelText::Expr(tokens)),
        Err(_) => Err(syn::Error::new_spanned(tokens, EXPECTED)),
    }
}

fn pair_item(input: ParseStream<'_>, what: &str) -> syn::Result<LitStr> {
    if input.peek(LitStr) {
        return input.parse();
    }
    let tokens = rest_of_value(input);
    let message = format!("expected {what} as a string literal");
    if tokens.is_empty() {
        Err(syn::Error::new(input.span(), message))
    } else {
        Err(syn::Error::new_spanned(tokens, message))
    }
}
