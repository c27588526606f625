//! The metric types a component field may have, recognised through a trait so
//! that aliases and full paths work as well as the bare names.

use std::collections::HashMap;

use prometheus::core::Collector;
use prometheus::{
    Counter, CounterVec, Gauge, GaugeVec, Histogram, HistogramOpts, HistogramVec, IntCounter,
    IntCounterVec, IntGauge, IntGaugeVec, Opts,
};

use crate::encoding::collected_series::{ChildSource, CollectedSeries};
use crate::encoding::family_writer::{FamilyWriter, SingleSeries};
use crate::encoding::metric_type::MetricType;
use crate::encoding::native_vec_series::NativeVecSeries;
use crate::exemplar::wrapper::Exemplars;
use crate::field::descriptor::MetricDescriptor;
use crate::field::kind::{FieldKind, LabelForm};
use crate::native::histogram::NativeHistogram;
use crate::native::opts::{NativeHistogramOpts, NativeParams};
use crate::native::vec::NativeHistogramVec;

/// A `prometheus` metric type that can be a field of a component.
///
/// Implemented for `Counter`, `IntCounter`, `Gauge`, `IntGauge`, `Histogram`
/// and their `*Vec` forms, for [`Exemplars`] over the counters, histograms
/// and their `*Vec`s, and for [`NativeHistogram`] and
/// [`NativeHistogramVec`]. The derive uses it to build each field from its
/// [`MetricDescriptor`]; it is sealed.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a metric type a component can hold",
    label = "unsupported metric type",
    note = "supported: `Counter`, `IntCounter`, `Gauge`, `IntGauge`, `Histogram` and their `*Vec` forms from `prometheus`, `Exemplars<M>` over the counters and histograms, `NativeHistogram`, `NativeHistogramVec`, and `Labeled<M, L>`"
)]
pub trait MetricField: Collector + Clone + Sized + 'static + sealed::Sealed {
    /// The Prometheus type of the metric.
    const TYPE: MetricType;

    /// How the field takes variable labels, for the derive's compile-time
    /// checks.
    #[doc(hidden)]
    const __LABELS: LabelForm;

    /// Whether the type is a native histogram, which takes `native(..)`.
    #[doc(hidden)]
    const __NATIVE: bool = false;

    /// The type as the runtime handles it, named by the derive once per
    /// field (in its descriptor).
    #[doc(hidden)]
    const __KIND: FieldKind = FieldKind::of::<Self>();

    #[doc(hidden)]
    fn __build(descriptor: &MetricDescriptor) -> prometheus::Result<Self>;

    /// The field as a collector of its own, to tell which metric a
    /// refused registration is about.
    #[doc(hidden)]
    fn __collector(&self) -> Box<dyn Collector> {
        Box::new(self.clone())
    }

    /// Another handle to the same series, for the global instance.
    #[doc(hidden)]
    fn __share(&self) -> Self {
        self.clone()
    }
}

pub(crate) mod sealed {
    use crate::encoding::family_writer::FamilyWriter;
    use crate::field::descriptor::MetricDescriptor;

    pub trait Sealed {
        /// What writes the field's family when its registry encodes.
        fn family_writer(&self, descriptor: &MetricDescriptor) -> Box<dyn FamilyWriter>;
    }
}

fn opts(d: &MetricDescriptor) -> Opts {
    let opts = Opts::new(d.name(), d.help());
    match d.const_labels() {
        [] => opts,
        _ => opts.const_labels(const_labels(d)),
    }
}

fn histogram_opts(d: &MetricDescriptor) -> HistogramOpts {
    let mut opts = HistogramOpts::new(d.name(), d.help());
    if !d.const_labels().is_empty() {
        opts = opts.const_labels(const_labels(d));
    }
    // `HistogramOpts::new` already holds the default buckets.
    match d.buckets() {
        Some(buckets) if buckets != prometheus::DEFAULT_BUCKETS => {
            opts = opts.buckets(buckets.to_vec());
        }
        _ => {}
    }
    opts
}

