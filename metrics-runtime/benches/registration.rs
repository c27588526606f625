//! Creating and registering components against doing it by hand.

// `criterion_group!` generates functions without docs.
#![allow(missing_docs)]

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use prometheus_component::Registry;

use common::{wide_by_hand, WideMetrics};

fn registration(c: &mut Criterion) {
    let mut group = c.benchmark_group("twenty_metrics_on_a_fresh_registry");
    group.bench_function("for_test", |b| {
        b.iter(|| black_box(WideMetrics::for_test()))
    });
    group.bench_function("by_hand", |b| b.iter(|| black_box(wide_by_hand())));
    group.finish();

    let mut group = c.benchmark_group("register");
    group.bench_function("first", |b| {
        b.iter_batched(
            Registry::new,
            |registry| {
                black_box(WideMetrics::register(&registry).unwrap());
                registry
            },
            BatchSize::SmallInput,
        )
    });
    let registry = Registry::new();
    WideMetrics::register(&registry).unwrap();
    group.bench_function("again_idempotent", |b| {
        b.iter(|| black_box(WideMetrics::register(&registry).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, registration);
criterion_main!(benches);
