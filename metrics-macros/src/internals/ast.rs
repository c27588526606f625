//! The parsed model of a component declaration. It imports nothing of
//! this crate: reading (`attr`), checking and code generation all depend
//! on it, never the other way round.

use proc_macro2::Span;
use syn::{Ident, LitStr, Type};

/// A component: the struct and its `#[metrics(...)]` attribute.
pub(crate) struct Component {
    pub(crate) ident: Ident,
    pub(crate) attrs: ComponentAttrs,
    pub(crate) fields: Vec<Field>,
}

#[derive(Default)]
pub(crate) struct ComponentAttrs {
    pub(crate) component: Option<LitStr>,
    pub(crate) namespace: Option<LitStr>,
    pub(crate) subsystem: Option<LitStr>,
    pub(crate) krate: Option<syn::Path>,
    /// `allow(rule, ...)`: promlint rules relaxed for every field.
    pub(crate) allow: Allowed,
    /// Some of `#[metrics(...)]` could not be read (and is reported): checks
    /// of what seems missing or of names built from it would only repeat
    /// that error, so they wait for the next compile.
    pub(crate) incomplete: bool,
}

/// One metric: a field and its `#[metric(...)]` attribute.
pub(crate) struct Field {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    pub(crate) doc: Option<Doc>,
    pub(crate) attrs: FieldAttrs,
    /// What `check` found, for the stages after it.
    pub(crate) checks: FieldChecks,
}

/// The results of `check`'s checks of one field.
#[derive(Default)]
pub(crate) struct FieldChecks {
    /// The `_total` rule of `field_types` applies: the metric name passed its
    /// own checks (the rule means nothing for another) and
    /// `allow(counter_total)` is not given.
    pub(crate) total_rule: bool,
    /// The buckets, computed and checked.
    pub(crate) buckets: Option<Vec<f64>>,
    /// The native histogram parameters, checked: schema, max buckets,
    /// zero threshold.
    pub(crate) native: Option<NativeValues>,
    /// The full metric name, `namespace_subsystem_name`, built once.
    pub(crate) full_name: String,
}

/// `native(..)`'s parameters after their checks, defaults filled in.
#[derive(Clone, Copy)]
pub(crate) struct NativeValues {
    pub(crate) schema: i32,
    pub(crate) max_buckets: u32,
    pub(crate) zero_threshold: f64,
}

/// A doc comment, lines trimmed and joined with spaces.
pub(crate) struct Doc {
    pub(crate) text: String,
    pub(crate) span: Span,
}

#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub(crate) help: Option<LitStr>,
    pub(crate) name: Option<LitStr>,
    /// `full_name = "..."`: the whole name, verbatim.
    pub(crate) full_name: Option<LitStr>,
    /// `allow(rule, ...)`: promlint rules relaxed for this field.
    pub(crate) allow: Allowed,
    pub(crate) labels: Option<Labels>,
    pub(crate) buckets: Option<Buckets>,
    pub(crate) native: Option<Native>,
    pub(crate) const_labels: Option<ConstLabels>,
    /// Some of `#[metric(...)]` could not be read (and is reported); see
    /// `ComponentAttrs::incomplete`.
    pub(crate) incomplete: bool,
}

/// `labels = ["a", "b"]` or, typed, `labels = [a: A, b: B]`, with the span
/// of the key.
pub(crate) struct Labels {
    pub(crate) key: Span,
    pub(crate) names: Vec<LitStr>,
    /// The label types of the typed form, one per name; empty otherwise.
    pub(crate) types: Vec<Type>,
}

/// `buckets = ...`, with the span of the key.
pub(crate) struct Buckets {
    pub(crate) key: Span,
    pub(crate) spec: BucketSpec,
}

/// `native(schema = 3, max_buckets = 160, zero_threshold = 1e-9)`, with
/// the span of the key; each parameter may be left out.
pub(crate) struct Native {
    pub(crate) key: Span,
    pub(crate) schema: Option<Number>,
    pub(crate) max_buckets: Option<Number>,
    pub(crate) zero_threshold: Option<Number>,
}

/// `const_labels = [("k", "v")]`, with the span of the key.
pub(crate) struct ConstLabels {
    pub(crate) key: Span,
    pub(crate) pairs: Vec<(LitStr, LabelText)>,
}

/// A constant label's value: a literal, checked here, or any other
/// `&'static str` constant expression (a `const`, `env!(..)`,
/// `concat!(..)`), checked by the compiler.
pub(crate) enum LabelText {
    Literal(LitStr),
    Expr(proc_macro2::TokenStream),
}