fn const_labels(d: &MetricDescriptor) -> HashMap<String, String> {
    d.const_labels()
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

// `do_not_recommend`: an unsupported field type's error lists the supported
// types in its note, in the names users write, instead of rustc's list of
// `GenericCounter<AtomicU64>`-style expansions.
macro_rules! scalar {
    ($($ty:ident => $kind:ident),* $(,)?) => {$(
        impl sealed::Sealed for $ty {
            fn family_writer(&self, d: &MetricDescriptor) -> Box<dyn FamilyWriter> {
                Box::new(SingleSeries::new(self, d.family_text()))
            }
        }
        #[diagnostic::do_not_recommend]
        impl MetricField for $ty {
            const TYPE: MetricType = MetricType::$kind;
            const __LABELS: LabelForm = LabelForm::None;
            fn __build(d: &MetricDescriptor) -> prometheus::Result<Self> {
                $ty::with_opts(opts(d))
            }
        }
    )*};
}

macro_rules! labeled {
    ($($ty:ident => $kind:ident),* $(,)?) => {$(
        impl sealed::Sealed for $ty {
            fn family_writer(&self, d: &MetricDescriptor) -> Box<dyn FamilyWriter> {
                Box::new(CollectedSeries::new(self, d.family_text()))
            }
        }
        #[diagnostic::do_not_recommend]
        impl MetricField for $ty {
            const TYPE: MetricType = MetricType::$kind;
            const __LABELS: LabelForm = LabelForm::Names;
            fn __build(d: &MetricDescriptor) -> prometheus::Result<Self> {
                $ty::new(opts(d), d.labels())
            }
        }
    )*};
}

scalar!(
    Counter => Counter,
    IntCounter => Counter,
    Gauge => Gauge,
    IntGauge => Gauge,
);
labeled!(
    CounterVec => Counter,
    IntCounterVec => Counter,
    GaugeVec => Gauge,
    IntGaugeVec => Gauge,
);

impl sealed::Sealed for Histogram {
    fn family_writer(&self, d: &MetricDescriptor) -> Box<dyn FamilyWriter> {
        Box::new(SingleSeries::new(self, d.family_text()))
    }
}
#[diagnostic::do_not_recommend]
impl MetricField for Histogram {
    const TYPE: MetricType = MetricType::Histogram;
    const __LABELS: LabelForm = LabelForm::None;
    fn __build(d: &MetricDescriptor) -> prometheus::Result<Self> {
        Histogram::with_opts(histogram_opts(d))
    }
}

impl sealed::Sealed for HistogramVec {
    fn family_writer(&self, d: &MetricDescriptor) -> Box<dyn FamilyWriter> {
        Box::new(CollectedSeries::new(self, d.family_text()))
    }
}
#[diagnostic::do_not_recommend]
impl MetricField for HistogramVec {
    const TYPE: MetricType = MetricType::Histogram;
    const __LABELS: LabelForm = LabelForm::Names;
    fn __build(d: &MetricDescriptor) -> prometheus::Result<Self> {
        HistogramVec::new(histogram_opts(d), d.labels())
    }
}

fn native_opts(d: &MetricDescriptor) -> NativeHistogramOpts {
    NativeHistogramOpts::from_parts(
        d.name(),
        d.help(),
        const_labels(d),
        d.buckets().map(<[f64]>::to_vec),
        d.native_params().unwrap_or(NativeParams::DEFAULT),
    )
}

impl sealed::Sealed for NativeHistogram {
    fn family_writer(&self, d: &MetricDescriptor) -> Box<dyn FamilyWriter> {
        Box::new(SingleSeries::new(self, d.family_text()))
    }
}
#[diagnostic::do_not_recommend]
impl MetricField for NativeHistogram {
    const TYPE: MetricType = MetricType::Histogram;
    const __LABELS: LabelForm = LabelForm::None;
    const __NATIVE: bool = true;
    fn __build(d: &MetricDescriptor) -> prometheus::Result<Self> {
        NativeHistogram::with_opts(native_opts(d))
    }
}

impl sealed::Sealed for NativeHistogramVec {
    fn family_writer(&self, d: &MetricDescriptor) -> Box<dyn FamilyWriter> {
        Box::new(NativeVecSeries::new(self, d.family_text()))
    }
}
#[diagnostic::do_not_recommend]
impl MetricField for NativeHistogramVec {
    const TYPE: MetricType = MetricType::Histogram;
    const __LABELS: LabelForm = LabelForm::Names;
    const __NATIVE: bool = true;
    fn __build(d: &MetricDescriptor) -> prometheus::Result<Self> {
        NativeHistogramVec::new(native_opts(d), d.labels())
    }
}

// `Exemplars<M>`: built, shared and registered as `M` is; written with
// its exemplars.
macro_rules! with_exemplars {
    ($($ty:ident => $kind:ident, $labels:ident);* $(;)?) => {$(
        #[diagnostic::do_not_recommend]
        impl MetricField for Exemplars<$ty> {
            const TYPE: MetricType = MetricType::$kind;
            const __LABELS: LabelForm = LabelForm::$labels;
            fn __build(d: &MetricDescriptor) -> prometheus::Result<Self> {
                Ok(Exemplars::new(<$ty as MetricField>::__build(d)?))
            }
        }
    )*};
}

with_exemplars!(
    IntCounter => Counter, None;
    Counter => Counter, None;
    Histogram => Histogram, None;
    IntCounterVec => Counter, Names;
    CounterVec => Counter, Names;
    HistogramVec => Histogram, Names;
);

macro_rules! single_with_exemplars {
    ($($ty:ident),*) => {$(
        impl sealed::Sealed for Exemplars<$ty> {
            fn family_writer(&self, d: &MetricDescriptor) -> Box<dyn FamilyWriter> {
                Box::new(SingleSeries::new(self, d.family_text()))
            }
        }
    )*};
}

single_with_exemplars!(IntCounter, Counter, Histogram);

macro_rules! vec_with_exemplars {
    ($($ty:ident),*) => {$(
        impl sealed::Sealed for Exemplars<$ty> {
            fn family_writer(&self, d: &MetricDescriptor) -> Box<dyn FamilyWriter> {
                let source = ChildSource {
                    children: self.children_store(),
                    label_names: d.labels(),
                };
                Box::new(CollectedSeries::with_exemplars(self.inner(), d.family_text(), source))
            }
        }
    )*};
}

vec_with_exemplars!(IntCounterVec, CounterVec, HistogramVec);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_labeled_histogram_with_its_buckets() {
        static D: MetricDescriptor = MetricDescriptor::__new(
            "latency_seconds",
            "shop_latency_seconds",
            "Latency.",
            HistogramVec::__KIND,
        )
        .__labels(&["route"])
        .__const_labels(&[("region", "eu")])
        .__buckets(&[0.1, 1.0]);
        let h = HistogramVec::__build(&D).expect("valid descriptor");
        h.with_label_values(&["/"]).observe(0.5);
        let families = h.collect();
        let metric = &families[0].get_metric()[0];
        let labels: Vec<_> = metric
            .get_label()
            .iter()
            .map(|l| (l.name(), l.value()))
            .collect();
        assert_eq!(labels, [("region", "eu"), ("route", "/")]);
        let bounds: Vec<f64> = metric
            .get_histogram()
            .get_bucket()
            .iter()
            .map(|b| b.upper_bound())
            .collect();
        assert_eq!(bounds, [0.1, 1.0]);
    }

    #[test]
    fn types_report_their_prometheus_type() {
        assert_eq!(IntCounterVec::TYPE, MetricType::Counter);
        assert_eq!(IntGauge::TYPE, MetricType::Gauge);
        assert_eq!(Histogram::TYPE, MetricType::Histogram);
    }

    #[test]
    fn types_report_how_they_take_labels() {
        assert_eq!(IntCounter::__LABELS, LabelForm::None);
        assert_eq!(Histogram::__LABELS, LabelForm::None);
        assert_eq!(GaugeVec::__LABELS, LabelForm::Names);
        assert_eq!(HistogramVec::__LABELS, LabelForm::Names);
    }
}
