//! Encoding 10,000 series three ways (typed labels, scalars across a
//! hundred components, one `IntCounterVec`): `Registry::encode` against
//! the `prometheus` crate's `gather()` + `TextEncoder` (and, for
//! protobuf, `gather()` + `ProtobufEncoder`, the `prometheus` crate's
//! `protobuf` feature being on for the benchmarks) on the same registry,
//! in the same run; then what OpenMetrics and gzip cost.
//!
//! Every measured call starts with cold caches: the setup, which is not
//! timed, first writes a buffer twice the size of the last-level cache.

// `criterion_group!` generates functions without docs.
#![allow(missing_docs)]

#[path = "common/scalars.rs"]
mod scalars;

use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion};
use prometheus_component::prometheus::{
    self, Encoder, IntCounter, IntCounterVec, ProtobufEncoder, TextEncoder,
};
use prometheus_component::{
    scrape, Format, LabelValue, Labeled, Metrics, Registry, ScrapeRequest, TextFormat,
};

/// Twice this machine's 32 MiB last-level cache.
const EVICTION_BYTES: usize = 64 << 20;

#[derive(Clone, Copy, LabelValue)]
enum Digit {
    D0,
    D1,
    D2,
    D3,
    D4,
    D5,
    D6,
    D7,
    D8,
    D9,
}

const DIGITS: [Digit; 10] = [
    Digit::D0,
    Digit::D1,
    Digit::D2,
    Digit::D3,
    Digit::D4,
    Digit::D5,
    Digit::D6,
    Digit::D7,
    Digit::D8,
    Digit::D9,
];

/// Ten thousand typed series: four labels of ten values each.
#[derive(Metrics)]
#[metrics(component = "typed", namespace = "bench")]
struct TypedMetrics {
    /// Requests, by four digits.
    #[metric(labels = [a: Digit, b: Digit, c: Digit, d: Digit])]
    requests_total: Labeled<IntCounter, (Digit, Digit, Digit, Digit)>,
}

/// Ten thousand series of one `*Vec`.
#[derive(Metrics)]
#[metrics(component = "expo", namespace = "bench")]
struct ExpoMetrics {
    /// Requests, by route and status.
    #[metric(labels = ["route", "status"])]
    requests_total: IntCounterVec,
}

fn typed_registry() -> Registry {
    let registry = Registry::new();
    let m = TypedMetrics::register(&registry).unwrap();
    let mut value = 0;
    for a in DIGITS {
        for b in DIGITS {
            for c in DIGITS {
                for d in DIGITS {
                    value += 7;
                    m.requests_total.get((a, b, c, d)).inc_by(value);
                }
            }
        }
    }
    registry
}

fn scalar_registry() -> Registry {
    let registry = Registry::new();
    scalars::register_scalars(&registry);
    registry
}

fn vec_registry() -> Registry {
    let registry = Registry::new();
    let m = ExpoMetrics::register(&registry).unwrap();
    for route in 0..1_000 {
        for status in 0..10 {
            m.requests_total
                .with_label_values(&[&format!("/route/{route}"), &format!("{}", 200 + status)])
                .inc_by(route * 10 + status);
        }
    }
    registry
}

/// Evicts this machine's caches by writing a large buffer.
fn evict_caches(buffer: &mut [u8]) {
    for (i, byte) in buffer.iter_mut().enumerate().step_by(64) {
        *byte = byte.wrapping_add(i as u8);
    }
    black_box(&buffer[..]);
}

