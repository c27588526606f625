//! The parsed model of a component declaration.

use proc_macro2::Span;
use syn::{Ident, LitStr, Type};

use crate::buckets::BucketSpec;

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
    /// The metric name passed its own checks: the `_total` rule of
    /// `typeck` only means something for such a name.
    pub(crate) name_valid: bool,
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
    pub(crate) pairs: Vec<(LitStr, LitStr)>,
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

    /// `namespace_subsystem_name`, empty segments left out.
    pub(crate) fn full_name(&self, field: &Field) -> String {
        self.full_name_from(field, true, true)
    }

    /// The full name with the namespace and the middle segment only where
    /// `namespace` and `middle` say so: the part of the name that can be
    /// checked while another segment is invalid.
    pub(crate) fn full_name_from(&self, field: &Field, namespace: bool, middle: bool) -> String {
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
    /// The last segment of the metric name: `name = "..."` or the field name.
    pub(crate) fn metric_name(&self) -> String {
        match &self.attrs.name {
            Some(name) => name.value(),
            None => self.ident.to_string().trim_start_matches("r#").to_owned(),
        }
    }

    /// Where a problem with the metric name shows: the `name` literal, or
    /// the field name.
    pub(crate) fn name_span(&self) -> Span {
        match &self.attrs.name {
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
