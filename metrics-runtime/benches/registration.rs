//! Creating and registering components against doing it by hand.

// `criterion_group!` generates functions without docs.
#![allow(missing_docs)]

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use prometheus_component::{Metrics, Registry};

use common::{wide_by_hand, WideMetrics};

/// The time `iters` calls of `timed` take, each followed by an untimed
/// call of `other`.
fn interleaved(iters: u64, mut timed: impl FnMut(), mut other: impl FnMut()) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let start = Instant::now();
        timed();
        total += start.elapsed();
        other();
    }
    total
}

fn registration(c: &mut Criterion) {
    // The two are interleaved, each timed while the other runs untimed in
    // between: both then meet the allocator and the caches in the same
    // state, which otherwise moves either figure by 10-20% between runs.
    let mut group = c.benchmark_group("twenty_metrics_on_a_fresh_registry");
    group.bench_function("for_test", |b| {
        b.iter_custom(|iters| {
            interleaved(
                iters,
                || drop(black_box(WideMetrics::for_test())),
                || drop(black_box(wide_by_hand())),
            )
        })
    });
    group.bench_function("by_hand", |b| {
        b.iter_custom(|iters| {
            interleaved(
                iters,
                || drop(black_box(wide_by_hand())),
                || drop(black_box(WideMetrics::for_test())),
            )
        })
    });
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
