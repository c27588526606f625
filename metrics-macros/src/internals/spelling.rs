//! What a field's type is when it is written as one of the `prometheus`
//! types: `IntCounter`, `prometheus::HistogramVec`, `Labeled<Gauge, Method>`.
//!
//! For such a field the macro checks labels, buckets and `_total` itself,
//! which costs the compiler nothing, and the descriptor it generates fails
//! compilation should the type turn out to be another one (a misleading
//! alias, a type of the same name). Any other spelling, an alias of another
//! name say, is checked by const items instead (`field_types`).

use syn::{GenericArgument, PathArguments, Type};

/// The Prometheus type of a metric type.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum MetricType {
    Counter,
    Gauge,
    Histogram,
}

/// How a metric type takes variable labels.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum LabelForm {
    /// `Counter`, `IntCounter`, `Gauge`, `IntGauge`, `Histogram`.
    None,
    /// The `*Vec` types: label names as strings.
    Names,
    /// `Labeled<M, L>`: label names with their value types.
    Typed,
}

/// A field type the macro recognised by its spelling.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) struct Spelled {
    pub(crate) metric_type: MetricType,
    pub(crate) labels: LabelForm,
    /// The `prometheus` type named, for the types without a label set
    /// (`IntCounter`, `HistogramVec`); `None` for `Labeled<M, L>`.
    pub(crate) exact: Option<&'static str>,
}

impl Spelled {
    /// The runtime's marker of this spelling (`field::spelled::names`):
    /// the type's own name, or `TypedCounter`, `TypedGauge` and
    /// `TypedHistogram` for typed labels.
    pub(crate) fn marker(self) -> &'static str {
        self.exact.unwrap_or_else(|| self.variant())
    }

    /// The runtime's constant of the kind of the type named
    /// (`field::spelled::kinds`), for the types without a label set.
    pub(crate) fn kind_const(self) -> Option<&'static str> {
        Some(match self.exact? {
            "Counter" => "COUNTER",
            "IntCounter" => "INT_COUNTER",
            "Gauge" => "GAUGE",
            "IntGauge" => "INT_GAUGE",
            "Histogram" => "HISTOGRAM",
            "CounterVec" => "COUNTER_VEC",
            "IntCounterVec" => "INT_COUNTER_VEC",
            "GaugeVec" => "GAUGE_VEC",
            "IntGaugeVec" => "INT_GAUGE_VEC",
            "HistogramVec" => "HISTOGRAM_VEC",
            _ => return None,
        })
    }

    /// The spelling's name as the runtime's markers have it, merging the
    /// integer and float forms: `Counter`, `CounterVec`, `TypedCounter`.
    fn variant(self) -> &'static str {
        use LabelForm as L;
        use MetricType as T;
        match (self.metric_type, self.labels) {
            (T::Counter, L::None) => "Counter",
            (T::Gauge, L::None) => "Gauge",
            (T::Histogram, L::None) => "Histogram",
            (T::Counter, L::Names) => "CounterVec",
            (T::Gauge, L::Names) => "GaugeVec",
            (T::Histogram, L::Names) => "HistogramVec",
            (T::Counter, L::Typed) => "TypedCounter",
            (T::Gauge, L::Typed) => "TypedGauge",
            (T::Histogram, L::Typed) => "TypedHistogram",
        }
    }
}

/// The metric type `ty` is written as, if it is written as one.
pub(crate) fn of(ty: &Type) -> Option<Spelled> {
    let (name, arguments) = last_segment(ty)?;
    if name == "Labeled" {
        let PathArguments::AngleBracketed(arguments) = arguments else {
            return None;
        };
        let mut types = arguments.args.iter().filter_map(|argument| match argument {
            GenericArgument::Type(ty) => Some(ty),
            _ => None,
        });
        let metric = of(types.next()?)?;
        return (metric.labels == LabelForm::None
            && types.next().is_some()
            && types.next().is_none())
        .then_some(Spelled {
            labels: LabelForm::Typed,
            exact: None,
            ..metric
        });
    }
    if !arguments.is_empty() {
        return None;
    }
    let (exact, metric_type, labels) = match name.as_str() {
        "Counter" => ("Counter", MetricType::Counter, LabelForm::None),
        "IntCounter" => ("IntCounter", MetricType::Counter, LabelForm::None),
        "Gauge" => ("Gauge", MetricType::Gauge, LabelForm::None),
        "IntGauge" => ("IntGauge", MetricType::Gauge, LabelForm::None),
        "Histogram" => ("Histogram", MetricType::Histogram, LabelForm::None),
        "CounterVec" => ("CounterVec", MetricType::Counter, LabelForm::Names),
        "IntCounterVec" => ("IntCounterVec", MetricType::Counter, LabelForm::Names),
        "GaugeVec" => ("GaugeVec", MetricType::Gauge, LabelForm::Names),
        "IntGaugeVec" => ("IntGaugeVec", MetricType::Gauge, LabelForm::Names),
        "HistogramVec" => ("HistogramVec", MetricType::Histogram, LabelForm::Names),
        _ => return None,
    };
    Some(Spelled {
        metric_type,
        labels,
        exact: Some(exact),
    })
}

/// The last segment of a plain path type, seen through the parentheses and
/// invisible groups that macros wrap types in.
fn last_segment(ty: &Type) -> Option<(String, &PathArguments)> {
    match ty {
        Type::Group(group) => last_segment(&group.elem),
        Type::Paren(paren) => last_segment(&paren.elem),
        Type::Path(path) if path.qself.is_none() => {
            let segment = path.path.segments.last()?;
            Some((segment.ident.to_string(), &segment.arguments))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(src: &str) -> Option<(MetricType, LabelForm)> {
        let ty: Type = syn::parse_str(src).expect("a type");
        of(&ty).map(|s| (s.metric_type, s.labels))
    }

    #[test]
    fn recognises_the_prometheus_types_by_any_path() {
        assert_eq!(
            spelled("IntCounter"),
            Some((MetricType::Counter, LabelForm::None))
        );
        assert_eq!(
            spelled("::prometheus::Gauge"),
            Some((MetricType::Gauge, LabelForm::None))
        );
        assert_eq!(
            spelled("prometheus_component::prometheus::HistogramVec"),
            Some((MetricType::Histogram, LabelForm::Names))
        );
        assert_eq!(
            spelled("(IntGaugeVec)"),
            Some((MetricType::Gauge, LabelForm::Names))
        );
    }

    #[test]
    fn recognises_typed_labels_of_a_plain_metric() {
        assert_eq!(
            spelled("Labeled<IntCounter, (Method, Class)>"),
            Some((MetricType::Counter, LabelForm::Typed))
        );
        assert_eq!(
            spelled("prometheus_component::Labeled<Histogram, Method>"),
            Some((MetricType::Histogram, LabelForm::Typed))
        );
        assert_eq!(spelled("Labeled<IntCounterVec, Method>"), None);
        assert_eq!(spelled("Labeled<IntCounter>"), None);
        assert_eq!(spelled("Labeled<Requests, Method>"), None);
    }

    #[test]
    fn leaves_other_spellings_to_the_compiler() {
        assert_eq!(spelled("Requests"), None);
        assert_eq!(spelled("IntCounter<u8>"), None);
        assert_eq!(spelled("<X as Trait>::IntCounter"), None);
        assert_eq!(spelled("&IntCounter"), None);
        assert_eq!(spelled("u64"), None);
    }
}