/// `ours` and the `gather()` + `TextEncoder` baseline on one registry,
/// each call after a cache eviction.
fn against_baseline(group: &mut BenchmarkGroup<'_, WallTime>, registry: &Registry) {
    let mut eviction = vec![0u8; EVICTION_BYTES];
    let prometheus: prometheus::Registry = registry.prometheus().clone();
    let mut out = String::new();
    // The first encoding makes each field's writer; scrapes reuse them.
    registry.encode_text_into(TextFormat::Text, &mut out);
    group.bench_function("encode_text", |b| {
        b.iter_batched_ref(
            || evict_caches(&mut eviction),
            |()| {
                out.clear();
                registry.encode_text_into(TextFormat::Text, &mut out);
                black_box(out.len())
            },
            BatchSize::PerIteration,
        )
    });
    let mut eviction = vec![0u8; EVICTION_BYTES];
    let mut bytes = Vec::new();
    group.bench_function("encode_protobuf", |b| {
        b.iter_batched_ref(
            || evict_caches(&mut eviction),
            |()| {
                bytes.clear();
                registry.encode(Format::Protobuf, &mut bytes);
                black_box(bytes.len())
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("gather_and_protobuf_encoder", |b| {
        b.iter_batched_ref(
            || evict_caches(&mut eviction),
            |()| {
                let mut buffer = Vec::new();
                ProtobufEncoder::new()
                    .encode(&prometheus.gather(), &mut buffer)
                    .unwrap();
                black_box(buffer.len())
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("gather_and_text_encoder", |b| {
        b.iter_batched_ref(
            || evict_caches(&mut eviction),
            |()| {
                let mut buffer = Vec::new();
                TextEncoder::new()
                    .encode(&prometheus.gather(), &mut buffer)
                    .unwrap();
                black_box(buffer.len())
            },
            BatchSize::PerIteration,
        )
    });
}

fn exposition(c: &mut Criterion) {
    let mut group = c.benchmark_group("typed_labels_10k");
    group.sample_size(30);
    against_baseline(&mut group, &typed_registry());
    group.finish();

    let mut group = c.benchmark_group("scalars_10k_in_100_components");
    group.sample_size(30);
    against_baseline(&mut group, &scalar_registry());
    group.finish();

    let registry = vec_registry();
    let mut group = c.benchmark_group("int_counter_vec_10k");
    group.sample_size(30);
    against_baseline(&mut group, &registry);
    let mut eviction = vec![0u8; EVICTION_BYTES];
    let mut buffer = String::new();
    group.bench_function("encode_open_metrics", |b| {
        b.iter_batched_ref(
            || evict_caches(&mut eviction),
            |()| {
                buffer.clear();
                registry.encode_text_into(TextFormat::OpenMetrics, &mut buffer);
                black_box(buffer.len())
            },
            BatchSize::PerIteration,
        )
    });
    for (id, accept_encoding) in [
        ("scrape_text_gzip", Some("gzip")),
        ("scrape_text_identity", None),
    ] {
        let request = ScrapeRequest {
            method: "GET",
            accept: None,
            accept_encoding,
        };
        group.bench_function(id, |b| {
            b.iter_batched_ref(
                || evict_caches(&mut eviction),
                |()| black_box(scrape(&registry, &request).body.len()),
                BatchSize::PerIteration,
            )
        });
    }
    // What sorting costs: a child added before each scrape makes the
    // kept order stale, so each scrape sorts the 10,000 children again.
    let m = ExpoMetrics::register(&registry).unwrap();
    let mut added = 0;
    group.bench_function("encode_text_after_a_new_child", |b| {
        b.iter_batched_ref(
            || {
                added += 1;
                m.requests_total
                    .with_label_values(&[&format!("/new/{added}"), "200"])
                    .inc();
                evict_caches(&mut eviction);
            },
            |()| {
                buffer.clear();
                registry.encode_text_into(TextFormat::Text, &mut buffer);
                black_box(buffer.len())
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();

    // Where the baseline's time goes, and what the first encoding of a
    // registry costs (it makes the fields' writers).
    let mut group = c.benchmark_group("int_counter_vec_10k_parts");
    group.sample_size(30);
    let prometheus = registry.prometheus().clone();
    group.bench_function("gather_only", |b| b.iter(|| black_box(prometheus.gather())));
    let families = prometheus.gather();
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

    let mut group = c.benchmark_group("first_encoding");
    group.sample_size(10);
    group.bench_function("typed_labels_10k", |b| {
        b.iter_batched(
            typed_registry,
            |registry| black_box(registry.encode_text().len()),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, exposition);
criterion_main!(benches);
