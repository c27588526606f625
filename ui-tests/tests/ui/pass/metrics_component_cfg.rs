use prometheus_component::{metrics_component, Metrics};
use prometheus_component::prometheus::{IntCounter, IntGauge};

metrics_component! {
    /// Fields behind `#[cfg]` and attributes behind `#[cfg_attr]`, as with the derive.
    pub struct CacheMetrics: "cache" {
        /// Lookups.
        lookups_total: IntCounter,
        /// Behind a condition that never holds.
        #[cfg(any())]
        evictions_total: IntCounter,
        /// Only in test builds of this file, which is never one.
        #[cfg(test)]
        test_only_total: IntCounter,
        /// Renamed where `not(test)` holds, which is here.
        #[cfg_attr(not(test), metric(name = "entries"))]
        size: IntGauge,
        /// Left as is where the condition fails.
        #[cfg_attr(test, metric(name = "never"))]
        capacity: IntGauge,
    }
}

fn main() {
    let names: Vec<&str> = CacheMetrics::descriptors().iter().map(|d| d.name()).collect();
    assert_eq!(names, ["cache_lookups_total", "cache_entries", "cache_capacity"]);
    let m = CacheMetrics::for_test();
    m.lookups_total.inc();
    m.size.set(2);
    assert_eq!(m.value("cache_entries", &[]), Some(2.0));
}
