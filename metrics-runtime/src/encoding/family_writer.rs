//! Writing a component's metric family straight from its field.
//!
//! A scrape through `gather()` copies every series into freshly allocated
//! protobuf-shaped structs (names, help, label pairs), merges them by name
//! and sorts them, before an encoder turns them into text. A component's
//! own field needs none of that: its name, help and labels are fixed, so
//! their text is written once, when the registry first encodes the field,
//! and each scrape only reads values. Scalars are read by their atomic
//! value, `Labeled` children likewise in a label order sorted once, and a
//! histogram by one snapshot. A `*Vec`'s children can only be reached
//! through `collect()`, so they are collected, sorted as `gather()` sorts
//! them, and written.
//!
//! The traits here are `pub` in a private module, so that sealed public
//! traits can name them without users seeing them.

use std::cmp::Ordering;
use std::sync::Arc;

use prometheus::core::Metric as _;
use prometheus::proto;
use prometheus::{Counter, Gauge, Histogram, IntCounter, IntGauge};

use crate::encoding::format::Format;
use crate::encoding::gathered::{self, label_pairs};
use crate::encoding::metric_type::MetricType;
use crate::encoding::protobuf_family::{self as pb, family_header, label_fields};
use crate::encoding::sample_line::{write_label_pairs, SampleLine, SampleValue};
use crate::exemplar::wrapper::Exemplars;
use crate::native::histogram::NativeHistogram;
use crate::native::snapshot::NativeHistogramSample;
use crate::timestamp::Timestamp;

/// A series' labels as `(name, value)` pairs, by name.
pub type LabelPairs = Vec<(String, String)>;

/// Writes one family of a component's field, header included, in every
/// format.
pub trait FamilyWriter: Send + Sync {
    /// Appends the family in a text format, unless it has no series; with
    /// a `_created` line after each counter or histogram series when
    /// `created` is given (OpenMetrics only).
    fn write_family(&self, format: Format, created: Option<Timestamp>, out: &mut String);

    /// Appends the family as one delimited `MetricFamily` message, unless
    /// it has no series; counters and histograms carry `created`.
    fn write_protobuf(&self, created: Option<Timestamp>, out: &mut Vec<u8>);

    /// The native histogram series of the family with their labels, for
    /// tests to read back; none for other types.
    fn native_samples(&self) -> Vec<(LabelPairs, NativeHistogramSample)> {
        Vec::new()
    }
}

/// A metric type whose series can be written from its own handle:
/// scalars by value, histograms by one snapshot.
pub trait SeriesValue: prometheus::core::Metric + Clone + Send + Sync + 'static {
    /// Appends the lines of this one series, named by `sample`.
    fn write_series(&self, sample: &SampleLine<'_>, format: Format, out: &mut String);

    /// Appends the value fields of this series' `Metric` message, with
    /// `created` if the type has a created timestamp.
    fn write_protobuf_value(&self, created: Option<Timestamp>, out: &mut Vec<u8>);

    /// What a native histogram holds; `None` for other types.
    fn native_sample(&self) -> Option<NativeHistogramSample> {
        None
    }
}

macro_rules! scalar_series {
    ($($ty:ty => $variant:ident, $protobuf:expr),* $(,)?) => {$(
        impl SeriesValue for $ty {
            fn write_series(&self, sample: &SampleLine<'_>, format: Format, out: &mut String) {
                sample.write(None, SampleValue::$variant(self.get()), format, out);
            }

            fn write_protobuf_value(&self, created: Option<Timestamp>, out: &mut Vec<u8>) {
                ($protobuf)(out, self.get() as f64, created);
            }
        }
    )*};
}

/// A gauge has no created timestamp.
fn gauge_value(out: &mut Vec<u8>, value: f64, _: Option<Timestamp>) {
    pb::gauge_value(out, value);
}

scalar_series!(
    IntCounter => Unsigned, pb::counter_value,
    Counter => Float, pb::counter_value,
    IntGauge => Signed, gauge_value,
    Gauge => Float, gauge_value,
);

impl SeriesValue for Histogram {
    fn write_series(&self, sample: &SampleLine<'_>, format: Format, out: &mut String) {
        let snapshot = self.metric();
        gathered::write_histogram(snapshot.get_histogram(), sample, |_| None, format, out);
    }

    fn write_protobuf_value(&self, created: Option<Timestamp>, out: &mut Vec<u8>) {
        let snapshot = self.metric();
        pb::gathered_value(out, &snapshot, proto::MetricType::HISTOGRAM, created, None);
    }
}

macro_rules! counter_with_exemplars {
    ($($ty:ty => $variant:ident),* $(,)?) => {$(
        impl SeriesValue for Exemplars<$ty> {
            fn write_series(&self, sample: &SampleLine<'_>, format: Format, out: &mut String) {
                let value = SampleValue::$variant(self.get());
                let exemplar = self.latest(0);
                sample.write_with_exemplar(None, value, exemplar.as_ref(), format, out);
            }

            fn write_protobuf_value(&self, created: Option<Timestamp>, out: &mut Vec<u8>) {
                let exemplar = self.latest(0);
                pb::counter_with_exemplar(out, self.get() as f64, created, exemplar.as_ref());
            }
        }
    )*};
}

