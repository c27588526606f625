//! Property tests of the macros' front end: whatever tokens a user writes,
//! the macros never panic (a panic shows "proc macro panicked" instead of
//! an error on the code at fault), and what they return is always valid
//! Rust items, errors included. Declarations are generated from pools of
//! valid and invalid pieces (`decl`) or mutated from valid ones (`mutate`).
//!
//! Each test runs `CASES` cases; together 100,000 per `cargo test`,
//! in well under a minute on two cores in the default (debug) test profile.

mod decl;
mod mutate;

use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use proc_macro2::{TokenStream, TokenTree};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::component_macro;

/// Cases per test: five tests, 100,000 cases in all, each case one macro
/// run and a parse of its output (two runs and no parse for the test that
/// compares the forms).
const CASES: u32 = 20_000;

/// Runs `CASES` cases of `strategy` through `test`, then checks they all
/// ran and says how many and how fast (`cargo test -- --nocapture`). A
/// failure is shrunk to a minimal input, printed, and saved under
/// `proptest-regressions/` to be replayed first on the next run.
fn run<S>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: Debug,
{
    let mut runner = TestRunner::new(Config {
        cases: CASES,
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
    assert!(ran >= CASES as usize, "{name}: only {ran} cases ran");
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
        if let [TokenTree::Ident(ident), TokenTree::Punct(bang), TokenTree::Group(group)] = window
        {
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

fn tokens(source: &str) -> TokenStream {
    // Generated sources always lex; an empty stream would still be a case.
    source.parse().unwrap_or_default()
}

#[test]
fn derive_never_panics_on_generated_declarations() {
    run("derive, generated", decl::derive_input(), |source| {
        let input = tokens(&source);
        check_output(&input, crate::derive(input.clone()))
    });
}

#[test]
fn metrics_component_never_panics_on_generated_declarations() {
    run("metrics_component!, generated", decl::macro_input(), |source| {
        let input = tokens(&source);
        check_output(&input, component_macro::expand(input.clone()))
    });
}

#[test]
fn derive_never_panics_on_mutated_declarations() {
    run(
        "derive, mutated",
        mutate::mutated(mutate::DERIVE_SEEDS),
        |input| check_output(&input, crate::derive(input.clone())),
    );
}

#[test]
fn metrics_component_never_panics_on_mutated_declarations() {
    run(
        "metrics_component!, mutated",
        // The derive's seeds too: a struct of the derive form is a
        // `metrics_component!` input without shorthands.
        mutate::mutated(mutate::MACRO_SEEDS).prop_union(mutate::mutated(mutate::DERIVE_SEEDS)),
        |input| check_output(&input, component_macro::expand(input.clone())),
    );
}

/// Both forms of one declaration give the same errors: a derive input
/// passed to `metrics_component!` (which takes the derive's attributes too)
/// is refused for exactly the same reasons, in the same words.
#[test]
fn both_forms_give_the_same_errors() {
    run("same errors", decl::derive_input(), |source| {
        // Only structs with named fields, which both forms can write.
        if !source.contains("struct M {") {
            return Ok(());
        }
        let input = tokens(&source);
        let by_derive = error_messages(crate::derive(input.clone()));
        let by_macro = error_messages(component_macro::expand(input.clone()));
        prop_assert_eq!(by_derive, by_macro, "input: {}", input);
        Ok(())
    });
}

#[test]
fn seeds_are_accepted_by_both_macros() {
    for seed in mutate::DERIVE_SEEDS {
        let output = crate::derive(tokens(seed));
        assert_eq!(error_messages(output), Vec::<String>::new(), "{seed}");
    }
    for seed in mutate::MACRO_SEEDS {
        let output = component_macro::expand(tokens(seed));
        assert_eq!(error_messages(output), Vec::<String>::new(), "{seed}");
    }
}
