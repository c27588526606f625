//! Histogram buckets: parsed from the attribute, computed at compile time
//! the way the `prometheus` crate's generator functions compute them.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, Lit, Token};

use crate::internals::ast::{BucketSpec, Number};
use crate::internals::errors::Errors;
use crate::internals::values::{not_literal, within};

impl BucketSpec {
    pub(crate) fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(syn::token::Bracket) {
            let content;
            let brackets = syn::bracketed!(content in input);
            let bounds = within(&content, Punctuated::<Number, Token![,]>::parse_terminated)?;
            return Ok(BucketSpec::List {
                span: brackets.span.join(),
                bounds: bounds.into_iter().collect(),
            });
        }
        if !(input.peek(Ident) && input.peek2(syn::token::Paren)) {
            return Err(not_literal(input, GENERATOR_EXPECTED));
        }
        let function: Ident = input.parse()?;
        let content;
        let parens = syn::parenthesized!(content in input);
        let args = within(&content, Punctuated::<Number, Token![,]>::parse_terminated)?;
        let [a, b, count] = args.iter().copied().collect::<Vec<_>>()[..] else {
            return Err(syn::Error::new(
                parens.span.join(),
                "a bucket generator takes three numbers: (start, factor or width, count)",
            ));
        };
        if function == "exponential" {
            Ok(BucketSpec::Exponential {
                start: a,
                factor: b,
                count,
            })
        } else if function == "linear" {
            Ok(BucketSpec::Linear {
                start: a,
                width: b,
                count,
            })
        } else {
            Err(generator_error(function.span()))
        }
    }

    /// The upper bounds, or `None` with the problems recorded in `errors`.
    pub(crate) fn compute(&self, errors: &mut Errors) -> Option<Vec<f64>> {
        let before = errors.len();
        let bounds = match self {
            BucketSpec::List { span, bounds } => {
                if bounds.is_empty() {
                    errors.at(
                        *span,
                        "buckets must not be empty: give at least one upper bound",
                    );
                }
                for n in bounds.iter().filter(|n| !n.value.is_finite()) {
                    errors.at(n.span, "bucket bounds must be finite numbers");
                }
                for pair in bounds.windows(2) {
                    if pair[1].value <= pair[0].value {
                        errors.at(
                            pair[1].span,
                            format_args!(
                                "buckets must be strictly increasing: {:?} follows {:?}",
                                pair[1].value, pair[0].value
                            ),
                        );
                    }
                }
                bounds.iter().map(|n| n.value).collect()
            }
            BucketSpec::Exponential {
                start,
                factor,
                count,
            } => {
                if start.value <= 0.0 || !start.value.is_finite() {
                    errors.at(
                        start.span,
                        "exponential buckets need a finite start above 0",
                    );
                }
                if factor.value <= 1.0 || !factor.value.is_finite() {
                    errors.at(
                        factor.span,
                        "exponential buckets need a finite factor above 1",
                    );
                }
                let count = check_count(count, errors);
                let mut bounds = Vec::with_capacity(count);
                let mut next = start.value;
                for _ in 0..count {
                    bounds.push(next);
                    next *= factor.value;
                }
                bounds
            }
            BucketSpec::Linear {
                start,
                width,
                count,
            } => {
                if !start.value.is_finite() {
                    errors.at(start.span, "linear buckets need a finite start");
                }
                if width.value <= 0.0 || !width.value.is_finite() {
                    errors.at(width.span, "linear buckets need a finite width above 0");
                }
                let count = check_count(count, errors);
                let mut bounds = Vec::with_capacity(count);
                let mut next = start.value;
                for _ in 0..count {
                    bounds.push(next);
                    next += width.value;
                }
                bounds
            }
        };
        if errors.len() > before {
            return None;
        }
        if let Some(bad) = bounds.iter().find(|b| !b.is_finite()) {
            errors.at(
                self.span(),
                format_args!(
                    "the generated buckets overflow to {bad}: use a smaller factor or count"
                ),
            );
            return None;
        }
        // Rounding can swallow a step (`linear(1e20, 1, 5)`): the list would
        // then repeat a bound, which `prometheus` refuses at run time.
        if let Some(pair) = bounds.windows(2).find(|pair| pair[1] <= pair[0]) {
            errors.at(
                self.span(),
                format_args!(
                    "the generated buckets are not strictly increasing ({:?} then {:?}): the step is lost to floating-point rounding; use a larger factor or width",
                    pair[0], pair[1]
                ),
            );
            return None;
        }
        Some(bounds)
    }

    pub(crate) fn span(&self) -> Span {
        match self {
            BucketSpec::List { span, .. } => *span,
            BucketSpec::Exponential { start, count, .. }
            | BucketSpec::Linear { start, count, .. } => {
                start.span.join(count.span).unwrap_or(start.span)
            }
        }
    }
}

