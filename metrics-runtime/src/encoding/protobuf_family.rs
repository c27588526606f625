//! `io.prometheus.client.MetricFamily` messages, delimited as Prometheus
//! scrapes them: for gathered families (foreign collectors, wrapped
//! registries, `*Vec` children), for our own series from their values,
//! and for native histograms, which only this format carries.

use prometheus::proto::{self, MetricFamily, MetricType};

// `value()` by either of `prometheus`'s data models (see `gathered`).
#[allow(unused_imports)]
use crate::encoding::gathered::ValueByPlainName as _;
use crate::encoding::protobuf::{
    bytes, double, int, length_prefixed, nested, packed_sint, sint, uint,
};
use crate::exemplar::cell::SeriesExemplars;
use crate::exemplar::recorded::Exemplar;
use crate::native::snapshot::NativeSnapshot;
use crate::timestamp::Timestamp;

// Field numbers of `metrics.proto`.
const FAMILY_NAME: u32 = 1;
const FAMILY_HELP: u32 = 2;
const FAMILY_TYPE: u32 = 3;
const FAMILY_METRIC: u32 = 4;
const METRIC_LABEL: u32 = 1;
const METRIC_GAUGE: u32 = 2;
const METRIC_COUNTER: u32 = 3;
const METRIC_SUMMARY: u32 = 4;
const METRIC_UNTYPED: u32 = 5;
const METRIC_TIMESTAMP_MS: u32 = 6;
const METRIC_HISTOGRAM: u32 = 7;
const LABEL_NAME: u32 = 1;
const LABEL_VALUE: u32 = 2;
/// `Gauge.value`, `Counter.value` and `Untyped.value`.
const VALUE: u32 = 1;
const SAMPLE_COUNT: u32 = 1;
const SAMPLE_SUM: u32 = 2;
const SUMMARY_QUANTILE: u32 = 3;
const QUANTILE_QUANTILE: u32 = 1;
const QUANTILE_VALUE: u32 = 2;
const HISTOGRAM_BUCKET: u32 = 3;
const HISTOGRAM_SCHEMA: u32 = 5;
const HISTOGRAM_ZERO_THRESHOLD: u32 = 6;
const HISTOGRAM_ZERO_COUNT: u32 = 7;
const HISTOGRAM_NEGATIVE_SPAN: u32 = 9;
const HISTOGRAM_NEGATIVE_DELTA: u32 = 10;
const HISTOGRAM_POSITIVE_SPAN: u32 = 12;
const HISTOGRAM_POSITIVE_DELTA: u32 = 13;
const COUNTER_EXEMPLAR: u32 = 2;
const COUNTER_CREATED: u32 = 3;
const BUCKET_EXEMPLAR: u32 = 3;
const HISTOGRAM_EXEMPLARS: u32 = 16;
const EXEMPLAR_LABEL: u32 = 1;
const EXEMPLAR_VALUE: u32 = 2;
const EXEMPLAR_TIMESTAMP: u32 = 3;
const SUMMARY_CREATED: u32 = 4;
const HISTOGRAM_CREATED: u32 = 15;
const TIMESTAMP_SECONDS: u32 = 1;
const TIMESTAMP_NANOS: u32 = 2;
const BUCKET_CUMULATIVE_COUNT: u32 = 1;
const BUCKET_UPPER_BOUND: u32 = 2;
const SPAN_OFFSET: u32 = 1;
const SPAN_LENGTH: u32 = 2;

/// The fields of a family that come before its series: name, help, type.
pub(crate) fn family_header(name: &str, help: &str, metric_type: MetricType) -> Vec<u8> {
    let mut out = Vec::new();
    bytes(&mut out, FAMILY_NAME, name.as_bytes());
    if !help.is_empty() {
        bytes(&mut out, FAMILY_HELP, help.as_bytes());
    }
    uint(&mut out, FAMILY_TYPE, metric_type as u64);
    out
}

/// A series' label pairs, as the fields of its `Metric` message.
pub(crate) fn label_fields<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, value) in pairs {
        nested(&mut out, METRIC_LABEL, |out| {
            bytes(out, LABEL_NAME, name.as_bytes());
            bytes(out, LABEL_VALUE, value.as_bytes());
        });
    }
    out
}

/// One family of the delimited stream: `header`, then the `Metric`
/// messages `write_series` appends with [`series`].
pub(crate) fn family(out: &mut Vec<u8>, header: &[u8], write_series: impl FnOnce(&mut Vec<u8>)) {
    length_prefixed(out, |out| {
        out.extend_from_slice(header);
        write_series(out);
    });
}

/// One `Metric` message: its label fields, then what `write_value` appends.
pub(crate) fn series(out: &mut Vec<u8>, labels: &[u8], write_value: impl FnOnce(&mut Vec<u8>)) {
    nested(out, FAMILY_METRIC, |out| {
        out.extend_from_slice(labels);
        write_value(out);
    });
}

/// A counter's value, and when it started at zero if that is known.
pub(crate) fn counter_value(out: &mut Vec<u8>, value: f64, created: Option<Timestamp>) {
    counter_with_exemplar(out, value, created, None);
}

