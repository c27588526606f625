//! Resident memory across 100,000 `for_test()` create-and-drop cycles:
//! nothing of a dropped test instance may stay reachable.
//!
//! Run with `cargo bench -p metrics-runtime --bench memory`; it prints the
//! resident set size before and after (Linux: `/proc/self/statm`).

mod common;

use common::WideMetrics;

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
    let n = if full { 100_000 } else { 1_000 };
    // Warm up: allocator arenas, lazy statics.
    cycles(1_000);
    let before = resident_bytes();
    cycles(n);
    let after = resident_bytes();
    match (before, after) {
        (Some(before), Some(after)) => {
            let growth = after as i64 - before as i64;
            println!(
                "for_test() x {n}: resident {:.2} MiB -> {:.2} MiB, growth {:+.3} MiB",
                before as f64 / 1048576.0,
                after as f64 / 1048576.0,
                growth as f64 / 1048576.0
            );
        }
        _ => println!("resident memory is not readable on this platform"),
    }
}
