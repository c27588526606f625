//! Families gathered through `prometheus` (foreign collectors, wrapped
//! registries), written by us in text 0.0.4 (byte for byte what the
//! `prometheus` crate's `TextEncoder` writes) or OpenMetrics 1.0.0, into a
//! caller's buffer.

use prometheus::proto::{self, MetricFamily, MetricType};

use crate::encoding::format::Format;
use crate::encoding::sample_line::{escape_into, write_label_pairs, SampleLine, SampleValue};
use crate::exemplar::cell::SeriesExemplars;
use crate::exemplar::recorded::Exemplar;
use crate::timestamp::Timestamp;

/// Appends `families` to `out` in `format`. Families without series are
/// left out, as the `prometheus` registry's own gathering does.
#[cfg(test)]
pub(crate) fn encode(families: &[MetricFamily], format: Format, out: &mut String) {
    for family in families {
        encode_family(family, format, None, out);
    }
    format.write_end(out);
}

/// Appends one gathered family, unless it has no series.
/// With a `_created` line of `created` after each counter, summary and
/// histogram series when it is given.
pub(crate) fn encode_family(
    family: &MetricFamily,
    format: Format,
    created: Option<Timestamp>,
    out: &mut String,
) {
    if family.get_metric().is_empty() {
        return;
    }
    let name = family.name();
    let metric_type = family.get_field_type();
    let family_name = format.family_name(name, metric_type == MetricType::COUNTER);
    write_header(
        family_name,
        family.help(),
        type_name(metric_type, format),
        format,
        out,
    );
    let (sample_name, sample_suffix) = match (format, metric_type) {
        (Format::OpenMetrics, MetricType::COUNTER) => (family_name, "_total"),
        _ => (name, ""),
    };
    let mut labels = String::new();
    for metric in family.get_metric() {
        labels.clear();
        write_label_pairs(label_pairs(metric), &mut labels);
        let sample = SampleLine {
            name: sample_name,
            suffix: sample_suffix,
            labels: &labels,
            timestamp_ms: metric.timestamp_ms(),
        };
        write_series(metric, metric_type, &sample, format, out);
        if let (Some(created), MetricType::COUNTER | MetricType::SUMMARY | MetricType::HISTOGRAM) =
            (created, metric_type)
        {
            let line = SampleLine {
                name: family_name,
                suffix: "_created",
                labels: &labels,
                timestamp_ms: 0,
            };
            line.write(None, SampleValue::Float(created.as_seconds()), format, out);
        }
    }
}

/// The `(name, value)` label pairs of one gathered series.
pub(crate) fn label_pairs(series: &proto::Metric) -> impl Iterator<Item = (&str, &str)> {
    series.get_label().iter().map(|p| (p.name(), p.value()))
}

/// The lines of one gathered series of type `metric_type`, `sample`
/// naming it (for a counter in OpenMetrics, with its `_total`).
pub(crate) fn write_series(
    metric: &proto::Metric,
    metric_type: MetricType,
    sample: &SampleLine<'_>,
    format: Format,
    out: &mut String,
) {
    write_series_with_exemplars(metric, metric_type, sample, None, format, out);
}

/// [`write_series`], with the latest exemplars of a series that keeps
/// them: a counter's on its line, a histogram's on their buckets' lines.
pub(crate) fn write_series_with_exemplars(
    metric: &proto::Metric,
    metric_type: MetricType,
    sample: &SampleLine<'_>,
    exemplars: Option<&SeriesExemplars>,
    format: Format,
    out: &mut String,
) {
    let line = |suffix| SampleLine { suffix, ..*sample };
    let latest = |cell| exemplars.and_then(|e| e.latest(cell));
    match metric_type {
        MetricType::COUNTER => {
            let value = SampleValue::Float(metric.get_counter().value());
            sample.write_with_exemplar(None, value, latest(0).as_ref(), format, out);
        }
        MetricType::GAUGE => {
            let value = SampleValue::Float(metric.get_gauge().value());
            sample.write(None, value, format, out);
        }
        MetricType::HISTOGRAM => {
            write_histogram(metric.get_histogram(), sample, latest, format, out)
        }
        MetricType::SUMMARY => {
            let summary = metric.get_summary();
            let mut quantile = String::new();
            for q in summary.get_quantile() {
                quantile.clear();
                SampleValue::Float(q.quantile()).write(format, &mut quantile);
                let value = SampleValue::Float(q.value());
                sample.write(Some(("quantile", &quantile)), value, format, out);
            }
            let sum = SampleValue::Float(summary.sample_sum());
            line("_sum").write(None, sum, format, out);
            let count = SampleValue::Unsigned(summary.sample_count());
            line("_count").write(None, count, format, out);
        }
        // Not produced by any collector of the `prometheus` crate; its
        // encoder gives up on it, we write the family's lines only.
        MetricType::UNTYPED => {}
    }
}