/// Most buckets a generator may produce: more is a cardinality accident.
const MAX_GENERATED: f64 = 1000.0;

fn check_count(count: &Number, errors: &mut Errors) -> usize {
    let value = count.value;
    if value.fract() != 0.0 || !(1.0..=MAX_GENERATED).contains(&value) {
        errors.at(
            count.span,
            format_args!("the bucket count must be a whole number from 1 to {MAX_GENERATED}"),
        );
        return 0;
    }
    value as usize
}

const GENERATOR_EXPECTED: &str = "expected buckets as a list `[0.1, 0.5, 1.0]`, `exponential(start, factor, count)` or `linear(start, width, count)`";

fn generator_error(span: Span) -> syn::Error {
    syn::Error::new(span, GENERATOR_EXPECTED)
}

impl Parse for Number {
    /// A number literal, possibly negated: buckets are computed at compile time.
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let minus: Option<Token![-]> = input.parse()?;
        let lit: Lit = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected a number literal: buckets are computed at compile time",
            )
        })?;
        let value = match &lit {
            Lit::Float(f) => f.base10_parse::<f64>()?,
            Lit::Int(i) => i.base10_parse::<f64>()?,
            other => return Err(syn::Error::new(other.span(), "expected a number")),
        };
        let span = match minus {
            Some(minus) => minus.span.join(lit.span()).unwrap_or(lit.span()),
            None => lit.span(),
        };
        Ok(Number {
            value: if minus.is_some() { -value } else { value },
            span,
        })
    }
}

#[cfg(test)]
fn parse_str(src: &str) -> syn::Result<BucketSpec> {
    syn::parse::Parser::parse_str(BucketSpec::parse, src)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compute(src: &str) -> Result<Vec<f64>, usize> {
        let spec = parse_str(src).expect("parses");
        let mut errors = Errors::default();
        spec.compute(&mut errors).ok_or(errors.len())
    }

    #[test]
    fn generators_match_the_prometheus_crate() {
        assert_eq!(
            compute("exponential(0.001, 2.5, 6)").unwrap(),
            prometheus_like_exponential(0.001, 2.5, 6)
        );
        assert_eq!(
            compute("linear(-1, 0.5, 4)").unwrap(),
            [-1.0, -0.5, 0.0, 0.5]
        );
    }

    fn prometheus_like_exponential(start: f64, factor: f64, count: usize) -> Vec<f64> {
        let mut next = start;
        (0..count)
            .map(|_| {
                let b = next;
                next *= factor;
                b
            })
            .collect()
    }

    #[test]
    fn refuses_bad_lists_with_one_error_each() {
        assert_eq!(compute("[]"), Err(1));
        assert_eq!(compute("[1.0, 0.5, 0.5]"), Err(2));
        assert_eq!(compute("[1e309]"), Err(1));
    }

    #[test]
    fn refuses_bad_generator_arguments() {
        assert_eq!(compute("exponential(0, 1, 0)"), Err(3));
        assert_eq!(compute("linear(0, -1, 2.5)"), Err(2));
        assert_eq!(compute("exponential(1, 10, 400)").map(|_| ()), Err(1));
        assert_eq!(compute("linear(1e20, 1, 5)").map(|_| ()), Err(1));
        assert_eq!(compute("exponential(5e-324, 1.1, 3)").map(|_| ()), Err(1));
        assert!(parse_str("quadratic(1, 2, 3)").is_err());
        assert!(parse_str("linear(1, 2)").is_err());
        assert!(parse_str("[x]").is_err());
    }
}
