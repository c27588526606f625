//! The exposition formats, written by us: text 0.0.4 (byte for byte what
//! the `prometheus` crate's `TextEncoder` writes) and OpenMetrics 1.0.0,
//! into a caller's buffer.

use prometheus::proto::{self, LabelPair, Metric, MetricFamily, MetricType};

/// An exposition format a scraper can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// The Prometheus text format 0.0.4.
    Text,
    /// OpenMetrics 1.0.0 text: counter families named without `_total`,
    /// and `# EOF` at the end.
    OpenMetrics,
}

impl Format {
    /// The `Content-Type` of an exposition in this format.
    ///
    /// ```
    /// use prometheus_component::Format;
    /// assert_eq!(Format::Text.content_type(), "text/plain; version=0.0.4; charset=utf-8");
    /// ```
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain; version=0.0.4; charset=utf-8",
            Format::OpenMetrics => "application/openmetrics-text; version=1.0.0; charset=utf-8",
        }
    }
}

/// Appends `families` to `out` in `format`. Families without series are
/// left out, as the `prometheus` registry's own gathering does.
pub(crate) fn encode(families: &[MetricFamily], format: Format, out: &mut String) {
    for family in families.iter().filter(|f| !f.get_metric().is_empty()) {
        encode_family(family, format, out);
    }
    if format == Format::OpenMetrics {
        out.push_str("# EOF\n");
    }
}

fn encode_family(family: &MetricFamily, format: Format, out: &mut String) {
    let name = family.name();
    let metric_type = family.get_field_type();
    // OpenMetrics names a counter family without the `_total` its
    // samples carry.
    let family_name = match (format, metric_type) {
        (Format::OpenMetrics, MetricType::COUNTER) => name.strip_suffix("_total").unwrap_or(name),
        _ => name,
    };
    let help = family.help();
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
    out.push_str(type_name(metric_type, format));
    out.push('\n');
    for metric in family.get_metric() {
        match metric_type {
            MetricType::COUNTER => {
                let sample = match format {
                    Format::OpenMetrics => Sample::new(family_name, "_total"),
                    Format::Text => Sample::new(name, ""),
                };
                sample.write(metric, None, metric.get_counter().value(), out);
            }
            MetricType::GAUGE => {
                Sample::new(name, "").write(metric, None, metric.get_gauge().value(), out);
            }
            MetricType::HISTOGRAM => {
                let histogram = metric.get_histogram();
                let bucket = Sample::new(name, "_bucket");
                let mut inf_seen = false;
                for b in histogram.get_bucket() {
                    let bound = b.upper_bound();
                    let le = bound.to_string();
                    bucket.write(metric, Some(("le", &le)), b.cumulative_count() as f64, out);
                    inf_seen |= bound.is_sign_positive() && bound.is_infinite();
                }
                let count = histogram.get_sample_count() as f64;
                if !inf_seen {
                    bucket.write(metric, Some(("le", "+Inf")), count, out);
                }
                Sample::new(name, "_sum").write(metric, None, histogram.get_sample_sum(), out);
                Sample::new(name, "_count").write(metric, None, count, out);
            }
            MetricType::SUMMARY => {
                let summary = metric.get_summary();
                for q in summary.get_quantile() {
                    let quantile = q.quantile().to_string();
                    Sample::new(name, "").write(
                        metric,
                        Some(("quantile", &quantile)),
                        q.value(),
                        out,
                    );
                }
                Sample::new(name, "_sum").write(metric, None, summary.sample_sum(), out);
                let count = summary.sample_count() as f64;
                Sample::new(name, "_count").write(metric, None, count, out);
            }
            // Not produced by any collector of the `prometheus` crate; its
            // encoder gives up on it, we write the family's lines only.
            MetricType::UNTYPED => {}
        }
    }
}

fn type_name(metric_type: MetricType, format: Format) -> &'static str {
    match (metric_type, format) {
        (MetricType::COUNTER, _) => "counter",
        (MetricType::GAUGE, _) => "gauge",
        (MetricType::HISTOGRAM, _) => "histogram",
        (MetricType::SUMMARY, _) => "summary",
        (MetricType::UNTYPED, Format::Text) => "untyped",
        (MetricType::UNTYPED, Format::OpenMetrics) => "unknown",
    }
}

/// A sample line's name: the family's name and a suffix.
struct Sample<'a> {
    name: &'a str,
    suffix: &'static str,
}

impl<'a> Sample<'a> {
    fn new(name: &'a str, suffix: &'static str) -> Self {
        Sample { name, suffix }
    }

    fn write(&self, metric: &Metric, extra: Option<(&str, &str)>, value: f64, out: &mut String) {
        out.push_str(self.name);
        out.push_str(self.suffix);
        write_labels(metric.get_label(), extra, out);
        out.push(' ');
        // `f64`'s `Display`, as the `prometheus` crate's encoder writes it.
        out.push_str(&value.to_string());
        let timestamp = metric.timestamp_ms();
        if timestamp != 0 {
            out.push(' ');
            out.push_str(&timestamp.to_string());
        }
        out.push('\n');
    }
}

fn write_labels(pairs: &[LabelPair], extra: Option<(&str, &str)>, out: &mut String) {
    if pairs.is_empty() && extra.is_none() {
        return;
    }
    let mut separator = '{';
    let pairs = pairs.iter().map(|p| (p.name(), p.value())).chain(extra);
    for (name, value) in pairs {
        out.push(separator);
        out.push_str(name);
        out.push_str("=\"");
        escape_into(value, true, out);
        out.push('"');
        separator = ',';
    }
    out.push('}');
}

/// `\` and line feeds escaped, and `"` when `quote` says so.
fn escape_into(text: &str, quote: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '"' if quote => out.push_str("\\\""),
            c => out.push(c),
        }
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
trait ValueByPlainName {
    fn value(&self) -> f64;
}

/// `get_value()` where only `value()` exists.
#[allow(dead_code)] // called by the other, with the protobuf model only
trait ValueByProtobufName {
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
