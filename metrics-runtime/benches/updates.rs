//! Updates on the hot path: a component's global instance against a raw
//! `static` metric in a `Lazy` and against a bare atomic (the floor).

// `criterion_group!` generates functions without docs.
#![allow(missing_docs)]

mod common;

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use criterion::{criterion_group, criterion_main, Criterion};
use once_cell::sync::Lazy;
use prometheus_component::prometheus::{
    Counter, Histogram, HistogramOpts, IntCounter, IntGauge, Opts,
};
use prometheus_component::{Metrics, NativeHistogram, NativeHistogramOpts, TestRegistry};

use common::HotMetrics;

static RAW_INT_COUNTER: Lazy<IntCounter> =
    Lazy::new(|| IntCounter::with_opts(Opts::new("raw_events_total", "Events.")).unwrap());
static RAW_COUNTER: Lazy<Counter> =
    Lazy::new(|| Counter::with_opts(Opts::new("raw_amount_total", "Amount.")).unwrap());
static RAW_INT_GAUGE: Lazy<IntGauge> =
    Lazy::new(|| IntGauge::with_opts(Opts::new("raw_level", "Level.")).unwrap());
static RAW_HISTOGRAM: Lazy<Histogram> = Lazy::new(|| {
    Histogram::with_opts(
        HistogramOpts::new("raw_latency_seconds", "Latency.").buckets(vec![0.001, 0.01, 0.1, 1.0]),
    )
    .unwrap()
});
static ATOMIC: AtomicU64 = AtomicU64::new(0);

fn updates(c: &mut Criterion) {
    // Initialise both sides outside the measurement.
    let _ = (HotMetrics::global(), &*RAW_INT_COUNTER, &*RAW_COUNTER);

    let mut group = c.benchmark_group("int_counter_inc");
    group.bench_function("global", |b| {
        b.iter(|| HotMetrics::global().events_total.inc())
    });
    group.bench_function("raw_static", |b| b.iter(|| RAW_INT_COUNTER.inc()));
    group.bench_function("atomic_fetch_add", |b| {
        b.iter(|| ATOMIC.fetch_add(1, Ordering::Relaxed))
    });
    group.finish();

    // What test scopes cost production code: `global()` now checks one
    // process-wide flag first; `unscoped_baseline` is the path before
    // scopes existed. No scope is entered in this group.
    let mut group = c.benchmark_group("scopes_int_counter_inc");
    group.bench_function("global", |b| {
        b.iter(|| HotMetrics::global().events_total.inc())
    });
    group.bench_function("unscoped_baseline", |b| {
        b.iter(|| {
            <HotMetrics as Metrics>::__global()
                .__unscoped()
                .events_total
                .inc()
        })
    });
    group.bench_function("raw_static", |b| b.iter(|| RAW_INT_COUNTER.inc()));
    group.finish();

    let mut group = c.benchmark_group("counter_inc_by");
    group.bench_function("global", |b| {
        b.iter(|| HotMetrics::global().amount_total.inc_by(black_box(1.5)))
    });
    group.bench_function("raw_static", |b| {
        b.iter(|| RAW_COUNTER.inc_by(black_box(1.5)))
    });
    group.finish();

    let mut group = c.benchmark_group("int_gauge_set");
    group.bench_function("global", |b| {
        b.iter(|| HotMetrics::global().level.set(black_box(42)))
    });
    group.bench_function("raw_static", |b| {
        b.iter(|| RAW_INT_GAUGE.set(black_box(42)))
    });
    group.finish();

    let mut group = c.benchmark_group("histogram_observe");
    group.bench_function("global", |b| {
        b.iter(|| {
            HotMetrics::global()
                .latency_seconds
                .observe(black_box(0.05))
        })
    });
    group.bench_function("raw_static", |b| {
        b.iter(|| RAW_HISTOGRAM.observe(black_box(0.05)))
    });
    group.finish();
}