/// A counter's value, its latest exemplar, and when it started at zero.
pub(crate) fn counter_with_exemplar(
    out: &mut Vec<u8>,
    value: f64,
    created: Option<Timestamp>,
    exemplar: Option<&Exemplar>,
) {
    nested(out, METRIC_COUNTER, |out| {
        double(out, VALUE, value);
        if let Some(exemplar) = exemplar {
            exemplar_message(out, COUNTER_EXEMPLAR, exemplar);
        }
        created_timestamp(out, COUNTER_CREATED, created);
    });
}

/// A `google.protobuf.Timestamp` field, if there is a time.
fn created_timestamp(out: &mut Vec<u8>, field: u32, created: Option<Timestamp>) {
    if let Some(created) = created {
        timestamp_message(out, field, created);
    }
}

fn timestamp_message(out: &mut Vec<u8>, field: u32, time: Timestamp) {
    nested(out, field, |out| {
        int(out, TIMESTAMP_SECONDS, time.seconds);
        int(out, TIMESTAMP_NANOS, i64::from(time.nanos));
    });
}

/// An `Exemplar` message: its labels, value and timestamp.
fn exemplar_message(out: &mut Vec<u8>, field: u32, exemplar: &Exemplar) {
    nested(out, field, |out| {
        for (name, value) in exemplar.label_pairs() {
            nested(out, EXEMPLAR_LABEL, |out| {
                bytes(out, LABEL_NAME, name.as_bytes());
                bytes(out, LABEL_VALUE, value.as_bytes());
            });
        }
        double(out, EXEMPLAR_VALUE, exemplar.value);
        timestamp_message(out, EXEMPLAR_TIMESTAMP, exemplar.timestamp());
    });
}

/// A gauge's value.
pub(crate) fn gauge_value(out: &mut Vec<u8>, value: f64) {
    nested(out, METRIC_GAUGE, |out| double(out, VALUE, value));
}

/// Appends a gathered family, unless it has no series.
pub(crate) fn encode_gathered(
    family_message: &MetricFamily,
    created: Option<Timestamp>,
    out: &mut Vec<u8>,
) {
    if family_message.get_metric().is_empty() {
        return;
    }
    let metric_type = family_message.get_field_type();
    let header = family_header(family_message.name(), family_message.help(), metric_type);
    family(out, &header, |out| {
        for metric in family_message.get_metric() {
            gathered_series(out, metric, metric_type, created);
        }
    });
}

/// One gathered series as a `Metric` message, with its created time if
/// it is known.
pub(crate) fn gathered_series(
    out: &mut Vec<u8>,
    metric: &proto::Metric,
    metric_type: MetricType,
    created: Option<Timestamp>,
) {
    let labels = label_fields(metric.get_label().iter().map(|p| (p.name(), p.value())));
    series(out, &labels, |out| {
        gathered_value(out, metric, metric_type, created, None)
    });
}

/// The value fields of a gathered series, with the created time of a
/// counter, summary or histogram if it is known, and its exemplars if it
/// keeps any.
pub(crate) fn gathered_value(
    out: &mut Vec<u8>,
    metric: &proto::Metric,
    metric_type: MetricType,
    created: Option<Timestamp>,
    exemplars: Option<&SeriesExemplars>,
) {
    let latest = |cell| exemplars.and_then(|e| e.latest(cell));
    match metric_type {
        MetricType::COUNTER => {
            let value = metric.get_counter().value();
            counter_with_exemplar(out, value, created, latest(0).as_ref())
        }
        MetricType::GAUGE => gauge_value(out, metric.get_gauge().value()),
        // No collector of the `prometheus` crate makes one, and the two
        // data models of `prometheus` read it differently: written
        // without a value, as the text encoders write no sample for it.
        MetricType::UNTYPED => nested(out, METRIC_UNTYPED, |_| {}),
        MetricType::SUMMARY => {
            let summary = metric.get_summary();
            nested(out, METRIC_SUMMARY, |out| {
                uint(out, SAMPLE_COUNT, summary.sample_count());
                double(out, SAMPLE_SUM, summary.sample_sum());
                for q in summary.get_quantile() {
                    nested(out, SUMMARY_QUANTILE, |out| {
                        double(out, QUANTILE_QUANTILE, q.quantile());
                        double(out, QUANTILE_VALUE, q.value());
                    });
                }
                created_timestamp(out, SUMMARY_CREATED, created);
            });
        }
        MetricType::HISTOGRAM => {
            let histogram = metric.get_histogram();
            nested(out, METRIC_HISTOGRAM, |out| {
                uint(out, SAMPLE_COUNT, histogram.get_sample_count());
                double(out, SAMPLE_SUM, histogram.get_sample_sum());
                let buckets = histogram.get_bucket().iter();
                classic_buckets(
                    out,
                    buckets.map(|b| (b.upper_bound(), b.cumulative_count())),
                    latest,
                );
                created_timestamp(out, HISTOGRAM_CREATED, created);
            });
        }
    }
    if metric.timestamp_ms() != 0 {
        int(out, METRIC_TIMESTAMP_MS, metric.timestamp_ms());
    }
}

