//! What a component declares about each of its metrics.

use std::fmt;

use crate::encoding::family_writer::FamilyText;
use crate::encoding::metric_type::MetricType;
use crate::field::kind::FieldKind;
use crate::native::opts::NativeParams;

/// The declaration of one metric of a component: everything the derive
/// read from the field and its attributes, with names already composed.
///
/// ```
/// use prometheus_component::prometheus::HistogramVec;
/// use prometheus_component::{Metrics, MetricType};
///
/// /// Database access.
/// #[derive(Metrics)]
/// #[metrics(component = "db", namespace = "shop")]
/// struct DbMetrics {
///     /// Query time.
///     #[metric(labels = ["table"], buckets = [0.001, 0.01, 0.1])]
///     query_seconds: HistogramVec,
/// }
///
/// let d = &DbMetrics::descriptors()[0];
/// assert_eq!(d.name(), "shop_db_query_seconds");
/// assert_eq!(d.field(), "query_seconds");
/// assert_eq!(d.metric_type(), MetricType::Histogram);
/// assert_eq!(d.help(), "Query time.");
/// assert_eq!(d.labels(), ["table"]);
/// assert_eq!(d.buckets(), Some(&[0.001, 0.01, 0.1][..]));
/// ```
#[derive(Clone, Copy)]
pub struct MetricDescriptor {
    field: &'static str,
    name: &'static str,
    help: &'static str,
    kind: FieldKind,
    labels: &'static [&'static str],
    const_labels: &'static [(&'static str, &'static str)],
    buckets: Option<&'static [f64]>,
    native: Option<NativeParams>,
}

impl MetricDescriptor {
    /// The descriptor of a field of kind `kind`, with no labels, no const
    /// labels and, for a classic histogram, the default buckets of
    /// `prometheus`. Only stores what it is given: the derive calls it for
    /// every field, in a `static` that the compiler evaluates.
    #[doc(hidden)]
    pub const fn __new(
        field: &'static str,
        name: &'static str,
        help: &'static str,
        kind: FieldKind,
    ) -> Self {
        MetricDescriptor {
            field,
            name,
            help,
            kind,
            labels: &[],
            const_labels: &[],
            buckets: None,
            native: None,
        }
    }

    /// With the variable label names `labels`.
    #[doc(hidden)]
    pub const fn __labels(mut self, labels: &'static [&'static str]) -> Self {
        self.labels = labels;
        self
    }

    /// With the constant labels `pairs`.
    #[doc(hidden)]
    pub const fn __const_labels(mut self, pairs: &'static [(&'static str, &'static str)]) -> Self {
        self.const_labels = pairs;
        self
    }

    /// With the histogram buckets `bounds`.
    #[doc(hidden)]
    pub const fn __buckets(mut self, bounds: &'static [f64]) -> Self {
        self.buckets = Some(bounds);
        self
    }

    /// `native(schema = .., max_buckets = .., zero_threshold = ..)`.
    #[doc(hidden)]
    pub const fn __native(mut self, schema: i32, max_buckets: u32, zero_threshold: f64) -> Self {
        self.native = Some(NativeParams::__new(schema, max_buckets, zero_threshold));
        self
    }

    /// The native histogram parameters declared with `native(..)`, if any.
    pub(crate) const fn native_params(&self) -> Option<NativeParams> {
        self.native
    }

    pub(crate) const fn kind(&self) -> &FieldKind {
        &self.kind
    }

    /// The Rust field that holds the metric.
    pub const fn field(&self) -> &'static str {
        self.field
    }

    /// The full metric name: `namespace_subsystem_name`, empty segments left out.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The HELP text.
    pub const fn help(&self) -> &'static str {
        self.help
    }

    /// The Prometheus type.
    pub const fn metric_type(&self) -> MetricType {
        self.kind.metric_type
    }

    /// The variable label names, in declaration order (empty for metrics
    /// without labels).
    pub const fn labels(&self) -> &'static [&'static str] {
        self.labels
    }

    /// The constant labels, as `(name, value)` pairs.
    pub const fn const_labels(&self) -> &'static [(&'static str, &'static str)] {
        self.const_labels
    }

    /// The bucket upper bounds of a histogram (`None` for other types; the
    /// `prometheus` crate's default buckets where none were declared).
    pub const fn buckets(&self) -> Option<&'static [f64]> {
        match (self.buckets, self.kind.metric_type) {
            (Some(declared), _) => Some(declared),
            // A native histogram has classic buckets only when declared.
            (None, MetricType::Histogram) if !self.kind.native => {
                Some(prometheus::DEFAULT_BUCKETS.as_slice())
            }
            (None, _) => None,
        }
    }

    /// The text the exposition repeats for this metric's family.
    pub(crate) fn family_text(&self) -> FamilyText {
        FamilyText::new(self.name(), self.help(), self.metric_type())
    }
}

// By hand: the kind's function pointers say nothing a user compares or reads.
impl PartialEq for MetricDescriptor {
    fn eq(&self, other: &Self) -> bool {
        self.field == other.field
            && self.name == other.name
            && self.help == other.help
            && self.metric_type() == other.metric_type()
            && self.labels == other.labels
            && self.const_labels == other.const_labels
            && self.buckets() == other.buckets()
    }
}

impl fmt::Debug for MetricDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetricDescriptor")
            .field("field", &self.field)
            .field("name", &self.name)
            .field("help", &self.help)
            .field("metric_type", &self.metric_type())
            .field("labels", &self.labels)
            .field("const_labels", &self.const_labels)
            .field("buckets", &self.buckets())
            .finish()
    }
}
