//! Property tests of the macros' front end: whatever tokens a user writes,
//! the macros never panic (a panic shows "proc macro panicked" instead of
//! an error on the code at fault), and what they return is always valid
//! Rust items, errors included. Declarations are generated from pools of
//! valid and invalid pieces (`decl`) or mutated from valid ones (`mutate`).
//!
//! 102,000 cases per `cargo test` (see `CASES_*`), in about a minute on
//! two cores in the default (debug) test profile.

mod decl;
mod mutate;

use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use proc_macro2::{TokenStream, TokenTree};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::component_macro;

/// Cases per test, 102,000 in all, weighted by cost so that the whole run
/// fits in about a minute on two cores in the debug profile: a case near a
/// valid declaration expands in full and costs about 3 ms there, a refused
/// one about 1 ms.
const CASES_SAME_ERRORS: u32 = 34_000;
const CASES_DERIVE_GENERATED: u32 = 20_000;
const CASES_MACRO_GENERATED: u32 = 25_000;
const CASES_DERIVE_MUTATED: u32 = 15_000;
const CASES_MACRO_MUTATED: u32 = 8_000;

/// Runs `cases` cases of `strategy` through `test`, then checks they all
/// ran and says how many and how fast (`cargo test -- --nocapture`). A
/// failure is shrunk to a minimal input, printed, and saved under
/// `proptest-regressions/` to be replayed first on the next run.
fn run<S>(name: &str, cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: Debug,
{
    let mut runner = TestRunner::new(Config {
        cases,
        source_file: Some(file!()),
        // The declarations are small; a failure shrinks in few steps.
        max_shrink_iters: 2_000,
        ..Config::default()
    });
    let ran = AtomicUsize::new(0);
    let start = Instant::now();
    let result = runner.run(&strategy, |value| {
        ran.fetch_add(1, Ordering::Relaxed);
        test(value)
    });
    let ran = ran.into_inner();
    eprintln!("{name}: {ran} cases in {:.1?}", start.elapsed());
    if let Err(error) = result {
        panic!("{name}: {error}");
    }
    assert!(ran >= cases as usize, "{name}: only {ran} cases ran");
}

/// The macro's output must parse as Rust items, errors included.
fn check_output(input: &TokenStream, output: TokenStream) -> Result<(), TestCaseError> {
    if let Err(error) = syn::parse2::<syn::File>(output.clone()) {
        return Err(TestCaseError::fail(format!(
            "output is not Rust items ({error})\ninput: {input}\noutput: {output}"
        )));
    }
    Ok(())
}

/// The messages of the `compile_error!`s in `output`, sorted.
fn error_messages(output: TokenStream) -> Vec<String> {
    let mut messages = Vec::new();
    let trees: Vec<TokenTree> = output.into_iter().collect();
    for window in trees.windows(3) {
        if let [TokenTree::Ident(ident), TokenTree::Punct(bang), TokenTree::Group(group)] = window {
            if ident == "compile_error" && bang.as_char() == '!' {
                if let Ok(message) = syn::parse2::<syn::LitStr>(group.stream()) {
                    messages.push(message.value());
                }
            }
        }
    }
    messages.sort();
    messages
}

/// `metrics_component!`'s output followed by what the derive generates for
/// each struct in it that derives `Metrics`, as the compiler would expand it.
fn expand_macro(input: TokenStream) -> TokenStream {
    let mut output = component_macro::expand(input);
    let Ok(file) = syn::parse2::<syn::File>(output.clone()) else {
        return output;
    };
    for item in file.items {
        let syn::Item::Struct(item) = item else {
            continue;
        };
        let derives = item.attrs.iter().any(|attr| {
            attr.path().is_ident("derive") && quote::quote!(#attr).to_string().contains("Metrics")
        });
        if derives {
            output.extend(crate::pipeline::derive(quote::quote!(#item)));
        }
    }
    output
}

fn tokens(source: &str) -> TokenStream {
    // Generated sources always lex; an empty stream would still be a case.
    source.parse().unwrap_or_default()
}

#[test]
fn derive_never_panics_on_generated_declarations() {
    run(
        "derive, generated",
        CASES_DERIVE_GENERATED,
        decl::derive_input(),
        |source| {
            let input = tokens(&source);
            check_output(&input, crate::pipeline::derive(input.clone()))
        },
    );
}

#[test]
fn metrics_component_never_panics_on_generated_declarations() {
    run(
        "metrics_component!, generated",
        CASES_MACRO_GENERATED,
        decl::macro_input(),
        |source| {
            let input = tokens(&source);
            check_output(&input, expand_macro(input.clone()))
        },
    );
}

#[test]
fn derive_never_panics_on_mutated_declarations() {
    run(
        "derive, mutated",
        CASES_DERIVE_MUTATED,
        mutate::mutated(mutate::DERIVE_SEEDS),
        |input| check_output(&input, crate::pipeline::derive(input.clone())),
    );
}

#[test]
fn metrics_component_never_panics_on_mutated_declarations() {
    run(
        "metrics_component!, mutated",
        CASES_MACRO_MUTATED,
        mutate::mutated(mutate::MACRO_SEEDS),
        |input| check_output(&input, expand_macro(input.clone())),
    );
}

/// Both forms of one declaration give the same errors: a derive input
/// passed to `metrics_component!` (which takes the derive's attributes too)
/// is refused for exactly the same reasons, in the same words.
#[test]
fn both_forms_give_the_same_errors() {
    run(
        "same errors",
        CASES_SAME_ERRORS,
        decl::derive_input(),
        |source| {
            // Only structs with named fields, which both forms can write.
            if !source.contains("struct M {") {
                return Ok(());
            }
            let input = tokens(&source);
            let by_derive = error_messages(crate::pipeline::derive(input.clone()));
            let by_macro = error_messages(expand_macro(input.clone()));
            prop_assert_eq!(by_derive, by_macro, "input: {}", input);
            Ok(())
        },
    );
}

#[test]
fn seeds_are_accepted_by_both_macros() {
    for seed in mutate::DERIVE_SEEDS {
        let output = crate::pipeline::derive(tokens(seed));
        assert_eq!(error_messages(output), Vec::<String>::new(), "{seed}");
    }
    for seed in mutate::MACRO_SEEDS {
        let output = expand_macro(tokens(seed));
        assert_eq!(error_messages(output), Vec::<String>::new(), "{seed}");
    }
}

/// Inputs the property tests found, kept as plain tests: each made a macro
/// return tokens that are not Rust items. Both are now errors of our own.
#[test]
fn inputs_found_by_the_property_tests() {
    let found = [
        // A bare trait object, which syn reads as a type: pasted into
        // `<T as MetricField>` it made `<IntCounter + as ...>`.
        (
            "#[metrics(component = \"a\")] struct M { /// A.\n x_total: IntCounter + }",
            "is not a metric type",
        ),
        // `_` as a field name, which syn reads too: `self._` in generated code.
        (
            "#[metrics(component = \"a\")] struct M { /// A.\n pub _: IntCounter }",
            "`_` cannot name a metric",
        ),
    ];
    for (source, message) in found {
        let input = tokens(source);
        for output in [
            crate::pipeline::derive(input.clone()),
            expand_macro(input.clone()),
        ] {
            assert!(syn::parse2::<syn::File>(output.clone()).is_ok(), "{output}");
            let messages = error_messages(output);
            assert!(
                messages.iter().any(|m| m.contains(message)),
                "{source}: {messages:?}"
            );
        }
    }
}
