//! `native(schema = .., max_buckets = .., zero_threshold = ..)`: a native
//! histogram's parameters, read and checked at compile time on the literal
//! at fault.

use syn::meta::ParseNestedMeta;

use crate::internals::ast::{Native, NativeValues, Number};
use crate::internals::errors::Errors;
use crate::internals::suggest::closest;
use crate::internals::values::rest_of_value;

const NATIVE_KEYS: &[&str] = &["schema", "max_buckets", "zero_threshold"];

/// The runtime's limits and defaults (client_golang's defaults).
const MIN_SCHEMA: f64 = -4.0;
const MAX_SCHEMA: f64 = 8.0;
const MAX_BUCKETS_LIMIT: f64 = 4096.0;
pub(crate) const DEFAULT: NativeValues = NativeValues {
    schema: 3,
    max_buckets: 160,
    // 2^-128
    zero_threshold: f64::from_bits(0x37F0_0000_0000_0000),
};

/// Reads `native(...)`. Each parameter's problems are recorded in
/// `errors` and the others still read.
pub(crate) fn read_native(meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<Native> {
    let mut native = Native {
        key: meta
            .path
            .get_ident()
            .map_or_else(proc_macro2::Span::call_site, |i| i.span()),
        schema: None,
        max_buckets: None,
        zero_threshold: None,
    };
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error(
            "`native` takes its parameters in parentheses: `native(schema = 3, max_buckets = 160, zero_threshold = 1e-9)`, each optional",
        ));
    }
    // `native()`: every parameter at its default.
    let fork = meta.input.fork();
    let inside;
    syn::parenthesized!(inside in fork);
    if inside.is_empty() {
        let _: proc_macro2::Group = meta.input.parse()?;
        return Ok(native);
    }
    meta.parse_nested_meta(|param| {
        let (slot, example) = if param.path.is_ident("schema") {
            (&mut native.schema, "schema = 3")
        } else if param.path.is_ident("max_buckets") {
            (&mut native.max_buckets, "max_buckets = 160")
        } else if param.path.is_ident("zero_threshold") {
            (&mut native.zero_threshold, "zero_threshold = 1e-9")
        } else {
            let key = param
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            let hint = match closest(&key, NATIVE_KEYS) {
                Some(close) => format!("did you mean `{close}`?"),
                None => "expected `schema`, `max_buckets` or `zero_threshold`".to_owned(),
            };
            errors.spanned(
                &param.path,
                format_args!("unknown key `{key}` in `native(..)`: {hint}"),
            );
            rest_of_value(param.input);
            return Ok(());
        };
        let value = param.value()?;
        let number = match value.fork().parse::<Number>() {
            Ok(number) => {
                value.parse::<Number>()?;
                number
            }
            Err(_) => {
                let found = rest_of_value(param.input);
                errors.spanned(
                    found,
                    format_args!("expected a number literal, like `{example}`: the parameters are checked at compile time"),
                );
                return Ok(());
            }
        };
        if slot.is_some() {
            errors.spanned(&param.path, "this parameter is given twice: keep one");
        } else {
            *slot = Some(number);
        }
        Ok(())
    })?;
    Ok(native)
}

/// The checked values of `native`, defaults filled in; `None` when one
/// is out of range (recorded in `errors`, on its literal).
pub(crate) fn check_native(native: &Native, errors: &mut Errors) -> Option<NativeValues> {
    let mut values = DEFAULT;
    let mut valid = true;
    if let Some(schema) = &native.schema {
        if schema.value.fract() == 0.0 && (MIN_SCHEMA..=MAX_SCHEMA).contains(&schema.value) {
            values.schema = schema.value as i32;
        } else {
            errors.at(
                schema.span,
                "the schema must be a whole number from -4 to 8, Prometheus' schemas: each power of two is split into 2^schema buckets (3 is client_golang's default)",
            );
            valid = false;
        }
    }
    if let Some(max) = &native.max_buckets {
        if max.value.fract() == 0.0 && (1.0..=MAX_BUCKETS_LIMIT).contains(&max.value) {
            values.max_buckets = max.value as u32;
        } else {
            errors.at(
                max.span,
                format_args!("`max_buckets` must be a whole number from 1 to {MAX_BUCKETS_LIMIT}: past it the resolution is halved, so that memory stays bounded"),
            );
            valid = false;
        }
    }
    if let Some(threshold) = &native.zero_threshold {
        if threshold.value >= 0.0 && threshold.value.is_finite() {
            values.zero_threshold = threshold.value;
        } else {
            errors.at(
                threshold.span,
                "`zero_threshold` must be a finite number of at least 0: observations within it of 0 count in the zero bucket",
            );
            valid = false;
        }
    }
    valid.then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f64) -> Option<Number> {
        Some(Number {
            value,
            span: proc_macro2::Span::call_site(),
        })
    }

    fn native(schema: f64, max_buckets: f64, zero_threshold: f64) -> Native {
        Native {
            key: proc_macro2::Span::call_site(),
            schema: number(schema),
            max_buckets: number(max_buckets),
            zero_threshold: number(zero_threshold),
        }
    }

    #[test]
    fn accepts_prometheus_ranges() {
        let mut errors = Errors::default();
        let values = check_native(&native(-4.0, 4096.0, 0.0), &mut errors).unwrap();
        assert_eq!(
            (values.schema, values.max_buckets, values.zero_threshold),
            (-4, 4096, 0.0)
        );
        assert!(errors.is_empty());
    }

    #[test]
    fn refuses_each_value_out_of_range_with_its_own_error() {
        let mut errors = Errors::default();
        assert!(check_native(&native(9.0, 0.0, -1.0), &mut errors).is_none());
        assert_eq!(errors.len(), 3);
        let mut errors = Errors::default();
        assert!(check_native(&native(2.5, 10.0, f64::INFINITY), &mut errors).is_none());
        assert_eq!(errors.len(), 2);
    }
}
