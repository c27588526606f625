use prometheus_component::metrics_component;
use prometheus_component::prometheus::{Gauge, IntCounter};

metrics_component! {
    /// The shorthands go through the derive's checks.
    pub struct HttpMetrics: "http" in "shop" {
        /// Requests received.
        requests_total: IntCounter["method"],
        /// Load.
        load: Gauge = [0.5, 0.1],
        /// Errors.
        errors_total: IntCounter { "__region" = "eu" },
        requests_in_flight: Gauge,
    }
}

fn main() {}