impl Component {
    /// The middle segment of every metric name: the subsystem if given,
    /// else the component name.
    pub(crate) fn subsystem(&self) -> String {
        match (&self.attrs.subsystem, &self.attrs.component) {
            (Some(subsystem), _) => subsystem.value(),
            (None, Some(component)) => component.value(),
            (None, None) => String::new(),
        }
    }

    /// The promlint rules relaxed for `field`: the struct's and its own.
    pub(crate) fn allowed(&self, field: &Field) -> Allowed {
        self.attrs.allow.and(field.attrs.allow)
    }

    /// What the component puts before each field's own name,
    /// `namespace_subsystem_` with empty segments left out, counting the
    /// namespace and the middle segment only where `namespace` and
    /// `middle` say so: the part that can be checked while another segment
    /// is invalid. Built once per component, not once per field.
    pub(crate) fn name_prefix(&self, namespace: bool, middle: bool) -> String {
        let namespace = match &self.attrs.namespace {
            Some(ns) if namespace => ns.value(),
            _ => String::new(),
        };
        let middle = if middle {
            self.subsystem()
        } else {
            String::new()
        };
        let mut prefix = [namespace, middle]
            .into_iter()
            .filter(|segment| !segment.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        if !prefix.is_empty() {
            prefix.push('_');
        }
        prefix
    }
}

impl Field {
    /// The full name of the field's metric: its `full_name`, or `prefix`
    /// (`Component::name_prefix`) followed by its own name.
    pub(crate) fn full_name(&self, prefix: &str) -> String {
        match &self.attrs.full_name {
            Some(full) => full.value(),
            None => {
                let name = self.metric_name();
                if name.is_empty() {
                    // An empty name adds no segment, nor the `_` before it.
                    prefix.strip_suffix('_').unwrap_or(prefix).to_owned()
                } else {
                    prefix.to_owned() + &name
                }
            }
        }
    }

    /// The name the field gives its metric: `full_name = "..."`,
    /// `name = "..."` (the last segment), or the field name.
    pub(crate) fn metric_name(&self) -> String {
        match self.name_literal() {
            Some(name) => name.value(),
            None => self.ident.to_string().trim_start_matches("r#").to_owned(),
        }
    }

    /// The literal that names the metric, `full_name` or `name`, if any.
    pub(crate) fn name_literal(&self) -> Option<&LitStr> {
        self.attrs.full_name.as_ref().or(self.attrs.name.as_ref())
    }

    /// Where a problem with the metric name shows: the `full_name` or
    /// `name` literal, or the field name.
    pub(crate) fn name_span(&self) -> Span {
        match self.name_literal() {
            Some(name) => name.span(),
            None => self.ident.span(),
        }
    }

    /// The HELP text: `help = "..."` wins over the doc comment.
    pub(crate) fn help(&self) -> Option<String> {
        match (&self.attrs.help, &self.doc) {
            (Some(help), _) => Some(help.value()),
            (None, Some(doc)) => Some(doc.text.clone()),
            (None, None) => None,
        }
    }
}

/// A number written in the attribute, with where it was written.
#[derive(Clone, Copy)]
pub(crate) struct Number {
    pub(crate) value: f64,
    pub(crate) span: Span,
}

pub(crate) enum BucketSpec {
    /// `[0.1, 0.5, 1.0]`
    List { span: Span, bounds: Vec<Number> },
    /// `exponential(start, factor, count)`
    Exponential {
        start: Number,
        factor: Number,
        count: Number,
    },
    /// `linear(start, width, count)`
    Linear {
        start: Number,
        width: Number,
        count: Number,
    },
}

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

    pub(crate) fn named(name: &str) -> Option<Rule> {
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

/// A name that must be unique in the crate: a component name or a full
/// metric name that passed its checks, with where it was declared.
pub(crate) struct Claim {
    pub(crate) kind: ClaimKind,
    pub(crate) name: String,
    pub(crate) span: Span,
}

/// What a [`Claim`] names.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClaimKind {
    Component,
    Metric,
}

impl Claim {
    /// A component name, spanned on its literal.
    pub(crate) fn component(name: String, span: Span) -> Claim {
        Claim {
            kind: ClaimKind::Component,
            name,
            span,
        }
    }

    /// A full metric name, spanned on the field or `name` literal.
    pub(crate) fn metric(full_name: String, span: Span) -> Claim {
        Claim {
            kind: ClaimKind::Metric,
            name: full_name,
            span,
        }
    }
}