/// A native histogram's `observe` (lock-free, buckets found in an atomic
/// table) against a classic `prometheus` histogram's with the default 11
/// buckets, on the same latencies spread over four decades.
fn native_histogram(c: &mut Criterion) {
    let native =
        NativeHistogram::with_opts(NativeHistogramOpts::new("native_seconds", "Latency.")).unwrap();
    let classic = Histogram::with_opts(HistogramOpts::new("classic_seconds", "Latency.")).unwrap();
    let values: Vec<f64> = (0..64).map(|i| 1e-4 * 1.15f64.powi(i)).collect();
    let mut group = c.benchmark_group("native_histogram_observe");
    let mut next = 0;
    group.bench_function("native", |b| {
        b.iter(|| {
            next = (next + 1) & 63;
            native.observe(black_box(values[next]))
        })
    });
    group.bench_function("classic_default_buckets", |b| {
        b.iter(|| {
            next = (next + 1) & 63;
            classic.observe(black_box(values[next]))
        })
    });
    group.finish();
}

/// Two threads observing one histogram: ours against prometheus-client's
/// native histogram (which keeps its state behind a `Mutex`), both at
/// schema 3 without classic buckets.
fn native_histogram_two_threads(c: &mut Criterion) {
    use prometheus_client::metrics::histogram::{
        Histogram as ClientHistogram, NativeHistogramConfig,
    };
    const PER_THREAD: usize = 100_000;
    let ours =
        NativeHistogram::with_opts(NativeHistogramOpts::new("native_seconds", "Latency.")).unwrap();
    let theirs = ClientHistogram::new_native(NativeHistogramConfig::with_schema(3));
    let values: Vec<f64> = (0..64).map(|i| 1e-4 * 1.15f64.powi(i)).collect();
    let mut group = c.benchmark_group("native_histogram_two_threads_100k_observe");
    group.sample_size(20);
    group.bench_function("ours", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for _ in 0..2 {
                    s.spawn(|| {
                        (0..PER_THREAD).for_each(|i| ours.observe(black_box(values[i & 63])))
                    });
                }
            })
        })
    });
    group.bench_function("prometheus_client", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for _ in 0..2 {
                    s.spawn(|| {
                        (0..PER_THREAD).for_each(|i| theirs.observe(black_box(values[i & 63])))
                    });
                }
            })
        })
    });
    group.finish();
}

/// Exemplars: a plain update through `Exemplars<M>` against the bare
/// metric (the wrapper dereferences to it), and an update with an
/// exemplar against prometheus-client's exemplar counter and histogram,
/// each given the same label set and the system clock's time.
fn exemplars(c: &mut Criterion) {
    use prometheus_client::metrics::exemplar::{CounterWithExemplar, HistogramWithExemplars};
    use prometheus_component::prometheus::{Histogram, HistogramOpts};
    use prometheus_component::Exemplars;
    use std::time::SystemTime;

    let bare_counter = IntCounter::new("bare_total", "Bare.").unwrap();
    let wrapped_counter = Exemplars::new(IntCounter::new("wrapped_total", "Wrapped.").unwrap());
    let histogram = || Histogram::with_opts(HistogramOpts::new("h_seconds", "H.")).unwrap();
    let bare_histogram = histogram();
    let wrapped_histogram = Exemplars::new(histogram());
    let client_counter: CounterWithExemplar<Vec<(String, String)>> = CounterWithExemplar::default();
    let client_histogram: HistogramWithExemplars<Vec<(String, String)>> =
        HistogramWithExemplars::new(
            prometheus_component::prometheus::DEFAULT_BUCKETS
                .iter()
                .copied(),
        );
    let trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";

    let mut group = c.benchmark_group("exemplars_plain_update");
    group.bench_function("int_counter_inc", |b| {
        b.iter(|| black_box(&bare_counter).inc())
    });
    group.bench_function("exemplars_int_counter_inc", |b| {
        b.iter(|| black_box(&wrapped_counter).inc())
    });
    group.bench_function("histogram_observe", |b| {
        b.iter(|| black_box(&bare_histogram).observe(black_box(0.2)))
    });
    group.bench_function("exemplars_histogram_observe", |b| {
        b.iter(|| black_box(&wrapped_histogram).observe(black_box(0.2)))
    });
    group.finish();

    let mut group = c.benchmark_group("exemplars_update_with_exemplar");
    group.bench_function("ours_inc_with_exemplar", |b| {
        b.iter(|| wrapped_counter.inc_with_exemplar(&[("trace_id", black_box(trace_id))]))
    });
    group.bench_function("prometheus_client_counter_inc_by", |b| {
        b.iter(|| {
            let labels = vec![("trace_id".to_owned(), black_box(trace_id).to_owned())];
            client_counter.inc_by(1, Some(labels), Some(SystemTime::now()))
        })
    });
    group.bench_function("ours_observe_with_exemplar", |b| {
        b.iter(|| {
            wrapped_histogram
                .observe_with_exemplar(black_box(0.2), &[("trace_id", black_box(trace_id))])
        })
    });
    group.bench_function("prometheus_client_histogram_observe", |b| {
        b.iter(|| {
            let labels = vec![("trace_id".to_owned(), black_box(trace_id).to_owned())];
            client_histogram.observe(black_box(0.2), Some(labels), Some(SystemTime::now()))
        })
    });
    group.bench_function("system_clock_read", |b| {
        b.iter(|| black_box(SystemTime::now()))
    });
    group.finish();
}