/// The `# HELP` (when there is help) and `# TYPE` lines of a family.
pub(crate) fn write_header(
    family_name: &str,
    help: &str,
    type_name: &str,
    format: Format,
    out: &mut String,
) {
    if !help.is_empty() {
        out.push_str("# HELP ");
        out.push_str(family_name);
        out.push(' ');
        // OpenMetrics escapes `"` in help too; text 0.0.4 does not.
        escape_into(help, format == Format::OpenMetrics, out);
        out.push('\n');
    }
    out.push_str("# TYPE ");
    out.push_str(family_name);
    out.push(' ');
    out.push_str(type_name);
    out.push('\n');
}

/// The bucket, sum and count lines of one histogram series, `sample`
/// naming the series (its suffix is replaced).
pub(crate) fn write_histogram(
    histogram: &proto::Histogram,
    sample: &SampleLine<'_>,
    exemplar_of: impl Fn(usize) -> Option<Exemplar>,
    format: Format,
    out: &mut String,
) {
    let buckets = histogram.get_bucket().iter();
    write_histogram_lines(
        buckets.map(|b| (b.upper_bound(), b.cumulative_count())),
        histogram.get_sample_count(),
        histogram.get_sample_sum(),
        sample,
        exemplar_of,
        format,
        out,
    );
}

/// The lines of a histogram series from its cumulative `buckets`, `count`
/// and `sum`; the `+Inf` bucket is added unless `buckets` has it. Bucket
/// `i` (the added `+Inf` one being `buckets`' length) carries the
/// exemplar `exemplar_of(i)` in OpenMetrics.
pub(crate) fn write_histogram_lines(
    buckets: impl Iterator<Item = (f64, u64)>,
    count: u64,
    sum: f64,
    sample: &SampleLine<'_>,
    exemplar_of: impl Fn(usize) -> Option<Exemplar>,
    format: Format,
    out: &mut String,
) {
    let line = |suffix| SampleLine { suffix, ..*sample };
    let bucket = line("_bucket");
    let mut bound_text = String::new();
    let mut inf_seen = false;
    let mut written = 0;
    for (index, (bound, cumulative)) in buckets.enumerate() {
        bound_text.clear();
        SampleValue::Float(bound).write(format, &mut bound_text);
        let cumulative = SampleValue::Unsigned(cumulative);
        let exemplar = exemplar_of(index);
        let le = Some(("le", bound_text.as_str()));
        bucket.write_with_exemplar(le, cumulative, exemplar.as_ref(), format, out);
        inf_seen |= bound.is_sign_positive() && bound.is_infinite();
        written = index + 1;
    }
    let count = SampleValue::Unsigned(count);
    if !inf_seen {
        let exemplar = exemplar_of(written);
        bucket.write_with_exemplar(Some(("le", "+Inf")), count, exemplar.as_ref(), format, out);
    }
    line("_sum").write(None, SampleValue::Float(sum), format, out);
    line("_count").write(None, count, format, out);
}

/// The word a format's `# TYPE` line uses for a gathered family's type.
pub(crate) fn type_name(metric_type: MetricType, format: Format) -> &'static str {
    match (metric_type, format) {
        (MetricType::COUNTER, _) => "counter",
        (MetricType::GAUGE, _) => "gauge",
        (MetricType::HISTOGRAM, _) => "histogram",
        (MetricType::SUMMARY, _) => "summary",
        (MetricType::UNTYPED, Format::OpenMetrics) => "unknown",
        (MetricType::UNTYPED, _) => "untyped",
    }
}

// A counter's or gauge's value is `value()` in the protobuf-shaped data
// model (`prometheus`'s `protobuf` feature, which any crate in the build
// may turn on) and `get_value()` in the plain one; the other name does not
// exist. Each trait below gives a type the name it lacks, in terms of the
// one it has: an inherent method always wins over a trait's, so neither
// ever calls itself, and the code compiles with either model.

/// `value()` where only `get_value()` exists.
#[allow(dead_code)] // unused with the protobuf model
pub(crate) trait ValueByPlainName {
    fn value(&self) -> f64;
}

/// `get_value()` where only `value()` exists.
#[allow(dead_code)] // called by the other, with the protobuf model only
pub(crate) trait ValueByProtobufName {
    fn get_value(&self) -> f64;
}

