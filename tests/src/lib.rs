//! What the integration tests share, compiled once: components in a crate
//! of their own, so that the tests can meet what only happens across
//! crates (two component types with the same name, which the compile-time
//! checks cannot see), and [`support`] for the tests that need the real
//! thing (promtool, Prometheus, a Pushgateway, HTTP).

pub mod support;

use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A component named `checkout`, like one in the `registration` test.
#[derive(Debug, Metrics)]
#[metrics(component = "checkout", namespace = "other")]
pub struct OtherCheckoutMetrics {
    /// Checkouts started.
    pub started_total: IntCounter,
}

/// A component whose metric name is also used by one in the `registration`
/// test, under another component name.
#[derive(Debug, Metrics)]
#[metrics(component = "legacy", namespace = "shop", subsystem = "orders")]
pub struct LegacyOrderMetrics {
    /// Orders placed.
    pub placed_total: IntCounter,
}
