//! The protobuf exposition, read back by an independent decoder (prost
//! over `metrics.proto`'s messages): every field kind, foreign
//! collectors, native histograms, and the exporter's negotiation.

use metrics_tests::support;

use prometheus_component::prometheus::{
    Counter, CounterVec, Gauge, GaugeVec, Histogram, HistogramOpts, HistogramVec, IntCounter,
    IntCounterVec, IntGauge, IntGaugeVec, Opts,
};
use prometheus_component::{
    Exporter, Format, LabelValue, Labeled, Metrics, NativeHistogram, NativeHistogramVec, Registry,
    PROTOBUF_CONTENT_TYPE,
};
use support::metrics_proto::{decode_stream, Metric, MetricFamily};

#[derive(Debug, Clone, Copy, PartialEq, LabelValue)]
enum Tier {
    Free,
    Paid,
}

/// Every kind of field.
#[derive(Metrics)]
#[metrics(component = "wire", namespace = "it")]
struct EveryKindMetrics {
    /// A float counter.
    float_total: Counter,
    /// An integer counter.
    int_total: IntCounter,
    /// A float gauge.
    float_ratio: Gauge,
    /// An integer gauge.
    int_items: IntGauge,
    /// A classic histogram.
    #[metric(buckets = [1.0, 2.0])]
    classic_seconds: Histogram,
    /// Float counters by key.
    #[metric(labels = ["key"])]
    float_vec_total: CounterVec,
    /// Integer counters by key.
    #[metric(labels = ["key"])]
    int_vec_total: IntCounterVec,
    /// Float gauges by key.
    #[metric(labels = ["key"])]
    float_vec_ratio: GaugeVec,
    /// Integer gauges by key.
    #[metric(labels = ["key"])]
    int_vec_items: IntGaugeVec,
    /// Classic histograms by key.
    #[metric(labels = ["key"], buckets = [1.0])]
    classic_vec_seconds: HistogramVec,
    /// Counters by tier.
    #[metric(labels = [tier: Tier])]
    tier_total: Labeled<IntCounter, Tier>,
    /// Classic histograms by tier.
    #[metric(labels = [tier: Tier], buckets = [1.0])]
    tier_seconds: Labeled<Histogram, Tier>,
    /// A native histogram, with a classic bucket too.
    #[metric(native(schema = 1, zero_threshold = 0.01), buckets = [1.0])]
    native_seconds: NativeHistogram,
    /// Native histograms by key.
    #[metric(labels = ["key"], native(schema = 0))]
    native_vec_seconds: NativeHistogramVec,
    /// Native histograms by tier.
    #[metric(labels = [tier: Tier])]
    native_tier_seconds: Labeled<NativeHistogram, Tier>,
}

fn fill(m: &EveryKindMetrics) {
    m.float_total.inc_by(1.5);
    m.int_total.inc_by(7);
    m.float_ratio.set(-0.25);
    m.int_items.set(-3);
    for v in [0.5, 1.5, 3.0] {
        m.classic_seconds.observe(v);
    }
    m.float_vec_total.with_label_values(&["b"]).inc_by(2.5);
    m.float_vec_total.with_label_values(&["a"]).inc();
    m.int_vec_total.with_label_values(&["a"]).inc_by(4);
    m.float_vec_ratio.with_label_values(&["a"]).set(0.5);
    m.int_vec_items.with_label_values(&["a"]).set(9);
    m.classic_vec_seconds.with_label_values(&["a"]).observe(0.5);
    m.tier_total.get(Tier::Paid).inc_by(3);
    m.tier_seconds.get(Tier::Free).observe(2.0);
    for v in [0.005, -3.0, 1.0, 1.0, 1.5, 6.0] {
        m.native_seconds.observe(v);
    }
    m.native_vec_seconds.with_label_values(&["a"]).observe(3.0);
    m.native_tier_seconds.get(Tier::Paid).observe(0.5);
}

fn decode(registry: &Registry) -> Vec<MetricFamily> {
    let mut bytes = Vec::new();
    registry.encode(Format::Protobuf, &mut bytes);
    decode_stream(&bytes)
}

fn family<'a>(families: &'a [MetricFamily], name: &str) -> &'a MetricFamily {
    families
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no family {name}"))
}

fn series<'a>(family: &'a MetricFamily, label: Option<(&str, &str)>) -> &'a Metric {
    family
        .metric
        .iter()
        .find(|m| label.is_none_or(|(k, v)| m.label(k) == Some(v)))
        .unwrap_or_else(|| panic!("no series {label:?} in {}", family.name))
}

const COUNTER: i32 = 0;
const GAUGE: i32 = 1;
const HISTOGRAM: i32 = 4;

