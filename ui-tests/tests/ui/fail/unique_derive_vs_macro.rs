use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

use prometheus_component::metrics_component;

/// Declared with the derive.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

metrics_component! {
    /// Declared with the macro, under the same component name.
    pub struct FrontMetrics: "http" in "front" {
        /// Requests received.
        requests_total: IntCounter,
    }
}

fn main() {}
