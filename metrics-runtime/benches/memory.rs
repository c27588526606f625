//! Resident memory across 100,000 `for_test()` create-and-drop cycles
//! (nothing of a dropped test instance may stay reachable), 100,000
//! enter/drop cycles of one test instance's scope, and 10,000
//! `TestRegistry` scopes that each touch 3 components (scopes leak what
//! `global()` hands out as `&'static`, so that growth must stay bounded).
//!
//! Run with `cargo bench -p metrics-runtime --bench memory`; it prints the
//! resident set size before and after (Linux: `/proc/self/statm`).

mod common;

use common::{HotMetrics, WideMetrics};
use metrics_runtime::prometheus::{IntCounter, IntGauge};
use metrics_runtime::{Metrics, TestRegistry};

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

fn registry_scope_cycles(n: usize) {
    for _ in 0..n {
        let registry = TestRegistry::new();
        let _scope = registry.enter();
        HotMetrics::global().events_total.inc();
        QueueMetrics::global().queued_total.inc();
        PoolMetrics::global().opened_total.inc();
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
        "TestRegistry scope touching 3 components",
        10_000 / scale,
        registry_scope_cycles,
    );
}