#[test]
fn every_field_kind_decodes_to_what_was_observed() {
    let registry = Registry::new();
    fill(&EveryKindMetrics::register(&registry).unwrap());
    let families = decode(&registry);

    // Names sorted, as `gather()` sorts them.
    let names: Vec<&str> = families.iter().map(|f| f.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);

    let counter = |name: &str, label| {
        let f = family(&families, name);
        assert_eq!(f.r#type, COUNTER, "{name}");
        series(f, label).counter.clone().expect("counter").value
    };
    let gauge = |name: &str, label| {
        let f = family(&families, name);
        assert_eq!(f.r#type, GAUGE, "{name}");
        series(f, label).gauge.clone().expect("gauge").value
    };
    assert_eq!(
        family(&families, "it_wire_float_total").help,
        "A float counter."
    );
    assert_eq!(counter("it_wire_float_total", None), 1.5);
    assert_eq!(counter("it_wire_int_total", None), 7.0);
    assert_eq!(gauge("it_wire_float_ratio", None), -0.25);
    assert_eq!(gauge("it_wire_int_items", None), -3.0);
    assert_eq!(counter("it_wire_float_vec_total", Some(("key", "b"))), 2.5);
    assert_eq!(counter("it_wire_int_vec_total", Some(("key", "a"))), 4.0);
    assert_eq!(gauge("it_wire_float_vec_ratio", Some(("key", "a"))), 0.5);
    assert_eq!(gauge("it_wire_int_vec_items", Some(("key", "a"))), 9.0);
    assert_eq!(counter("it_wire_tier_total", Some(("tier", "paid"))), 3.0);
    assert_eq!(counter("it_wire_tier_total", Some(("tier", "free"))), 0.0);
    // A vec's children in label order.
    let keys: Vec<_> = family(&families, "it_wire_float_vec_total")
        .metric
        .iter()
        .map(|m| m.label("key").unwrap().to_owned())
        .collect();
    assert_eq!(keys, ["a", "b"]);

    let histogram = |name: &str, label| {
        let f = family(&families, name);
        assert_eq!(f.r#type, HISTOGRAM, "{name}");
        series(f, label).histogram.clone().expect("histogram")
    };
    let classic = histogram("it_wire_classic_seconds", None);
    assert_eq!((classic.sample_count, classic.sample_sum), (3, 5.0));
    let buckets: Vec<_> = classic
        .bucket
        .iter()
        .map(|b| (b.upper_bound, b.cumulative_count))
        .collect();
    assert_eq!(buckets, [(1.0, 1), (2.0, 2)]);
    assert!(
        classic.positive_span.is_empty() && classic.zero_threshold == 0.0,
        "classic stays classic"
    );
    assert_eq!(
        histogram("it_wire_classic_vec_seconds", Some(("key", "a"))).sample_count,
        1
    );
    assert_eq!(
        histogram("it_wire_tier_seconds", Some(("tier", "free"))).sample_sum,
        2.0
    );

    let native = histogram("it_wire_native_seconds", None);
    assert_eq!(
        (native.sample_count, native.sample_sum),
        (6, 0.005 - 3.0 + 1.0 + 1.0 + 1.5 + 6.0)
    );
    assert_eq!(
        (native.schema, native.zero_threshold, native.zero_count),
        (1, 0.01, 1)
    );
    // Schema 1, bucket i = (2^((i-1)/2), 2^(i/2)]: 1 closes bucket 0, 1.5
    // is in (2^0.5, 2^1] = bucket 2, 6 in (2^2.5, 2^3] = bucket 6; -3 in
    // the negative bucket (2^1.5, 2^2] = 4.
    assert_eq!(native.positive(), [(0, 2), (2, 1), (6, 1)]);
    assert_eq!(native.negative(), [(4, 1)]);
    let classic_of_native: Vec<_> = native
        .bucket
        .iter()
        .map(|b| (b.upper_bound, b.cumulative_count))
        .collect();
    assert_eq!(classic_of_native, [(1.0, 4)]);
    let vec_child = histogram("it_wire_native_vec_seconds", Some(("key", "a")));
    assert_eq!((vec_child.schema, vec_child.positive()), (0, vec![(2, 1)]));
    let paid = histogram("it_wire_native_tier_seconds", Some(("tier", "paid")));
    assert_eq!(paid.positive(), [(-8, 1)]);
    let free = histogram("it_wire_native_tier_seconds", Some(("tier", "free")));
    assert_eq!((free.sample_count, free.schema), (0, 3));
    assert!(
        free.zero_threshold > 0.0,
        "an empty native histogram still reads as native"
    );
}

#[test]
fn foreign_collectors_are_encoded_beside_the_components() {
    let registry = Registry::new();
    fill(&EveryKindMetrics::register(&registry).unwrap());
    let foreign = IntCounterVec::new(Opts::new("aa_foreign_total", "Foreign."), &["k"]).unwrap();
    foreign.with_label_values(&["x\"y"]).inc_by(5);
    registry.prometheus().register(Box::new(foreign)).unwrap();
    let late =
        Histogram::with_opts(HistogramOpts::new("zz_foreign_seconds", "Late.").buckets(vec![0.5]))
            .unwrap();
    late.observe(0.25);
    registry.prometheus().register(Box::new(late)).unwrap();

    let families = decode(&registry);
    assert_eq!(families.first().unwrap().name, "aa_foreign_total");
    assert_eq!(families.last().unwrap().name, "zz_foreign_seconds");
    let first = &families[0].metric[0];
    assert_eq!(
        (first.label("k"), first.counter.clone().unwrap().value),
        (Some("x\"y"), 5.0)
    );
    let last = families.last().unwrap().metric[0]
        .histogram
        .clone()
        .unwrap();
    assert_eq!((last.sample_count, last.bucket[0].cumulative_count), (1, 1));
}

#[test]
fn a_wrapped_registry_encodes_what_it_gathers() {
    // A wrapped `prometheus` registry goes through `gather()`, whose model
    // has no native buckets: the same page but for those, and for the
    // created timestamps, since each registry registers the component at
    // its own instant (both have them).
    let direct = Registry::new();
    let wrapped = Registry::from(prometheus_component::prometheus::Registry::new());
    let mut pages = Vec::new();
    for registry in [&direct, &wrapped] {
        fill(&EveryKindMetrics::register(registry).unwrap());
        let mut families = decode(registry);
        for family in &mut families {
            for metric in &mut family.metric {
                if let Some(c) = &mut metric.counter {
                    assert!(c.created_timestamp.take().is_some(), "{}", family.name);
                }
                if let Some(h) = &mut metric.histogram {
                    assert!(h.created_timestamp.take().is_some(), "{}", family.name);
                    h.schema = 0;
                    h.zero_threshold = 0.0;
                    h.zero_count = 0;
                    h.positive_span.clear();
                    h.positive_delta.clear();
                    h.negative_span.clear();
                    h.negative_delta.clear();
                }
            }
        }
        pages.push(families);
    }
    assert_eq!(pages[0], pages[1]);
}

#[test]
fn the_exporter_answers_prometheus_protobuf_accept_header_with_protobuf() {
    let registry = Registry::new();
    fill(&EveryKindMetrics::register(&registry).unwrap());
    let exporter = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let accept = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    let request = format!(
        "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: {accept}\r\nConnection: close\r\n\r\n"
    );
    let (status, headers, body) = support::exchange(exporter.local_addr(), &request);
    assert!(status.contains(" 200 "), "{status}");
    assert_eq!(
        support::header(&headers, "content-type"),
        Some(PROTOBUF_CONTENT_TYPE)
    );
    let families = decode_stream(&body);
    assert_eq!(
        family(&families, "it_wire_int_total").metric[0]
            .counter
            .clone()
            .unwrap()
            .value,
        7.0
    );
    // Gzip too, and HEAD has the headers of GET.
    let gzip = format!("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: {accept}\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
    let (_, headers, body) = support::exchange(exporter.local_addr(), &gzip);
    assert_eq!(support::header(&headers, "content-encoding"), Some("gzip"));
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut plain).unwrap();
    assert!(!decode_stream(&plain).is_empty());
    let head = format!(
        "HEAD /metrics HTTP/1.1\r\nHost: x\r\nAccept: {accept}\r\nConnection: close\r\n\r\n"
    );
    let (_, headers, body) = support::exchange(exporter.local_addr(), &head);
    assert_eq!(
        support::header(&headers, "content-type"),
        Some(PROTOBUF_CONTENT_TYPE)
    );
    assert!(body.is_empty());
}

#[test]
fn vec_children_added_and_removed_between_scrapes_are_encoded() {
    let registry = Registry::new();
    let m = EveryKindMetrics::register(&registry).unwrap();
    m.int_vec_total.with_label_values(&["m"]).inc();
    m.int_vec_total.with_label_values(&["b"]).inc_by(2);
    let keys = |families: &[MetricFamily]| -> Vec<(String, f64)> {
        family(families, "it_wire_int_vec_total")
            .metric
            .iter()
            .map(|s| {
                (
                    s.label("key").unwrap().to_owned(),
                    s.counter.clone().unwrap().value,
                )
            })
            .collect()
    };
    assert_eq!(
        keys(&decode(&registry)),
        [("b".into(), 2.0), ("m".into(), 1.0)]
    );
    m.int_vec_total.with_label_values(&["a"]).inc_by(3);
    m.int_vec_total.remove_label_values(&["m"]).unwrap();
    assert_eq!(
        keys(&decode(&registry)),
        [("a".into(), 3.0), ("b".into(), 2.0)]
    );
    // The same children again: the kept layout, new values.
    m.int_vec_total.with_label_values(&["a"]).inc();
    assert_eq!(
        keys(&decode(&registry)),
        [("a".into(), 4.0), ("b".into(), 2.0)]
    );
}
