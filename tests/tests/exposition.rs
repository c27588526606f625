//! The exposition written straight from components' fields is what the
//! `prometheus` crate's `gather()` and `TextEncoder` write, byte for byte,
//! with foreign collectors merged in by name, and the same in OpenMetrics
//! as the gathering path writes it.

use metrics_tests::support::metrics_proto;
use prometheus_component::prometheus::{
    self, Counter, Encoder, Gauge, Histogram, HistogramVec, IntCounter, IntCounterVec, IntGauge,
    Opts, TextEncoder,
};
use prometheus_component::{Format, LabelValue, Labeled, Metrics, Registry, TextFormat};

#[derive(Debug, Clone, Copy, LabelValue)]
enum Shard {
    Zeta,
    Alpha,
    #[label(rename = "m\\\"id")]
    Middle,
}

#[derive(Debug, Clone, Copy, LabelValue)]
enum Verdict {
    Spam,
    Ham,
}

/// Every kind of field, with help and label values that need escaping.
#[derive(Metrics)]
#[metrics(component = "mix", namespace = "expo")]
struct MixMetrics {
    /// Back\slash and "quotes" in help.
    #[metric(const_labels = [("zone", "eu \"west\""), ("az", "b\\1")])]
    hits_total: IntCounter,
    /// A float counter.
    amount_total: Counter,
    /// A negative gauge.
    level: IntGauge,
    /// A float gauge.
    ratio: Gauge,
    /// A histogram.
    #[metric(buckets = [0.1, 1.0, 10.0])]
    latency_seconds: Histogram,
    /// Children made in no particular order.
    #[metric(labels = ["route", "code"])]
    requests_total: IntCounterVec,
    /// Never used: no series.
    #[metric(labels = ["route"])]
    unused_total: IntCounterVec,
    /// Labelled histograms.
    #[metric(labels = ["route"], buckets = [0.5])]
    sizes_bytes: HistogramVec,
    /// Typed labels, sorted by value rather than declared order.
    #[metric(labels = [shard: Shard, verdict: Verdict])]
    verdicts_total: Labeled<IntCounter, (Shard, Verdict)>,
    /// A typed histogram.
    #[metric(labels = [shard: Shard], buckets = [1.0, 2.0])]
    shard_seconds: Labeled<Histogram, Shard>,
    /// A typed gauge.
    #[metric(labels = [verdict: Verdict])]
    pending: Labeled<Gauge, Verdict>,
}

/// A second component, so that families of two components interleave.
#[derive(Metrics)]
#[metrics(component = "aux", namespace = "expo")]
struct AuxMetrics {
    /// Another counter.
    events_total: IntCounter,
}

fn fill(m: &MixMetrics, aux: &AuxMetrics) {
    m.hits_total.inc_by(1 << 53);
    m.amount_total.inc_by(0.1);
    m.level.set(-42);
    m.ratio.set(f64::NEG_INFINITY);
    m.latency_seconds.observe(0.05);
    m.latency_seconds.observe(5.0);
    for (route, code) in [
        ("/z", "500"),
        ("/a", "200"),
        ("/a\n\"x\"", "404"),
        ("/a", "199"),
    ] {
        m.requests_total.with_label_values(&[route, code]).inc();
    }
    m.sizes_bytes.with_label_values(&["/b"]).observe(0.25);
    m.sizes_bytes.with_label_values(&["/a"]).observe(1.0);
    m.verdicts_total
        .get((Shard::Middle, Verdict::Ham))
        .inc_by(3);
    m.shard_seconds.get(Shard::Alpha).observe(1.5);
    m.shard_seconds.get(Shard::Zeta).observe(0.5);
    m.pending.get(Verdict::Spam).set(0.5);
    aux.events_total.inc_by(u64::MAX);
}

/// Foreign collectors whose names sort before, between and after the
/// components' names.
fn add_foreign(registry: &Registry) {
    let first = IntCounter::new("aaa_first_total", "First.").unwrap();
    first.inc();
    let between =
        Gauge::with_opts(Opts::new("expo_between", "Between.").const_label("k", "v")).unwrap();
    between.set(f64::NAN);
    let last = IntGauge::new("zzz_last", "Last.").unwrap();
    last.set(7);
    let prometheus = registry.prometheus();
    prometheus.register(Box::new(first)).unwrap();
    prometheus.register(Box::new(between)).unwrap();
    prometheus.register(Box::new(last)).unwrap();
}