/// The classic buckets, each with the exemplar `exemplar_of` gives its
/// index.
fn classic_buckets(
    out: &mut Vec<u8>,
    buckets: impl Iterator<Item = (f64, u64)>,
    exemplar_of: impl Fn(usize) -> Option<Exemplar>,
) {
    for (index, (bound, count)) in buckets.enumerate() {
        nested(out, HISTOGRAM_BUCKET, |out| {
            uint(out, BUCKET_CUMULATIVE_COUNT, count);
            double(out, BUCKET_UPPER_BOUND, bound);
            if let Some(exemplar) = exemplar_of(index) {
                exemplar_message(out, BUCKET_EXEMPLAR, &exemplar);
            }
        });
    }
}

/// A native histogram's value: count, sum, its classic buckets if it
/// has any, and its native buckets as spans and deltas.
pub(crate) fn native_histogram_value(
    out: &mut Vec<u8>,
    snapshot: &NativeSnapshot,
    created: Option<Timestamp>,
    exemplars: &[Exemplar],
) {
    nested(out, METRIC_HISTOGRAM, |out| {
        uint(out, SAMPLE_COUNT, snapshot.exposed_count());
        double(out, SAMPLE_SUM, snapshot.sum);
        if let Some(classic) = &snapshot.classic {
            // Each exemplar also on the classic bucket of its value.
            let bounds = &classic.buckets;
            let exemplar_of = |index: usize| {
                exemplars
                    .iter()
                    .rev()
                    .find(|e| bounds.partition_point(|&(b, _)| b < e.value) == index)
                    .cloned()
            };
            classic_buckets(out, bounds.iter().copied(), exemplar_of);
        }
        created_timestamp(out, HISTOGRAM_CREATED, created);
        sint(out, HISTOGRAM_SCHEMA, i64::from(snapshot.schema));
        double(out, HISTOGRAM_ZERO_THRESHOLD, snapshot.zero_threshold);
        uint(out, HISTOGRAM_ZERO_COUNT, snapshot.zero_count);
        let sides = [
            (
                &snapshot.negative,
                HISTOGRAM_NEGATIVE_SPAN,
                HISTOGRAM_NEGATIVE_DELTA,
            ),
            (
                &snapshot.positive,
                HISTOGRAM_POSITIVE_SPAN,
                HISTOGRAM_POSITIVE_DELTA,
            ),
        ];
        for (buckets, span_field, delta_field) in sides {
            if buckets.is_empty() {
                continue;
            }
            for (offset, length) in spans(buckets) {
                nested(out, span_field, |out| {
                    sint(out, SPAN_OFFSET, i64::from(offset));
                    uint(out, SPAN_LENGTH, u64::from(length));
                });
            }
            packed_sint(out, delta_field, deltas(buckets));
        }
        for exemplar in exemplars {
            exemplar_message(out, HISTOGRAM_EXEMPLARS, exemplar);
        }
        // Without buckets or a zero threshold, a native histogram would
        // read as a classic one: `metrics.proto` asks for a no-op span.
        if snapshot.positive.is_empty()
            && snapshot.negative.is_empty()
            && snapshot.zero_threshold == 0.0
        {
            nested(out, HISTOGRAM_POSITIVE_SPAN, |out| {
                sint(out, SPAN_OFFSET, 0);
                uint(out, SPAN_LENGTH, 0);
            });
        }
    });
}

/// The spans of `buckets` (sorted by index, none empty): runs of
/// consecutive indices, each with its gap to the previous run (the first
/// with its starting index).
pub(crate) fn spans(buckets: &[(i32, u64)]) -> Vec<(i32, u32)> {
    let mut spans: Vec<(i32, u32)> = Vec::new();
    let mut previous: Option<i32> = None;
    for &(index, _) in buckets {
        match previous {
            Some(p) if index == p + 1 => {
                if let Some(last) = spans.last_mut() {
                    last.1 += 1;
                }
            }
            Some(p) => spans.push((index - p - 1, 1)),
            None => spans.push((index, 1)),
        }
        previous = Some(index);
    }
    spans
}

/// Each bucket's count minus the previous bucket's (0 before the first).
pub(crate) fn deltas(buckets: &[(i32, u64)]) -> impl Iterator<Item = i64> + '_ {
    let mut previous = 0i64;
    buckets.iter().map(move |&(_, count)| {
        let count = count as i64;
        let delta = count - previous;
        previous = count;
        delta
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_runs_of_consecutive_buckets() {
        let buckets = [(-3, 1), (-2, 4), (0, 2), (1, 2), (2, 1), (7, 5)];
        assert_eq!(spans(&buckets), [(-3, 2), (1, 3), (4, 1)]);
        assert_eq!(deltas(&buckets).collect::<Vec<_>>(), [1, 3, -2, 0, -1, 4]);
        assert!(spans(&[]).is_empty());
    }
}