/// Two threads on one counter against two threads on two counters: what
/// sharing a cache line costs, for the record.
fn contention(c: &mut Criterion) {
    const PER_THREAD: u64 = 100_000;
    let shared = IntCounter::new("shared_total", "Shared.").unwrap();
    let own = [
        IntCounter::new("a_total", "A.").unwrap(),
        IntCounter::new("b_total", "B.").unwrap(),
    ];
    let mut group = c.benchmark_group("two_threads_100k_inc");
    group.sample_size(20);
    group.bench_function("one_counter", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for _ in 0..2 {
                    s.spawn(|| (0..PER_THREAD).for_each(|_| shared.inc()));
                }
            })
        })
    });
    group.bench_function("two_counters", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for counter in &own {
                    s.spawn(move || (0..PER_THREAD).for_each(|_| counter.inc()));
                }
            })
        })
    });
    group.finish();
}

/// `global()` inside a scope, for the record: the thread-local stack is
/// searched on every call. Runs last, since entering a scope sets the
/// process-wide flag that the groups above measure unset.
fn inside_scope(c: &mut Criterion) {
    let test = HotMetrics::for_test();
    let _scope = test.enter();
    let registry = TestRegistry::new();
    let mut group = c.benchmark_group("scoped_int_counter_inc");
    group.bench_function("test_metrics_scope", |b| {
        b.iter(|| HotMetrics::global().events_total.inc())
    });
    {
        let _registry_scope = registry.enter();
        group.bench_function("test_registry_scope", |b| {
            b.iter(|| HotMetrics::global().events_total.inc())
        });
    }
    group.finish();
}

/// `global()` from a task with no scope of its own, on a tokio runtime a
/// test registry's scoped future is bound to (feature `tokio`): the thread's
/// stack is searched, then the runtime's binding is looked up.
#[cfg(feature = "tokio")]
fn runtime_bound_scope(c: &mut Criterion) {
    use std::future::Future;
    use std::task::{Context, Waker};

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let _in_runtime = runtime.enter();
    let registry = TestRegistry::new();
    // Polled once on this runtime, so it binds it; never completes, so it
    // stays bound while the bench runs. Its own frame is popped after the
    // poll: what follows finds the scope through the binding alone.
    let mut bound = Box::pin(registry.scope(std::future::pending::<()>()));
    let _ = bound.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    let mut group = c.benchmark_group("scoped_int_counter_inc");
    group.bench_function("runtime_bound_registry_scope", |b| {
        b.iter(|| HotMetrics::global().events_total.inc())
    });
    group.finish();
    assert!(
        registry.value("bench_hot_events_total", &[]) > Some(0.0),
        "the bench counted through the binding"
    );
}

#[cfg(not(feature = "tokio"))]
fn runtime_bound_scope(_: &mut Criterion) {}

criterion_group!(
    benches,
    updates,
    native_histogram,
    native_histogram_two_threads,
    exemplars,
    contention,
    inside_scope,
    runtime_bound_scope
);
criterion_main!(benches);
