//! Created timestamps: a component's registration time on every counter
//! and histogram series, always in protobuf (read back by an independent
//! decoder), and in OpenMetrics `_created` lines when asked for (read
//! back by a strict OpenMetrics parser).

use std::time::{SystemTime, UNIX_EPOCH};

use metrics_tests::support::{self, metrics_proto};
use prometheus_component::prometheus::{Histogram, IntCounter, IntCounterVec, IntGauge, Opts};
use prometheus_component::{
    scrape_with, EncodeOptions, Exporter, Format, LabelValue, Labeled, Metrics, NativeHistogram,
    NativeHistogramVec, Registry, ScrapeRequest,
};

#[derive(Clone, Copy, LabelValue)]
enum Outcome {
    Sent,
    Bounced,
}

/// One of each kind that has a created time, and a gauge, which has none.
#[derive(Metrics)]
#[metrics(component = "created_mailer")]
struct MailerMetrics {
    /// Mails sent.
    sent_total: IntCounter,
    /// Mails by outcome.
    #[metric(labels = [outcome: Outcome])]
    outcomes_total: Labeled<IntCounter, Outcome>,
    /// Mails by domain.
    #[metric(labels = ["domain"])]
    domains_total: IntCounterVec,
    /// Time to send.
    #[metric(buckets = [0.1, 1.0])]
    send_seconds: Histogram,
    /// Time to render.
    #[metric(native())]
    render_seconds: NativeHistogram,
    /// Time to deliver, by domain.
    #[metric(labels = ["domain"], native())]
    deliver_seconds: NativeHistogramVec,
    /// Mails waiting.
    queued: IntGauge,
}

fn seconds(time: SystemTime) -> f64 {
    time.duration_since(UNIX_EPOCH).unwrap().as_secs_f64()
}

/// A registry with the component registered between the two times
/// returned, every series touched, and a foreign counter beside it.
fn registry() -> (Registry, f64, f64) {
    let before = seconds(SystemTime::now());
    let registry = Registry::new();
    let m = MailerMetrics::register(&registry).unwrap();
    let after = seconds(SystemTime::now());
    m.sent_total.inc();
    m.outcomes_total.get(Outcome::Bounced).inc();
    m.outcomes_total.get(Outcome::Sent).inc_by(2);
    m.domains_total.with_label_values(&["example.org"]).inc();
    m.send_seconds.observe(0.5);
    m.render_seconds.observe(0.01);
    m.deliver_seconds
        .with_label_values(&["example.org"])
        .observe(2.0);
    m.queued.set(3);
    let foreign = IntCounter::with_opts(Opts::new("created_foreign_total", "Foreign.")).unwrap();
    foreign.inc();
    registry.prometheus().register(Box::new(foreign)).unwrap();
    (registry, before, after)
}

#[test]
fn protobuf_carries_the_registration_time_on_counters_and_histograms() {
    let (registry, before, after) = registry();
    let mut bytes = Vec::new();
    registry.encode(Format::Protobuf, &mut bytes);
    let families = metrics_proto::decode_stream(&bytes);
    let within = |t: &Option<metrics_proto::Timestamp>| {
        let t = t.as_ref().expect("a created timestamp");
        let at = t.seconds as f64 + f64::from(t.nanos) / 1e9;
        // The clock's resolution: registration read it once, in between.
        assert!(
            at >= before - 1e-6 && at <= after + 1e-6,
            "{at} not in [{before}, {after}]"
        );
    };
    let mut checked = 0;
    for family in &families {
        for metric in &family.metric {
            match family.name.as_str() {
                "created_foreign_total" => {
                    // A foreign collector's start is unknown: none.
                    assert_eq!(metric.counter.as_ref().unwrap().created_timestamp, None);
                }
                "created_mailer_queued" => assert!(metric.gauge.is_some()),
                name if name.ends_with("_total") => {
                    within(&metric.counter.as_ref().unwrap().created_timestamp);
                    checked += 1;
                }
                _ => {
                    within(&metric.histogram.as_ref().unwrap().created_timestamp);
                    checked += 1;
                }
            }
        }
    }
    // sent, two outcomes, one domain; send, render, one deliver child.
    assert_eq!(checked, 7, "{families:?}");
}

