//! `Labeled<M, L>`: a labelled metric whose label values are types, with
//! every child created up front and found by array index.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;
use prometheus::{
    Counter, CounterVec, Gauge, GaugeVec, Histogram, HistogramVec, IntCounter, IntCounterVec,
    IntGauge, IntGaugeVec,
};

use crate::encoding::family_writer::{FamilyWriter, LabeledSeries, SeriesValue};
use crate::encoding::metric_type::MetricType;
use crate::field::descriptor::MetricDescriptor;
use crate::field::kind::LabelForm;
use crate::field::metric_field::MetricField;
use crate::field::spelled::{names, SpelledAs};
use crate::labels::label_value::LabelSet;
use crate::native::histogram::NativeHistogram;
use crate::native::vec::NativeHistogramVec;

/// A metric with one child per combination of typed label values `L`.
///
/// Declared with the label names and their types, it costs about what an
/// unlabelled metric costs: [`get`](Self::get) is an array index, with no
/// hashing, no lock and no allocation, and a wrong label value is a type
/// error. Every child exists from registration on, so every series is
/// exported, at zero, from the first scrape.
///
/// ```
/// use prometheus_component::prometheus::IntCounter;
/// use prometheus_component::{LabelValue, Labeled, Metrics};
///
/// #[derive(LabelValue)]
/// enum Method { Get, Post }
///
/// #[derive(LabelValue)]
/// enum Class {
///     #[label(rename = "2xx")]
///     Success,
///     #[label(rename = "5xx")]
///     ServerError,
/// }
///
/// /// The HTTP front end.
/// #[derive(Metrics)]
/// #[metrics(component = "front")]
/// struct FrontMetrics {
///     /// Responses sent.
///     #[metric(labels = [method: Method, class: Class])]
///     responses_total: Labeled<IntCounter, (Method, Class)>,
/// }
///
/// let m = FrontMetrics::for_test();
/// m.responses_total.get((Method::Post, Class::Success)).inc();
/// assert_eq!(m.value("front_responses_total", &[("method", "post"), ("class", "2xx")]), Some(1.0));
/// // Exported before their first use:
/// assert_eq!(m.value("front_responses_total", &[("method", "get"), ("class", "5xx")]), Some(0.0));
/// ```
pub struct Labeled<M: LabeledMetric, L> {
    children: Arc<[M]>,
    vec: M::Vec,
    labels: PhantomData<fn() -> L>,
}

impl<M: LabeledMetric, L: LabelSet> Labeled<M, L> {
    /// The child for one combination of label values.
    #[inline]
    pub fn get(&self, labels: L) -> &M {
        &self.children[labels.position()]
    }

    /// The underlying `*Vec` collector, as registered.
    pub fn as_vec(&self) -> &M::Vec {
        &self.vec
    }
}

impl<M: LabeledMetric, L> Clone for Labeled<M, L> {
    fn clone(&self) -> Self {
        Labeled {
            children: self.children.clone(),
            vec: self.vec.clone(),
            labels: PhantomData,
        }
    }
}

impl<M: LabeledMetric, L> fmt::Debug for Labeled<M, L> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Labeled")
            .field("metric", &std::any::type_name::<M>())
            .field("children", &self.children.len())
            .finish()
    }
}

impl<M: LabeledMetric, L: LabelSet> Collector for Labeled<M, L> {
    fn desc(&self) -> Vec<&Desc> {
        self.vec.desc()
    }

    fn collect(&self) -> Vec<MetricFamily> {
        self.vec.collect()
    }
}

impl<M: LabeledMetric, L: LabelSet> crate::field::metric_field::sealed::Sealed for Labeled<M, L> {
    fn family_writer(&self, descriptor: &MetricDescriptor) -> Box<dyn FamilyWriter> {
        Box::new(LabeledSeries::new(&self.children, descriptor.family_text()))
    }
}

// What `Labeled<IntCounter, L>` and the like are taken for when the derive
// reads them by name (see `field::spelled`).
#[diagnostic::do_not_recommend]
impl<L> SpelledAs<names::TypedCounter> for Labeled<Counter, L> {}
#[diagnostic::do_not_recommend]
impl<L> SpelledAs<names::TypedCounter> for Labeled<IntCounter, L> {}
#[diagnostic::do_not_recommend]
impl<L> SpelledAs<names::TypedGauge> for Labeled<Gauge, L> {}
#[diagnostic::do_not_recommend]
impl<L> SpelledAs<names::TypedGauge> for Labeled<IntGauge, L> {}
#[diagnostic::do_not_recommend]
impl<L> SpelledAs<names::TypedHistogram> for Labeled<Histogram, L> {}

#[diagnostic::do_not_recommend]
impl<M: LabeledMetric, L: LabelSet> MetricField for Labeled<M, L> {
    const TYPE: MetricType = <M::Vec as MetricField>::TYPE;
    const __LABELS: LabelForm = LabelForm::Typed;
    const __NATIVE: bool = <M::Vec as MetricField>::__NATIVE;

    fn __build(descriptor: &MetricDescriptor) -> prometheus::Result<Self> {
        if descriptor.labels().len() != L::ARITY {
            return Err(prometheus::Error::InconsistentCardinality {
                expect: L::ARITY,
                got: descriptor.labels().len(),
            });
        }
        let vec = <M::Vec as MetricField>::__build(descriptor)?;
        let children = (0..L::CARDINALITY)
            .map(|index| M::child(&vec, &L::values(index)))
            .collect::<prometheus::Result<Vec<M>>>()?;
        Ok(Labeled {
            children: children.into(),
            vec,
            labels: PhantomData,
        })
    }
}

/// A metric type that [`Labeled`] can hold: `Counter`, `IntCounter`,
/// `Gauge`, `IntGauge`, `Histogram` or `NativeHistogram`, each with its
/// `*Vec` form.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the metric of a `Labeled<_, _>`",
    note = "use `Counter`, `IntCounter`, `Gauge`, `IntGauge`, `Histogram` or `NativeHistogram`"
)]
pub trait LabeledMetric: SeriesValue {
    /// The `*Vec` form of the type, which holds the children.
    type Vec: MetricField + Clone + Send + Sync;

    #[doc(hidden)]
    fn child(vec: &Self::Vec, values: &[&str]) -> prometheus::Result<Self>;
}

macro_rules! labeled_metric {
    ($($metric:ident => $vec:ident),* $(,)?) => {$(
        impl LabeledMetric for $metric {
            type Vec = $vec;

            fn child(vec: &$vec, values: &[&str]) -> prometheus::Result<Self> {
                vec.get_metric_with_label_values(values)
            }
        }
    )*};
}

labeled_metric!(
    Counter => CounterVec,
    IntCounter => IntCounterVec,
    Gauge => GaugeVec,
    IntGauge => IntGaugeVec,
    Histogram => HistogramVec,
    NativeHistogram => NativeHistogramVec,
);

/// Marker: a `Labeled<_, L>`, which takes `labels = [name: Type, ...]` with
/// those types.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "typed labels given, but `{Self}` is not a `Labeled<_, {L}>`",
    label = "declare this field as `Labeled<M, {L}>`, with the label types in the same order"
)]
pub trait TypedLabelsField<L>: MetricField {}

impl<M: LabeledMetric, L: LabelSet> TypedLabelsField<L> for Labeled<M, L> {}

/// Compile-time check: `labels = [name: Type, ...]` was given, so `T` must
/// be a `Labeled<_, L>` with `L` the tuple of those types.
pub const fn require_typed_labels<T: TypedLabelsField<L>, L>() {}