counter_with_exemplars!(IntCounter => Unsigned, Counter => Float);

impl SeriesValue for Exemplars<Histogram> {
    fn write_series(&self, sample: &SampleLine<'_>, format: Format, out: &mut String) {
        let snapshot = self.metric();
        let exemplars = self.latest_per_cell();
        let exemplar_of = |index: usize| exemplars.get(index).cloned().flatten();
        gathered::write_histogram(snapshot.get_histogram(), sample, exemplar_of, format, out);
    }

    fn write_protobuf_value(&self, created: Option<Timestamp>, out: &mut Vec<u8>) {
        let snapshot = self.metric();
        let store = self.series_store();
        pb::gathered_value(out, &snapshot, proto::MetricType::HISTOGRAM, created, store);
    }
}

impl SeriesValue for NativeHistogram {
    fn write_series(&self, sample: &SampleLine<'_>, format: Format, out: &mut String) {
        let snapshot = self.snapshot();
        let classic = snapshot.classic.as_ref().map(|c| c.buckets.as_slice());
        let buckets = classic.unwrap_or_default();
        // The text shows the classic buckets (or `+Inf` alone): each
        // carries the latest exemplar whose value falls in it.
        let exemplars = self.exemplars();
        let exemplar_of = |index: usize| {
            exemplars
                .iter()
                .rev()
                .find(|e| buckets.partition_point(|&(bound, _)| bound < e.value) == index)
                .cloned()
        };
        gathered::write_histogram_lines(
            buckets.iter().copied(),
            snapshot.text_count(),
            snapshot.sum,
            sample,
            exemplar_of,
            format,
            out,
        );
    }

    fn write_protobuf_value(&self, created: Option<Timestamp>, out: &mut Vec<u8>) {
        pb::native_histogram_value(out, &self.snapshot(), created, &self.exemplars());
    }

    fn native_sample(&self) -> Option<NativeHistogramSample> {
        Some(self.snapshot().sample())
    }
}