#[test]
fn open_metrics_has_created_lines_only_when_asked_and_a_strict_parser_reads_them() {
    let (registry, before, after) = registry();
    let text = |options| {
        let mut out = Vec::new();
        registry.encode_with(Format::OpenMetrics, options, &mut out);
        String::from_utf8(out).unwrap()
    };
    let plain = text(EncodeOptions::new());
    assert!(!plain.contains("_created"), "{plain}");
    let with_created = text(EncodeOptions::new().created_timestamps(true));
    println!("{with_created}");
    // Text 0.0.4 has no syntax for them.
    let mut text_004 = Vec::new();
    registry.encode_with(
        Format::Text,
        EncodeOptions::new().created_timestamps(true),
        &mut text_004,
    );
    assert!(!String::from_utf8(text_004).unwrap().contains("_created"));

    let created_lines: Vec<&str> = with_created
        .lines()
        .filter(|l| l.contains("_created"))
        .collect();
    // One per counter and histogram series: sent, 2 outcomes, 1 domain,
    // send, render, 1 deliver child; none for the gauge or the foreign counter.
    assert_eq!(created_lines.len(), 7, "{created_lines:#?}");
    assert!(with_created.contains("created_mailer_sent_total 1\ncreated_mailer_sent_created "));
    assert!(with_created.contains(
        "created_mailer_outcomes_total{outcome=\"bounced\"} 1\ncreated_mailer_outcomes_created{outcome=\"bounced\"} "
    ));
    assert!(with_created
        .contains("created_mailer_send_seconds_count 1\ncreated_mailer_send_seconds_created "));
    assert!(!with_created.contains("created_foreign_created"));
    for line in &created_lines {
        let value: f64 = line.rsplit(' ').next().unwrap().parse().unwrap();
        assert!(value >= before - 1e-6 && value <= after + 1e-6, "{line}");
    }

    let Some(parsed) = support::openmetrics_parse(&with_created) else {
        return;
    };
    let samples = parsed.unwrap_or_else(|error| panic!("refused: {error}\n{with_created}"));
    // The parser reads the `_created` samples as part of their families.
    let created_samples = samples.iter().filter(|s| s.contains("_created{")).count();
    assert_eq!(created_samples, 7, "{samples:#?}");
}

#[test]
fn the_exporter_and_scrape_with_write_created_lines_when_configured() {
    let (registry, _, _) = registry();
    let request = ScrapeRequest {
        method: "GET",
        accept: Some("application/openmetrics-text;version=1.0.0"),
        accept_encoding: None,
    };
    let answer = scrape_with(
        &registry,
        &request,
        EncodeOptions::new().created_timestamps(true),
    );
    assert!(String::from_utf8(answer.body)
        .unwrap()
        .contains("\ncreated_mailer_sent_created "));

    let exporter = Exporter::builder()
        .created_timestamps(true)
        .bind("127.0.0.1:0", &registry)
        .unwrap();
    let (_, _, body) = support::exchange(
        exporter.local_addr(),
        "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: application/openmetrics-text;version=1.0.0\r\nConnection: close\r\n\r\n",
    );
    assert!(String::from_utf8_lossy(&body).contains("\ncreated_mailer_sent_created "));
    let (_, _, body) = support::exchange(
        Exporter::bind("127.0.0.1:0", &registry).unwrap().local_addr(),
        "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: application/openmetrics-text;version=1.0.0\r\nConnection: close\r\n\r\n",
    );
    assert!(!String::from_utf8_lossy(&body).contains("_created"));
}
