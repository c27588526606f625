//! promlint's naming rules, which `allow(rule, ...)` can relax for legacy
//! names that dashboards depend on. The validity rules of the Prometheus
//! data model (name syntax, `__` prefixes, `:`, the label rules, buckets)
//! are not among them: a name that breaks one would be refused or
//! misread by Prometheus, so no declaration can allow it.

use syn::meta::ParseNestedMeta;

use crate::internals::ast::{Allowed, Rule};
use crate::internals::errors::Errors;
use crate::internals::values::rest_of_value;
use crate::tokens::path_name;

fn rule_list() -> String {
    Rule::ALL
        .iter()
        .map(|rule| format!("`{}`", rule.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads `allow(rule, ...)` into `allowed`. Each unknown rule is an error
/// on its name that lists the rules there are; the others are still read.
pub(crate) fn read_allow(
    meta: &ParseNestedMeta<'_>,
    allowed: &mut Allowed,
    errors: &mut Errors,
) -> syn::Result<()> {
    if !meta.input.peek(syn::token::Paren) {
        errors.spanned(
            &meta.path,
            format_args!(
                "`allow` takes a list of promlint rules, like `allow(reserved_suffix)`; the rules are {}",
                rule_list()
            ),
        );
        rest_of_value(meta.input);
        return Ok(());
    }
    meta.parse_nested_meta(|rule| {
        let name = path_name(&rule.path);
        match Rule::named(&name) {
            Some(known) if rule.input.is_empty() || rule.input.peek(syn::Token![,]) => {
                *allowed = allowed.with(known);
            }
            Some(_) => {
                errors.spanned(
                    &rule.path,
                    format_args!("`{name}` is a rule name and takes no value: `allow({name})`"),
                );
                rest_of_value(rule.input);
            }
            None => {
                errors.spanned(
                    &rule.path,
                    format_args!(
                        "unknown rule `{name}` in `allow(...)`: the promlint rules that can be allowed are {}; the validity rules (name syntax, `__` prefixes, `:`, labels, buckets) cannot be",
                        rule_list()
                    ),
                );
                rest_of_value(rule.input);
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_found_by_its_name_and_sets_its_own_bit() {
        let mut all = Allowed::default();
        for rule in Rule::ALL {
            assert_eq!(Rule::named(rule.name()), Some(rule));
            assert!(!all.allows(rule));
            all = all.with(rule);
            assert!(all.allows(rule));
        }
        assert_eq!(Rule::named("name_syntax"), None);
    }

    #[test]
    fn struct_and_field_allowances_add_up() {
        let component = Allowed::default().with(Rule::BaseUnit);
        let field = Allowed::default().with(Rule::CamelCase);
        let both = component.and(field);
        assert!(both.allows(Rule::BaseUnit) && both.allows(Rule::CamelCase));
        assert!(!both.allows(Rule::CounterTotal));
    }
}
