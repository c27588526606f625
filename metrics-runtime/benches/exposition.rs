//! Encoding 10,000 series: `Registry::encode_text` against the `prometheus`
//! crate's `TextEncoder` on the same registry, where the time goes, and
//! what OpenMetrics and gzip cost on the same page.

// `criterion_group!` generates functions without docs.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use prometheus_component::prometheus::{Encoder, IntCounterVec, TextEncoder};
use prometheus_component::{scrape, Format, Metrics, Registry, ScrapeRequest};

/// Ten thousand series.
#[derive(Metrics)]
#[metrics(component = "expo", namespace = "bench")]
struct ExpoMetrics {
    /// Requests, by route and status.
    #[metric(labels = ["route", "status"])]
    requests_total: IntCounterVec,
}

fn exposition(c: &mut Criterion) {
    let registry = Registry::new();
    let m = ExpoMetrics::register(&registry).unwrap();
    for route in 0..1_000 {
        for status in 0..10 {
            m.requests_total
                .with_label_values(&[&format!("/route/{route}"), &format!("{}", 200 + status)])
                .inc_by(route * 10 + status);
        }
    }
    let mut group = c.benchmark_group("encode_10k_series");
    group.sample_size(30);
    group.bench_function("encode_text", |b| {
        b.iter(|| black_box(registry.encode_text()))
    });
    group.bench_function("gather_and_text_encoder", |b| {
        b.iter(|| {
            let mut buffer = Vec::new();
            TextEncoder::new()
                .encode(&registry.prometheus().gather(), &mut buffer)
                .unwrap();
            black_box(buffer)
        })
    });
    group.bench_function("encode_open_metrics_into_a_reused_buffer", |b| {
        let mut buffer = String::new();
        b.iter(|| {
            buffer.clear();
            registry.encode(Format::OpenMetrics, &mut buffer);
            black_box(buffer.len())
        })
    });
    group.bench_function("scrape_text_gzip", |b| {
        let request = ScrapeRequest {
            method: "GET",
            accept: None,
            accept_encoding: Some("gzip"),
        };
        b.iter(|| black_box(scrape(&registry, &request).body.len()))
    });
    group.bench_function("scrape_text_identity", |b| {
        let request = ScrapeRequest {
            method: "GET",
            accept: None,
            accept_encoding: None,
        };
        b.iter(|| black_box(scrape(&registry, &request).body.len()))
    });
    group.bench_function("gather_only", |b| b.iter(|| black_box(registry.gather())));
    let families = registry.gather();
    group.bench_function("text_encoder_only", |b| {
        b.iter(|| {
            let mut buffer = String::new();
            TextEncoder::new()
                .encode_utf8(&families, &mut buffer)
                .unwrap();
            black_box(buffer)
        })
    });
    group.finish();
}

criterion_group!(benches, exposition);
criterion_main!(benches);
