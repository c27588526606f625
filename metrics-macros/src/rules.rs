//! promlint's naming rules, which `allow(rule, ...)` can relax for legacy
//! names that dashboards depend on. The validity rules of the Prometheus
//! data model (name syntax, `__` prefixes, `:`, the label rules, buckets)
//! are not among them: a name that breaks one would be refused or
//! misread by Prometheus, so no declaration can allow it.

use syn::meta::ParseNestedMeta;

use crate::errors::Errors;
use crate::tokens::path_name;
use crate::values::rest_of_value;

/// One promlint rule, by the name `allow(...)` gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    /// Counters end in `_total`, other types don't.
    CounterTotal,
    /// No `_bucket`, `_count` or `_sum` ending.
    ReservedSuffix,
    /// No `counter`, `gauge`, `histogram` or `summary` in the name.
    TypeInName,
    /// Base units: `seconds`, not `milliseconds`.
    BaseUnit,
    /// No abbreviated units: `ms`, `kb`.
    AbbreviatedUnit,
    /// snake_case metric and label names.
    CamelCase,
}

impl Rule {
    pub(crate) const ALL: [Rule; 6] = [
        Rule::CounterTotal,
        Rule::ReservedSuffix,
        Rule::TypeInName,
        Rule::BaseUnit,
        Rule::AbbreviatedUnit,
        Rule::CamelCase,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Rule::CounterTotal => "counter_total",
            Rule::ReservedSuffix => "reserved_suffix",
            Rule::TypeInName => "type_in_name",
            Rule::BaseUnit => "base_unit",
            Rule::AbbreviatedUnit => "abbreviated_unit",
            Rule::CamelCase => "camel_case",
        }
    }

    /// The end of a message about a name that breaks this rule.
    pub(crate) fn legacy_hint(self) -> String {
        format!(" (or, to keep a legacy name, `allow({})`)", self.name())
    }

    fn named(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.name() == name)
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// The rules a declaration relaxes: its struct's `allow(...)` and its
/// field's together.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(crate) struct Allowed(u8);

impl Allowed {
    /// No rule relaxed.
    #[cfg(test)]
    pub(crate) const NONE: Allowed = Allowed(0);

    pub(crate) fn allows(self, rule: Rule) -> bool {
        self.0 & rule.bit() != 0
    }

    pub(crate) fn with(self, rule: Rule) -> Allowed {
        Allowed(self.0 | rule.bit())
    }

    pub(crate) fn and(self, other: Allowed) -> Allowed {
        Allowed(self.0 | other.0)
    }
}

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