/// The label pairs of one series, owned.
pub(crate) fn owned_pairs(series: &proto::Metric) -> LabelPairs {
    label_pairs(series)
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

/// The text a family repeats on every scrape, in each format.
pub(crate) struct FamilyText {
    /// The `# HELP` and `# TYPE` lines.
    headers: [String; 2],
    /// What each sample line starts with: for a counter in OpenMetrics,
    /// the family's name and `_total`; otherwise the metric's name.
    sample_names: [String; 2],
    /// The name, help and type fields of the protobuf message.
    protobuf_header: Vec<u8>,
    /// For a counter or histogram, the name of its OpenMetrics `_created`
    /// samples.
    created_name: Option<String>,
}

impl FamilyText {
    /// The text of the family `name` of type `metric_type`, with `help`.
    pub(crate) fn new(name: &str, help: &str, metric_type: MetricType) -> Self {
        let per_format = |format: Format| {
            let family_name = format.family_name(name, metric_type == MetricType::Counter);
            let mut header = String::new();
            gathered::write_header(family_name, help, metric_type.as_str(), format, &mut header);
            let sample_name = match (format, metric_type) {
                (Format::OpenMetrics, MetricType::Counter) => format!("{family_name}_total"),
                _ => name.to_owned(),
            };
            (header, sample_name)
        };
        let (text_header, text_sample) = per_format(Format::Text);
        let (om_header, om_sample) = per_format(Format::OpenMetrics);
        let protobuf_type = match metric_type {
            MetricType::Counter => proto::MetricType::COUNTER,
            MetricType::Gauge => proto::MetricType::GAUGE,
            MetricType::Histogram => proto::MetricType::HISTOGRAM,
        };
        let created_name = (metric_type != MetricType::Gauge).then(|| {
            let family_name =
                Format::OpenMetrics.family_name(name, metric_type == MetricType::Counter);
            format!("{family_name}_created")
        });
        FamilyText {
            headers: [text_header, om_header],
            sample_names: [text_sample, om_sample],
            protobuf_header: family_header(name, help, protobuf_type),
            created_name,
        }
    }

    /// Appends the `_created` line of the series whose labels are
    /// `labels`, for a counter or histogram when `created` is given.
    pub(crate) fn write_created(
        &self,
        labels: &str,
        created: Option<Timestamp>,
        format: Format,
        out: &mut String,
    ) {
        if let (Some(name), Some(created)) = (&self.created_name, created) {
            let line = SampleLine {
                name,
                suffix: "",
                labels,
                timestamp_ms: 0,
            };
            line.write(None, SampleValue::Float(created.as_seconds()), format, out);
        }
    }

    /// The fields of the protobuf message that precede its series.
    pub(crate) fn protobuf_header(&self) -> &[u8] {
        &self.protobuf_header
    }

    pub(crate) fn header(&self, format: Format) -> &str {
        &self.headers[format_index(format)]
    }

    /// The sample line of the series whose labels are `labels`.
    pub(crate) fn sample<'a>(&'a self, labels: &'a str, format: Format) -> SampleLine<'a> {
        SampleLine {
            name: &self.sample_names[format_index(format)],
            suffix: "",
            labels,
            timestamp_ms: 0,
        }
    }
}

fn format_index(format: Format) -> usize {
    match format {
        // Protobuf has no text; its writers never ask for it.
        Format::Text | Format::Protobuf => 0,
        Format::OpenMetrics => 1,
    }
}

/// A series' label pairs as protobuf `Metric.label` fields, read from the
/// series itself.
pub(crate) fn labels_protobuf(series: &proto::Metric) -> Vec<u8> {
    label_fields(label_pairs(series))
}

/// The label pairs of one series as sample lines write them, read from
/// the series itself so that their order is the `prometheus` crate's.
pub(crate) fn labels_text(series: &proto::Metric) -> String {
    let mut text = String::new();
    write_label_pairs(label_pairs(series), &mut text);
    text
}

/// An unlabelled field: one series.
pub(crate) struct SingleSeries<M> {
    metric: M,
    text: FamilyText,
    labels: String,
    labels_protobuf: Vec<u8>,
}

impl<M: SeriesValue> SingleSeries<M> {
    pub(crate) fn new(metric: &M, text: FamilyText) -> Self {
        let snapshot = metric.metric();
        SingleSeries {
            labels: labels_text(&snapshot),
            labels_protobuf: labels_protobuf(&snapshot),
            metric: metric.clone(),
            text,
        }
    }
}

impl<M: SeriesValue> FamilyWriter for SingleSeries<M> {
    fn write_family(&self, format: Format, created: Option<Timestamp>, out: &mut String) {
        out.push_str(self.text.header(format));
        let sample = self.text.sample(&self.labels, format);
        self.metric.write_series(&sample, format, out);
        self.text.write_created(&self.labels, created, format, out);
    }

    fn write_protobuf(&self, created: Option<Timestamp>, out: &mut Vec<u8>) {
        pb::family(out, self.text.protobuf_header(), |out| {
            pb::series(out, &self.labels_protobuf, |out| {
                self.metric.write_protobuf_value(created, out)
            });
        });
    }

    fn native_samples(&self) -> Vec<(LabelPairs, NativeHistogramSample)> {
        let labels = || owned_pairs(&self.metric.metric());
        self.metric
            .native_sample()
            .map(|s| (labels(), s))
            .into_iter()
            .collect()
    }
}

/// How `gather()` orders the series of a family: by their label values.
pub(crate) fn compare_label_values(a: &proto::Metric, b: &proto::Metric) -> Ordering {
    let (a, b) = (a.get_label(), b.get_label());
    a.len().cmp(&b.len()).then_with(|| {
        a.iter()
            .zip(b)
            .map(|(x, y)| x.value().cmp(y.value()))
            .find(|order| order.is_ne())
            .unwrap_or(Ordering::Equal)
    })
}

/// A `Labeled` field: every child, in the order `gather()` would sort
/// them, found once.
pub(crate) struct LabeledSeries<M> {
    children: Arc<[M]>,
    text: FamilyText,
    /// Each child's label pairs, in child order.
    labels: Vec<String>,
    /// The same as protobuf fields.
    labels_protobuf: Vec<Vec<u8>>,
    /// Child indices in exposition order.
    order: Vec<usize>,
}

impl<M: SeriesValue> LabeledSeries<M> {
    pub(crate) fn new(children: &Arc<[M]>, text: FamilyText) -> Self {
        let snapshots: Vec<proto::Metric> = children.iter().map(|c| c.metric()).collect();
        let mut order: Vec<usize> = (0..snapshots.len()).collect();
        order.sort_by(|&a, &b| compare_label_values(&snapshots[a], &snapshots[b]));
        LabeledSeries {
            children: children.clone(),
            text,
            labels: snapshots.iter().map(labels_text).collect(),
            labels_protobuf: snapshots.iter().map(labels_protobuf).collect(),
            order,
        }
    }
}

impl<M: SeriesValue> FamilyWriter for LabeledSeries<M> {
    fn write_family(&self, format: Format, created: Option<Timestamp>, out: &mut String) {
        if self.order.is_empty() {
            return;
        }
        out.push_str(self.text.header(format));
        for &index in &self.order {
            let sample = self.text.sample(&self.labels[index], format);
            self.children[index].write_series(&sample, format, out);
            self.text
                .write_created(&self.labels[index], created, format, out);
        }
    }

    fn write_protobuf(&self, created: Option<Timestamp>, out: &mut Vec<u8>) {
        if self.order.is_empty() {
            return;
        }
        pb::family(out, self.text.protobuf_header(), |out| {
            for &index in &self.order {
                pb::series(out, &self.labels_protobuf[index], |out| {
                    self.children[index].write_protobuf_value(created, out)
                });
            }
        });
    }

    fn native_samples(&self) -> Vec<(LabelPairs, NativeHistogramSample)> {
        self.children
            .iter()
            .filter_map(|child| Some((owned_pairs(&child.metric()), child.native_sample()?)))
            .collect()
    }
}
