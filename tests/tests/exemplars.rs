//! Exemplars on counters and histograms: kept per series (per bucket for
//! classic histograms), exported in OpenMetrics and protobuf, left out of
//! text 0.0.4, read back by a strict OpenMetrics parser and an
//! independent protobuf decoder; refused exemplars never lose an update.

use metrics_tests::support::logs::{capture_logs, records_mentioning};
use metrics_tests::support::{self, metrics_proto};
use prometheus_component::prometheus::{
    Counter, CounterVec, Histogram, HistogramVec, IntCounter, IntCounterVec,
};
use prometheus_component::{
    EncodeOptions, Exemplars, Format, Metrics, NativeHistogram, NativeHistogramVec, Registry,
};

/// Every kind that keeps exemplars.
#[derive(Metrics)]
#[metrics(component = "traced")]
struct TracedMetrics {
    /// Orders placed.
    orders_total: Exemplars<IntCounter>,
    /// Money taken.
    revenue_euros_total: Exemplars<Counter>,
    /// Payment time.
    #[metric(buckets = [0.1, 0.5, 1.0])]
    payment_seconds: Exemplars<Histogram>,
    /// Requests by route.
    #[metric(labels = ["route"])]
    requests_total: Exemplars<IntCounterVec>,
    /// Bytes by route.
    #[metric(labels = ["route"])]
    sent_bytes_total: Exemplars<CounterVec>,
    /// Query time by table.
    #[metric(labels = ["table"], buckets = [0.01, 0.1])]
    query_seconds: Exemplars<HistogramVec>,
    /// Render time, native.
    #[metric(native(), buckets = [0.1, 1.0])]
    render_seconds: NativeHistogram,
    /// Fetch time by host, native.
    #[metric(labels = ["host"], native())]
    fetch_seconds: NativeHistogramVec,
}

const HOSTILE: &str = "a \"quoted\" \\ back\nslash é ☃";

fn traced() -> (Registry, std::sync::Arc<TracedMetrics>) {
    let registry = Registry::new();
    let m = TracedMetrics::register(&registry).unwrap();
    m.orders_total.inc();
    m.orders_total
        .inc_with_exemplar(&[("trace_id", "t-orders")]);
    m.revenue_euros_total
        .inc_by_with_exemplar(9.5, &[("trace_id", "t-revenue")]);
    m.payment_seconds
        .observe_with_exemplar(0.3, &[("trace_id", "t-pay-0.5")]);
    m.payment_seconds
        .observe_with_exemplar(5.0, &[("trace_id", "t-pay-inf")]);
    m.payment_seconds.observe(0.05);
    m.requests_total
        .with_label_values(&[HOSTILE])
        .inc_with_exemplar(&[("trace_id", HOSTILE)]);
    m.requests_total.with_label_values(&["/plain"]).inc();
    m.sent_bytes_total
        .with_label_values(&["/cart"])
        .inc_by_with_exemplar(512.0, &[("trace_id", "t-bytes")]);
    m.query_seconds
        .with_label_values(&["orders"])
        .observe_with_exemplar(0.05, &[("trace_id", "t-query"), ("span_id", "s1")]);
    m.render_seconds
        .observe_with_exemplar(0.2, &[("trace_id", "t-render")]);
    m.fetch_seconds
        .with_label_values(&["example.org"])
        .observe_with_exemplar(0.02, &[("trace_id", "t-fetch")]);
    (registry, m)
}

fn open_metrics(registry: &Registry) -> String {
    let mut out = Vec::new();
    registry.encode(Format::OpenMetrics, &mut out);
    String::from_utf8(out).unwrap()
}