fn text_encoder(families: &[prometheus::proto::MetricFamily]) -> String {
    let mut out = Vec::new();
    TextEncoder::new().encode(families, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn components_alone_are_written_as_the_text_encoder_writes_them() {
    let registry = Registry::new();
    let m = MixMetrics::register(&registry).unwrap();
    let aux = AuxMetrics::register(&registry).unwrap();
    fill(&m, &aux);
    let ours = registry.encode_text();
    // `prometheus()` hands the registry out: only afterwards may foreign
    // collectors be in it.
    assert_eq!(ours, text_encoder(&registry.prometheus().gather()));
    assert!(ours.contains("expo_mix_verdicts_total{shard=\"alpha\",verdict=\"ham\"} 0\n"));
    assert!(!ours.contains("expo_mix_unused_total"), "{ours}");
}

#[test]
fn foreign_families_are_merged_in_by_name() {
    let registry = Registry::new();
    let m = MixMetrics::register(&registry).unwrap();
    let aux = AuxMetrics::register(&registry).unwrap();
    fill(&m, &aux);
    add_foreign(&registry);
    let ours = registry.encode_text();
    assert_eq!(ours, text_encoder(&registry.prometheus().gather()));
    let at = |name: &str| ours.find(&format!("# TYPE {name} ")).unwrap();
    assert!(at("aaa_first_total") < at("expo_aux_events_total"));
    assert!(at("expo_aux_events_total") < at("expo_between"));
    assert!(at("expo_between") < at("expo_mix_amount_total"));
    assert!(at("expo_mix_verdicts_total") < at("zzz_last"));
}

/// `families` with the created timestamps of their counters and
/// histograms taken out (after checking that every one of a component
/// has one: two registries register their components at two different
/// instants), encoded again as a delimited stream, so that `NaN`s compare.
fn without_created_timestamps(mut families: Vec<metrics_proto::MetricFamily>) -> Vec<u8> {
    for family in &mut families {
        // Foreign collectors' series have none; the components' all do.
        let foreign =
            ["aaa_first_total", "expo_between", "zzz_last"].contains(&family.name.as_str());
        for metric in &mut family.metric {
            let created = match (&mut metric.counter, &mut metric.histogram) {
                (Some(counter), _) => counter.created_timestamp.take(),
                (_, Some(histogram)) => histogram.created_timestamp.take(),
                _ => continue,
            };
            assert_eq!(created.is_some(), !foreign, "{}", family.name);
        }
    }
    let mut bytes = Vec::new();
    for family in &families {
        prost::Message::encode_length_delimited(family, &mut bytes).unwrap();
    }
    bytes
}

#[test]
fn open_metrics_is_what_the_gathering_path_writes() {
    // A wrapped registry writes what `gather()` returns; a new one writes
    // the fields directly. Same components, same updates, same foreign
    // collectors: the same page.
    let direct = Registry::new();
    let gathered = Registry::from(prometheus::Registry::new());
    let mut pages = Vec::new();
    for registry in [&direct, &gathered] {
        fill(
            &MixMetrics::register(registry).unwrap(),
            &AuxMetrics::register(registry).unwrap(),
        );
        add_foreign(registry);
        let mut open_metrics = String::new();
        registry.encode_text_into(TextFormat::OpenMetrics, &mut open_metrics);
        let mut protobuf = Vec::new();
        registry.encode(Format::Protobuf, &mut protobuf);
        let protobuf = without_created_timestamps(metrics_proto::decode_stream(&protobuf));
        pages.push((registry.encode_text(), open_metrics, protobuf));
    }
    assert_eq!(pages[0], pages[1]);
    let open_metrics = &pages[0].1;
    assert!(open_metrics.contains("# TYPE expo_mix_hits counter\n"));
    assert!(
        open_metrics.contains("\nexpo_mix_ratio -Inf\n"),
        "{open_metrics}"
    );
    assert!(open_metrics.contains("\nexpo_between{k=\"v\"} NaN\n"));
    assert!(open_metrics.ends_with("# EOF\n"));
}

#[test]
fn a_component_taken_out_behind_its_back_is_not_written() {
    let registry = Registry::new();
    let aux = AuxMetrics::register(&registry).unwrap();
    aux.events_total.inc();
    assert!(registry.encode_text().contains("expo_aux_events_total 1\n"));
    // A one-metric component's collector has that metric's descriptor.
    registry
        .prometheus()
        .unregister(Box::new(aux.events_total.clone()))
        .unwrap();
    assert_eq!(registry.encode_text(), "");
    // Registering again puts it back, and it is written again.
    AuxMetrics::register(&registry).unwrap();
    assert!(registry.encode_text().contains("expo_aux_events_total 1\n"));
}

#[test]
fn a_component_registered_after_a_scrape_is_written_by_the_next() {
    let registry = Registry::new();
    AuxMetrics::register(&registry).unwrap();
    assert!(!registry.encode_text().contains("expo_mix_"));
    MixMetrics::register(&registry).unwrap();
    assert!(registry.encode_text().contains("expo_mix_level 0\n"));
    assert!(MixMetrics::unregister(&registry));
    assert!(!registry.encode_text().contains("expo_mix_"));
}

#[test]
fn children_that_come_and_go_between_scrapes_are_written_in_order() {
    let registry = Registry::new();
    let m = MixMetrics::register(&registry).unwrap();
    let aux = AuxMetrics::register(&registry).unwrap();
    fill(&m, &aux);
    let prometheus = registry.prometheus().clone();
    let check = || assert_eq!(registry.encode_text(), text_encoder(&prometheus.gather()));
    check();
    m.requests_total.with_label_values(&["/b", "200"]).inc();
    check();
    m.requests_total.with_label_values(&["/a", "199"]).inc_by(5);
    check();
    m.requests_total
        .remove_label_values(&["/z", "500"])
        .unwrap();
    m.requests_total.with_label_values(&["/0", "500"]).inc();
    check();
    m.requests_total.reset();
    check();
    m.sizes_bytes.with_label_values(&["/c"]).observe(3.0);
    check();
}
