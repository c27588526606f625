//! The parsed model of a component declaration.

use proc_macro2::Span;
use syn::{Ident, LitStr, Type};

use crate::buckets::BucketSpec;
use crate::rules::Allowed;

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
    /// What `valid` found, for the stages after it.
    pub(crate) checks: FieldChecks,
}

/// The results of `valid`'s checks of one field.
#[derive(Default)]
pub(crate) struct FieldChecks {
    /// The `_total` rule of `typeck` applies: the metric name passed its
    /// own checks (the rule means nothing for another) and
    /// `allow(counter_total)` is not given.
    pub(crate) total_rule: bool,
    /// The buckets, computed and checked.
    pub(crate) buckets: Option<Vec<f64>>,
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

    /// `namespace_subsystem_name`, empty segments left out, or the
    /// field's `full_name`.
    pub(crate) fn full_name(&self, field: &Field) -> String {
        self.full_name_from(field, true, true)
    }

    /// The full name with the namespace and the middle segment only where
    /// `namespace` and `middle` say so: the part of the name that can be
    /// checked while another segment is invalid.
    pub(crate) fn full_name_from(&self, field: &Field, namespace: bool, middle: bool) -> String {
        if let Some(full) = &field.attrs.full_name {
            return full.value();
        }
        let namespace = match &self.attrs.namespace {
            Some(ns) if namespace => ns.value(),
            _ => String::new(),
        };
        let subsystem = if middle {
            self.subsystem()
        } else {
            String::new()
        };
        let name = field.metric_name();
        [namespace, subsystem, name]
            .into_iter()
            .filter(|segment| !segment.is_empty())
            .collect::<Vec<_>>()
            .join("_")
    }
}

impl Field {
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
