//! A labelled increment, three ways, on the same 2-label, 18-combination
//! workload: typed labels, an unlabelled counter, and `with_label_values`.

// `criterion_group!` generates functions without docs.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use prometheus_component::prometheus::{IntCounter, IntCounterVec};
use prometheus_component::{LabelValue, Labeled, Metrics};

#[derive(Clone, Copy, LabelValue)]
enum Method {
    Get,
    Head,
    Post,
    Put,
    Delete,
    Patch,
}

#[derive(Clone, Copy, LabelValue)]
enum Class {
    Success,
    ClientError,
    ServerError,
}

const METHODS: [Method; 6] = [
    Method::Get,
    Method::Head,
    Method::Post,
    Method::Put,
    Method::Delete,
    Method::Patch,
];
const CLASSES: [Class; 3] = [Class::Success, Class::ClientError, Class::ServerError];

/// The workload's metrics.
#[derive(Metrics)]
#[metrics(component = "labels", namespace = "bench")]
struct LabelMetrics {
    /// Typed.
    #[metric(labels = [method: Method, class: Class])]
    typed_total: Labeled<IntCounter, (Method, Class)>,
    /// Unlabelled.
    plain_total: IntCounter,
    /// By string.
    #[metric(labels = ["method", "class"])]
    strings_total: IntCounterVec,
}

/// The 18 combinations in a fixed, interleaved order, as a server's mixed
/// traffic would arrive.
fn combinations() -> Vec<(Method, Class)> {
    (0..18)
        .map(|i| (METHODS[i % 6], CLASSES[(i * 7 / 6) % 3]))
        .collect()
}

fn labelled_increment(c: &mut Criterion) {
    let m = LabelMetrics::for_test();
    let combos = combinations();
    let strings: Vec<[&str; 2]> = combos
        .iter()
        .map(|(method, class)| [method.as_str(), class.as_str()])
        .collect();

    // Each iteration updates all 18 combinations once, so that the loop's
    // own cost is spread over 18 updates.
    let mut group = c.benchmark_group("labelled_inc_18_combinations");
    group.bench_function("typed_get", |b| {
        b.iter(|| {
            for combo in black_box(&combos) {
                m.typed_total.get(*combo).inc();
            }
        })
    });
    group.bench_function("plain_counter", |b| {
        b.iter(|| {
            for _ in black_box(&combos) {
                m.plain_total.inc();
            }
        })
    });
    group.bench_function("with_label_values", |b| {
        b.iter(|| {
            for values in black_box(&strings) {
                m.strings_total.with_label_values(values).inc();
            }
        })
    });
    group.finish();
}

/// The same workload on two threads at once: typed children are separate
/// counters, while `with_label_values` takes the vector's shared lock.
fn labelled_increment_two_threads(c: &mut Criterion) {
    const ROUNDS: usize = 1_000;
    let m = LabelMetrics::for_test();
    let combos = combinations();
    let strings: Vec<[&str; 2]> = combos
        .iter()
        .map(|(method, class)| [method.as_str(), class.as_str()])
        .collect();
    let run_on_two_threads = |work: &(dyn Fn(usize) + Sync)| {
        std::thread::scope(|s| {
            for thread in 0..2 {
                s.spawn(move || work(thread));
            }
        })
    };

    let mut group = c.benchmark_group("labelled_inc_18_combinations_two_threads_x1000");
    group.sample_size(20);
    group.bench_function("typed_get", |b| {
        b.iter(|| {
            run_on_two_threads(&|thread| {
                for round in 0..ROUNDS {
                    let combo = combos[(round * 2 + thread) % 18];
                    for _ in 0..18 {
                        m.typed_total.get(black_box(combo)).inc();
                    }
                }
            })
        })
    });
    group.bench_function("plain_counter", |b| {
        b.iter(|| {
            run_on_two_threads(&|_| {
                for _ in 0..ROUNDS * 18 {
                    m.plain_total.inc();
                }
            })
        })
    });
    group.bench_function("with_label_values", |b| {
        b.iter(|| {
            run_on_two_threads(&|thread| {
                for round in 0..ROUNDS {
                    let values = &strings[(round * 2 + thread) % 18];
                    for _ in 0..18 {
                        m.strings_total.with_label_values(black_box(values)).inc();
                    }
                }
            })
        })
    });
    group.finish();
}

criterion_group!(benches, labelled_increment, labelled_increment_two_threads);
criterion_main!(benches);
