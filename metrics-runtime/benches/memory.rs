//! Resident memory across 100,000 `for_test()` create-and-drop cycles
//! (nothing of a dropped test instance may stay reachable), 100,000
//! enter/drop cycles of one test instance's scope, 10,000 scopes of one
//! `TestRegistry` that each touch 3 components, and, for the record, 10,000
//! new `TestRegistry`s touching the same 3 (what `global()` hands out is
//! `&'static`, so each test registry keeps its instances until the process
//! exits: growth is bounded by the registries made, never by scopes entered).
//! With the `tokio` feature, also 10,000 scoped futures of one test registry
//! run on one tokio runtime, each binding it, spawning a task that touches
//! the 3 components, and unbinding it.
//!
//! Run with `cargo bench -p prometheus-component --bench memory`; it prints the
//! resident set size before and after (Linux: `/proc/self/statm`).

mod common;

use common::{HotMetrics, WideMetrics};
use prometheus_component::prometheus::{IntCounter, IntGauge};
use prometheus_component::{Metrics, TestRegistry};

/// A small component next to `HotMetrics` in the registry scopes.
#[derive(Metrics)]
#[metrics(component = "queue", namespace = "bench")]
struct QueueMetrics {
    /// Items queued.
    queued_total: IntCounter,
    /// Items waiting.
    depth: IntGauge,
}

/// Another small component.
#[derive(Metrics)]
#[metrics(component = "pool", namespace = "bench")]
struct PoolMetrics {
    /// Connections opened.
    opened_total: IntCounter,
}

fn scope_cycles(n: usize) {
    let m = HotMetrics::for_test();
    for _ in 0..n {
        let _scope = m.enter();
        HotMetrics::global().events_total.inc();
    }
}

fn touch_three_components() {
    HotMetrics::global().events_total.inc();
    QueueMetrics::global().queued_total.inc();
    PoolMetrics::global().opened_total.inc();
}

/// Scopes of one test registry: its instances are made once and reused.
fn registry_scope_cycles(n: usize) {
    let registry = TestRegistry::new();
    for _ in 0..n {
        let _scope = registry.enter();
        touch_three_components();
    }
}

/// A new test registry every time: each leaks its own instances (what a
/// test suite with `n` tests, each with its own registry, pays).
fn new_registry_cycles(n: usize) {
    for _ in 0..n {
        let registry = TestRegistry::new();
        let _scope = registry.enter();
        touch_three_components();
    }
}

/// Scoped futures on a tokio runtime: each binds the runtime while it runs
/// and spawns a task that counts through the binding.
#[cfg(feature = "tokio")]
fn runtime_bound_scope_cycles(n: usize) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let registry = TestRegistry::new();
    for _ in 0..n {
        runtime.block_on(registry.scope(async {
            tokio::spawn(async { touch_three_components() })
                .await
                .unwrap();
        }));
    }
}

fn measure(what: &str, n: usize, run: impl Fn(usize)) {
    // Warm up: allocator arenas, lazy statics.
    run(n / 100 + 1);
    let before = resident_bytes();
    run(n);
    let after = resident_bytes();
    match (before, after) {
        (Some(before), Some(after)) => {
            let growth = after as i64 - before as i64;
            println!(
                "{what} x {n}: resident {:.2} MiB -> {:.2} MiB, growth {:+.3} MiB",
                before as f64 / 1048576.0,
                after as f64 / 1048576.0,
                growth as f64 / 1048576.0
            );
        }
        _ => println!("resident memory is not readable on this platform"),
    }
}

fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

fn cycles(n: usize) {
    for _ in 0..n {
        let m = WideMetrics::for_test();
        m.m00_total.inc();
        drop(m);
    }
}

/// Keeps `n` native histograms (the default 160 buckets at most), each
/// with 160 buckets in use, observed from one thread; and beside them `n`
/// classic histograms with the default 11 buckets. Prints each kind's
/// resident bytes per histogram.
fn histograms_kept(n: usize) {
    use prometheus_component::prometheus::{Histogram, HistogramOpts};
    use prometheus_component::{NativeHistogram, NativeHistogramOpts};
    // The middles of 160 neighbouring buckets at schema 3 (bucket k is
    // (2^((k-1)/8), 2^(k/8)]), so no rounding moves one to a neighbour.
    let values: Vec<f64> = (-80..80)
        .map(|k| 2f64.powf((f64::from(k) - 0.5) / 8.0))
        .collect();
    let per_histogram = |what: &str, make: &dyn Fn() -> Box<dyn std::any::Any>| {
        let before = resident_bytes();
        let kept: Vec<_> = (0..n).map(|_| make()).collect();
        let after = resident_bytes();
        if let (Some(before), Some(after)) = (before, after) {
            println!(
                "{what} x {n}: {:.0} resident bytes each",
                (after - before) as f64 / n as f64
            );
        }
        drop(kept);
    };
    per_histogram("classic histogram, 11 buckets", &|| {
        let h = Histogram::with_opts(HistogramOpts::new("h_seconds", "H.")).unwrap();
        values.iter().for_each(|&v| h.observe(v));
        Box::new(h)
    });
    per_histogram("native histogram, 160 buckets in use", &|| {
        let h = NativeHistogram::with_opts(NativeHistogramOpts::new("h_seconds", "H.")).unwrap();
        values.iter().for_each(|&v| h.observe(v));
        Box::new(h)
    });
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing:
    // run a short pass then, so the harness stays cheap in test runs.
    let full = std::env::args().any(|a| a == "--bench");
    let scale = if full { 1 } else { 100 };
    measure("for_test()", 100_000 / scale, cycles);
    measure(
        "enter()/drop of one for_test() instance",
        100_000 / scale,
        scope_cycles,
    );
    measure(
        "enter()/drop of one TestRegistry, touching 3 components",
        10_000 / scale,
        registry_scope_cycles,
    );
    measure(
        "new TestRegistry entered once, touching 3 components",
        10_000 / scale,
        new_registry_cycles,
    );
    histograms_kept(10_000 / scale);
    #[cfg(feature = "tokio")]
    measure(
        "scoped future of one TestRegistry bound to a tokio runtime, spawning a task",
        10_000 / scale,
        runtime_bound_scope_cycles,
    );
}
