//! Components shared by the benchmarks.

#![allow(dead_code)]

use prometheus_component::prometheus::{
    Counter, Gauge, Histogram, HistogramOpts, IntCounter, IntGauge, Opts, Registry,
};
use prometheus_component::Metrics;

/// The hot-path metrics, one of each type.
#[derive(Metrics)]
#[metrics(component = "hot", namespace = "bench")]
pub struct HotMetrics {
    /// Events.
    pub events_total: IntCounter,
    /// Amount.
    pub amount_total: Counter,
    /// Level.
    pub level: IntGauge,
    /// Latency.
    #[metric(buckets = [0.001, 0.01, 0.1, 1.0])]
    pub latency_seconds: Histogram,
}

/// Twenty metrics: the size of a typical component.
#[derive(Metrics)]
#[metrics(component = "wide", namespace = "bench")]
pub struct WideMetrics {
    /// Metric 0.
    pub m00_total: IntCounter,
    /// Metric 1.
    pub m01_total: IntCounter,
    /// Metric 2.
    pub m02_total: IntCounter,
    /// Metric 3.
    pub m03_total: IntCounter,
    /// Metric 4.
    pub m04_total: IntCounter,
    /// Metric 5.
    pub m05_total: Counter,
    /// Metric 6.
    pub m06_total: Counter,
    /// Metric 7.
    pub m07_total: Counter,
    /// Metric 8.
    pub m08_total: Counter,
    /// Metric 9.
    pub m09_total: Counter,
    /// Metric 10.
    pub m10: IntGauge,
    /// Metric 11.
    pub m11: IntGauge,
    /// Metric 12.
    pub m12: IntGauge,
    /// Metric 13.
    pub m13: Gauge,
    /// Metric 14.
    pub m14: Gauge,
    /// Metric 15.
    pub m15: Gauge,
    /// Metric 16.
    pub m16_seconds: Histogram,
    /// Metric 17.
    pub m17_seconds: Histogram,
    /// Metric 18.
    pub m18_seconds: Histogram,
    /// Metric 19.
    pub m19_seconds: Histogram,
}

/// The same twenty metrics, built and registered by hand with `prometheus`.
/// `WideMetrics`' names and help texts, as string literals in a
/// hand-written registration.
const WIDE_NAMES: [&str; 20] = [
    "bench_wide_m00_total",
    "bench_wide_m01_total",
    "bench_wide_m02_total",
    "bench_wide_m03_total",
    "bench_wide_m04_total",
    "bench_wide_m05_total",
    "bench_wide_m06_total",
    "bench_wide_m07_total",
    "bench_wide_m08_total",
    "bench_wide_m09_total",
    "bench_wide_m10",
    "bench_wide_m11",
    "bench_wide_m12",
    "bench_wide_m13",
    "bench_wide_m14",
    "bench_wide_m15",
    "bench_wide_m16_seconds",
    "bench_wide_m17_seconds",
    "bench_wide_m18_seconds",
    "bench_wide_m19_seconds",
];

const WIDE_HELPS: [&str; 20] = [
    "Metric 0.",
    "Metric 1.",
    "Metric 2.",
    "Metric 3.",
    "Metric 4.",
    "Metric 5.",
    "Metric 6.",
    "Metric 7.",
    "Metric 8.",
    "Metric 9.",
    "Metric 10.",
    "Metric 11.",
    "Metric 12.",
    "Metric 13.",
    "Metric 14.",
    "Metric 15.",
    "Metric 16.",
    "Metric 17.",
    "Metric 18.",
    "Metric 19.",
];

pub struct WideByHand {
    pub registry: Registry,
    pub int_counters: Vec<IntCounter>,
    pub counters: Vec<Counter>,
    pub int_gauges: Vec<IntGauge>,
    pub gauges: Vec<Gauge>,
    pub histograms: Vec<Histogram>,
}

/// Builds and registers [`WideByHand`]'s metrics.
pub fn wide_by_hand() -> WideByHand {
    let registry = Registry::new();
    let opts = |i: usize| Opts::new(WIDE_NAMES[i], WIDE_HELPS[i]);
    let int_counters: Vec<_> = (0..5)
        .map(|i| IntCounter::with_opts(opts(i)).unwrap())
        .collect();
    let counters: Vec<_> = (5..10)
        .map(|i| Counter::with_opts(opts(i)).unwrap())
        .collect();
    let int_gauges: Vec<_> = (10..13)
        .map(|i| IntGauge::with_opts(opts(i)).unwrap())
        .collect();
    let gauges: Vec<_> = (13..16)
        .map(|i| Gauge::with_opts(opts(i)).unwrap())
        .collect();
    let histograms: Vec<_> = (16..20)
        .map(|i| Histogram::with_opts(HistogramOpts::new(WIDE_NAMES[i], WIDE_HELPS[i])).unwrap())
        .collect();
    for c in &int_counters {
        registry.register(Box::new(c.clone())).unwrap();
    }
    for c in &counters {
        registry.register(Box::new(c.clone())).unwrap();
    }
    for g in &int_gauges {
        registry.register(Box::new(g.clone())).unwrap();
    }
    for g in &gauges {
        registry.register(Box::new(g.clone())).unwrap();
    }
    for h in &histograms {
        registry.register(Box::new(h.clone())).unwrap();
    }
    WideByHand {
        registry,
        int_counters,
        counters,
        int_gauges,
        gauges,
        histograms,
    }
}
