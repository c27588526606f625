//! What the derive takes a field's type for when the type is written as
//! one of the `prometheus` metric types, and the check that it is that
//! type.
//!
//! The derive reads `IntCounter`, `prometheus::HistogramVec` or
//! `Labeled<Gauge, L>` by name, checks labels, buckets and names for that
//! type while it expands, and describes the field with that type's kind
//! (a constant here, for the types without a label set). A name can lie:
//! an alias of another type (`use IntCounterVec as IntCounter`), a type of
//! that name from another version of `prometheus`, or a type of one's own.
//! So the derive builds the field through [`SpelledAs`], a bound that only
//! the type the name says meets: a lie is one error on the field's type,
//! with this crate's message, and no cost where the name is true.

use prometheus::{
    Counter, CounterVec, Gauge, GaugeVec, Histogram, HistogramVec, IntCounter, IntCounterVec,
    IntGauge, IntGaugeVec,
};

use crate::field::kind::FieldKind;
use crate::field::metric_field::MetricField;

/// Met by the type that spelling `S`, a marker of [`names`], stands for:
/// the `prometheus` 0.14 type of that name, or for the typed-label
/// spellings, a `Labeled<M, L>` over a metric of that type, whatever `L`
/// (whether `L` is a label set is checked, and reported, on its own).
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is named like a `prometheus` metric type, but it is not the `prometheus` 0.14 type of that name",
    label = "not the `prometheus` 0.14 type this name says",
    note = "the derive checks a field written as a `prometheus` type by that type's rules, so it must be that type: a type of the same name from another version of the `prometheus` crate is another type (import it from `prometheus_component::prometheus`, or depend on `prometheus = \"0.14\"`), and an alias of another type needs a name of its own",
    note = "supported: `Counter`, `IntCounter`, `Gauge`, `IntGauge`, `Histogram` and their `*Vec` forms from `prometheus` 0.14, and `Labeled<M, L>`"
)]
pub trait SpelledAs<S> {}

/// The spellings the derive recognises, one marker type each.
#[doc(hidden)]
pub mod names {
    macro_rules! markers {
        ($($name:ident),* $(,)?) => {$(
            #[doc(hidden)]
            #[derive(Debug)]
            pub enum $name {}
        )*};
    }

    markers!(
        Counter,
        IntCounter,
        Gauge,
        IntGauge,
        Histogram,
        CounterVec,
        IntCounterVec,
        GaugeVec,
        IntGaugeVec,
        HistogramVec,
        TypedCounter,
        TypedGauge,
        TypedHistogram,
    );
}

// Written out, not generated, so that a lie's error can show the impl its
// type does meet (`SpelledAs<names::IntCounterVec> for IntCounterVec`: the
// alias is an `IntCounterVec`). `do_not_recommend` keeps rustc from listing
// every other impl under a type of another `prometheus` version.
#[diagnostic::do_not_recommend]
impl SpelledAs<names::Counter> for Counter {}
#[diagnostic::do_not_recommend]
impl SpelledAs<names::IntCounter> for IntCounter {}
#[diagnostic::do_not_recommend]
impl SpelledAs<names::Gauge> for Gauge {}
#[diagnostic::do_not_recommend]
impl SpelledAs<names::IntGauge> for IntGauge {}
#[diagnostic::do_not_recommend]
impl SpelledAs<names::Histogram> for Histogram {}
#[diagnostic::do_not_recommend]
impl SpelledAs<names::CounterVec> for CounterVec {}
#[diagnostic::do_not_recommend]
impl SpelledAs<names::IntCounterVec> for IntCounterVec {}
#[diagnostic::do_not_recommend]
impl SpelledAs<names::GaugeVec> for GaugeVec {}
#[diagnostic::do_not_recommend]
impl SpelledAs<names::IntGaugeVec> for IntGaugeVec {}
#[diagnostic::do_not_recommend]
impl SpelledAs<names::HistogramVec> for HistogramVec {}

/// The kind of each `prometheus` type the derive recognises by name,
/// named by the derive in the field's descriptor.
#[doc(hidden)]
pub mod kinds {
    use super::*;

    pub const COUNTER: FieldKind = <Counter as MetricField>::__KIND;
    pub const INT_COUNTER: FieldKind = <IntCounter as MetricField>::__KIND;
    pub const GAUGE: FieldKind = <Gauge as MetricField>::__KIND;
    pub const INT_GAUGE: FieldKind = <IntGauge as MetricField>::__KIND;
    pub const HISTOGRAM: FieldKind = <Histogram as MetricField>::__KIND;
    pub const COUNTER_VEC: FieldKind = <CounterVec as MetricField>::__KIND;
    pub const INT_COUNTER_VEC: FieldKind = <IntCounterVec as MetricField>::__KIND;
    pub const GAUGE_VEC: FieldKind = <GaugeVec as MetricField>::__KIND;
    pub const INT_GAUGE_VEC: FieldKind = <IntGaugeVec as MetricField>::__KIND;
    pub const HISTOGRAM_VEC: FieldKind = <HistogramVec as MetricField>::__KIND;
}

// The typed-label spellings are met in `labels::typed_labels`, beside
// `Labeled`.

/// Fails to compile unless `T` is the type that spelling `S` stands for:
/// for a declaration with errors, which builds no fields, so that the
/// reason a rule was checked for the wrong type shows with it.
#[doc(hidden)]
pub const fn check_spelled<S, T: SpelledAs<S>>() {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::metric_type::MetricType;
    use crate::field::kind::LabelForm;

    #[test]
    fn each_name_stands_for_its_own_type_and_kind() {
        // A lie fails to compile: see the UI cases `type_spelling_misleads*`.
        check_spelled::<names::IntCounter, IntCounter>();
        check_spelled::<names::GaugeVec, GaugeVec>();
        check_spelled::<names::Histogram, Histogram>();
        let cases = [
            (kinds::COUNTER, MetricType::Counter, LabelForm::None),
            (kinds::INT_COUNTER, MetricType::Counter, LabelForm::None),
            (kinds::GAUGE, MetricType::Gauge, LabelForm::None),
            (kinds::INT_GAUGE, MetricType::Gauge, LabelForm::None),
            (kinds::HISTOGRAM, MetricType::Histogram, LabelForm::None),
            (kinds::COUNTER_VEC, MetricType::Counter, LabelForm::Names),
            (
                kinds::INT_COUNTER_VEC,
                MetricType::Counter,
                LabelForm::Names,
            ),
            (kinds::GAUGE_VEC, MetricType::Gauge, LabelForm::Names),
            (kinds::INT_GAUGE_VEC, MetricType::Gauge, LabelForm::Names),
            (
                kinds::HISTOGRAM_VEC,
                MetricType::Histogram,
                LabelForm::Names,
            ),
        ];
        for (kind, metric_type, labels) in cases {
            assert_eq!(kind.metric_type, metric_type);
            assert_eq!(kind.labels, labels);
            assert!(!kind.native);
        }
    }
}