fn labels(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn each_series_and_bucket_reads_back_its_latest_exemplar() {
    let (registry, m) = traced();
    // Updates count, with or without exemplar.
    assert_eq!(m.orders_total.get(), 2);
    assert_eq!(m.payment_seconds.get_sample_count(), 3);
    assert!(open_metrics(&registry).contains("# {trace_id=\"t-orders\"}"));

    let orders = TracedMetrics::for_test();
    orders
        .orders_total
        .inc_with_exemplar(&[("trace_id", "abc")]);
    let exemplar = orders.exemplar("traced_orders_total", &[]).unwrap();
    assert_eq!(exemplar.labels, labels(&[("trace_id", "abc")]));
    assert_eq!(exemplar.value, 1.0);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    assert!(
        (now - exemplar.timestamp).abs() < 60.0,
        "{}",
        exemplar.timestamp
    );
    // A histogram's exemplar is its bucket's: 0.3 in le="0.5".
    orders
        .payment_seconds
        .observe_with_exemplar(0.3, &[("trace_id", "p")]);
    orders
        .payment_seconds
        .observe_with_exemplar(0.05, &[("trace_id", "q")]);
    assert_eq!(
        orders
            .exemplar("traced_payment_seconds", &[("le", "0.5")])
            .unwrap()
            .value,
        0.3
    );
    assert_eq!(
        orders
            .exemplar("traced_payment_seconds", &[("le", "0.1")])
            .unwrap()
            .value,
        0.05
    );
    assert_eq!(
        orders.exemplar("traced_payment_seconds", &[("le", "1")]),
        None
    );
    // A child's, by its labels.
    orders
        .requests_total
        .with_label_values(&["/a"])
        .inc_with_exemplar(&[("trace_id", "child")]);
    assert_eq!(
        orders
            .exemplar("traced_requests_total", &[("route", "/a")])
            .unwrap()
            .labels,
        labels(&[("trace_id", "child")])
    );
    assert_eq!(
        orders.exemplar("traced_requests_total", &[("route", "/b")]),
        None
    );
    // Native histograms keep theirs too.
    orders
        .render_seconds
        .observe_with_exemplar(0.7, &[("trace_id", "native")]);
    assert_eq!(
        orders.exemplar("traced_render_seconds", &[]).unwrap().value,
        0.7
    );
}

#[test]
fn open_metrics_carries_them_text_does_not_and_a_strict_parser_accepts_them() {
    let (registry, _) = traced();
    let text = open_metrics(&registry);
    println!("{text}");
    assert!(
        text.contains("traced_orders_total 2 # {trace_id=\"t-orders\"} 1 "),
        "{text}"
    );
    assert!(text
        .contains("traced_payment_seconds_bucket{le=\"0.5\"} 2 # {trace_id=\"t-pay-0.5\"} 0.3 "));
    assert!(
        text.contains("traced_payment_seconds_bucket{le=\"+Inf\"} 3 # {trace_id=\"t-pay-inf\"} 5 ")
    );
    assert!(text.contains("traced_payment_seconds_bucket{le=\"0.1\"} 1\n"));
    assert!(text.contains(
        "traced_query_seconds_bucket{table=\"orders\",le=\"0.1\"} 1 # {trace_id=\"t-query\",span_id=\"s1\"} 0.05 "
    ));
    assert!(
        text.contains("traced_render_seconds_bucket{le=\"1\"} 1 # {trace_id=\"t-render\"} 0.2 ")
    );
    let text_004 = registry.encode_text();
    assert!(!text_004.contains(" # {"), "{text_004}");

    // With `_created` lines too, hostile label values and all.
    let mut page = Vec::new();
    let options = EncodeOptions::new().created_timestamps(true);
    registry.encode_with(Format::OpenMetrics, options, &mut page);
    let page = String::from_utf8(page).unwrap();
    println!("{page}");
    assert!(page.contains("\ntraced_orders_created "), "{page}");
    let Some(parsed) = support::openmetrics_parse(&page) else {
        return;
    };
    let samples = parsed.unwrap_or_else(|error| panic!("refused: {error}\n{page}"));
    let has = |prefix: &str| samples.iter().any(|s| s.starts_with(prefix));
    assert!(has("traced_orders_total{}"), "{samples:#?}");
    assert!(has("traced_orders_created{}"), "{samples:#?}");
    assert!(
        samples.iter().any(|s| s.contains("route='a \"quoted\"")),
        "{samples:#?}"
    );
}

#[test]
fn protobuf_carries_them_on_counters_buckets_and_native_histograms() {
    let (registry, _) = traced();
    let mut bytes = Vec::new();
    registry.encode(Format::Protobuf, &mut bytes);
    let families = metrics_proto::decode_stream(&bytes);
    let family = |name: &str| {
        families
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let trace_of = |e: &metrics_proto::Exemplar| {
        e.label
            .iter()
            .find(|l| l.name == "trace_id")
            .map(|l| l.value.clone())
    };
    let orders = family("traced_orders_total").metric[0]
        .counter
        .clone()
        .unwrap();
    let exemplar = orders.exemplar.unwrap();
    assert_eq!(trace_of(&exemplar).as_deref(), Some("t-orders"));
    assert_eq!(exemplar.value, 1.0);
    assert!(exemplar.timestamp.unwrap().seconds > 1_700_000_000);

    let payment = family("traced_payment_seconds").metric[0]
        .histogram
        .clone()
        .unwrap();
    let on_buckets: Vec<Option<String>> = payment
        .bucket
        .iter()
        .map(|b| b.exemplar.as_ref().and_then(trace_of))
        .collect();
    // 0.1, 0.5 and 1.0: only 0.5's has one (+Inf has no protobuf bucket).
    assert_eq!(on_buckets, [None, Some("t-pay-0.5".to_owned()), None]);

    let requests = family("traced_requests_total");
    let hostile = requests
        .metric
        .iter()
        .find(|m| m.label.iter().any(|l| l.value == HOSTILE))
        .unwrap();
    let exemplar = hostile.counter.clone().unwrap().exemplar.unwrap();
    assert_eq!(trace_of(&exemplar).as_deref(), Some(HOSTILE));

    let render = family("traced_render_seconds").metric[0]
        .histogram
        .clone()
        .unwrap();
    assert_eq!(render.exemplars.len(), 1);
    assert_eq!(trace_of(&render.exemplars[0]).as_deref(), Some("t-render"));
    let fetch = family("traced_fetch_seconds").metric[0]
        .histogram
        .clone()
        .unwrap();
    assert_eq!(trace_of(&fetch.exemplars[0]).as_deref(), Some("t-fetch"));
}

#[test]
fn a_refused_exemplar_is_logged_once_and_the_update_still_counts() {
    capture_logs();
    let m = TracedMetrics::for_test();
    let too_long = "x".repeat(200);
    m.orders_total
        .inc_with_exemplar(&[("trace-id", "dash in the name")]);
    m.orders_total.inc_with_exemplar(&[("trace_id", &too_long)]);
    m.payment_seconds
        .observe_with_exemplar(0.3, &[("trace_id", &too_long)]);
    assert_eq!(m.orders_total.get(), 2);
    assert_eq!(m.payment_seconds.get_sample_count(), 1);
    assert_eq!(m.exemplar("traced_orders_total", &[]), None);
    assert_eq!(m.exemplar("traced_payment_seconds", &[]), None);
    let about_orders = records_mentioning("`traced_orders_total`");
    assert_eq!(about_orders.len(), 1, "{about_orders:#?}");
    assert!(about_orders[0].contains("`trace-id` is not a valid label name"));
    assert!(records_mentioning("`traced_payment_seconds`")
        .iter()
        .any(|r| r.contains("more than OpenMetrics' 128")));
}

#[test]
fn updates_with_exemplars_from_many_threads_lose_no_count_while_scraped() {
    let (registry, m) = traced();
    let before = m.orders_total.get();
    std::thread::scope(|s| {
        for t in 0..4 {
            let m = &m;
            s.spawn(move || {
                let id = format!("thread-{t}");
                for _ in 0..10_000 {
                    m.orders_total.inc_with_exemplar(&[("trace_id", &id)]);
                    m.payment_seconds
                        .observe_with_exemplar(0.2, &[("trace_id", &id)]);
                }
            });
        }
        s.spawn(|| {
            for _ in 0..50 {
                let text = open_metrics(&registry);
                assert!(text.contains("traced_orders_total"));
            }
        });
    });
    assert_eq!(m.orders_total.get(), before + 40_000);
    assert_eq!(m.payment_seconds.get_sample_count(), 3 + 40_000);
    let text = open_metrics(&registry);
    assert!(
        text.contains("traced_orders_total 40002 # {trace_id=\"thread-"),
        "{text}"
    );
}