macro_rules! either_value_name {
    ($($ty:ty),*) => {$(
        impl ValueByPlainName for $ty {
            fn value(&self) -> f64 {
                self.get_value()
            }
        }
        impl ValueByProtobufName for $ty {
            fn get_value(&self) -> f64 {
                self.value()
            }
        }
    )*};
}

either_value_name!(proto::Counter, proto::Gauge);

#[cfg(test)]
mod tests {
    use prometheus::core::Collector;
    use prometheus::{
        Counter, CounterVec, Encoder, Gauge, GaugeVec, Histogram, HistogramOpts, HistogramVec,
        IntCounter, Opts, TextEncoder,
    };

    use super::*;

    const HOSTILE: &str = "back\\slash \"quoted\" new\nline tab\t ünïcode {}=,";

    fn hostile_registry() -> prometheus::Registry {
        let registry = prometheus::Registry::new();
        let mut collectors: Vec<Box<dyn Collector>> = Vec::new();
        let counter =
            Counter::with_opts(Opts::new("a_total", HOSTILE).const_label("c", HOSTILE)).unwrap();
        counter.inc_by(1.5);
        collectors.push(Box::new(counter));
        let int_counter = IntCounter::new("b_total", "Plain help.").unwrap();
        int_counter.inc_by(7);
        collectors.push(Box::new(int_counter));
        let counters = CounterVec::new(Opts::new("c_total", "By label."), &["l"]).unwrap();
        counters.with_label_values(&[HOSTILE]).inc();
        counters.with_label_values(&[""]).inc_by(2.0);
        collectors.push(Box::new(counters));
        let gauge = Gauge::new("d", HOSTILE).unwrap();
        gauge.set(-0.000_125);
        collectors.push(Box::new(gauge));
        let gauges = GaugeVec::new(Opts::new("e", "Extremes."), &["v"]).unwrap();
        gauges.with_label_values(&["inf"]).set(f64::INFINITY);
        gauges.with_label_values(&["ninf"]).set(f64::NEG_INFINITY);
        gauges.with_label_values(&["nan"]).set(f64::NAN);
        gauges.with_label_values(&["big"]).set(1e300);
        collectors.push(Box::new(gauges));
        let histogram =
            Histogram::with_opts(HistogramOpts::new("f_seconds", "Times.").buckets(vec![0.1, 1.0]))
                .unwrap();
        histogram.observe(0.05);
        histogram.observe(5.0);
        collectors.push(Box::new(histogram));
        let histograms =
            HistogramVec::new(HistogramOpts::new("g_seconds", HOSTILE), &["route"]).unwrap();
        histograms.with_label_values(&["/a\"b"]).observe(0.3);
        collectors.push(Box::new(histograms));
        let empty = CounterVec::new(Opts::new("h_total", "No children."), &["l"]).unwrap();
        collectors.push(Box::new(empty));
        for collector in collectors {
            registry.register(collector).unwrap();
        }
        registry
    }

    #[test]
    fn text_is_byte_for_byte_what_the_prometheus_text_encoder_writes() {
        let families = hostile_registry().gather();
        let mut theirs = Vec::new();
        TextEncoder::new().encode(&families, &mut theirs).unwrap();
        let mut ours = String::new();
        encode(&families, Format::Text, &mut ours);
        assert_eq!(ours, String::from_utf8(theirs).unwrap());
        assert!(ours.contains("# HELP a_total back\\\\slash \"quoted\" new\\nline"));
    }

    #[test]
    fn open_metrics_names_counter_families_without_total_and_ends_with_eof() {
        let families = hostile_registry().gather();
        let mut out = String::new();
        encode(&families, Format::OpenMetrics, &mut out);
        assert!(
            out.contains("# HELP a back\\\\slash \\\"quoted\\\" new\\nline"),
            "{out}"
        );
        assert!(
            out.contains("# TYPE a counter\na_total{c=\"back\\\\slash"),
            "{out}"
        );
        assert!(out.contains("# TYPE b counter\nb_total 7\n"), "{out}");
        assert!(
            out.contains("# TYPE f_seconds histogram\nf_seconds_bucket{le=\"0.1\"} 1\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "f_seconds_bucket{le=\"+Inf\"} 2\nf_seconds_sum 5.05\nf_seconds_count 2\n"
            ),
            "{out}"
        );
        assert!(out.ends_with("# EOF\n"));
        assert!(
            !out.contains("h_total"),
            "families without series are left out"
        );
        let mut buffer = String::from("kept ");
        encode(&families, Format::OpenMetrics, &mut buffer);
        assert!(
            buffer.starts_with("kept # HELP"),
            "appends to the caller's buffer"
        );
    }
}
