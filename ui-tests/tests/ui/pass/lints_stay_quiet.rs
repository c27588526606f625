#![deny(missing_docs, unused, non_local_definitions, clippy::all)]
//! Generated items raise no lint in a strict crate.

use prometheus_component::prometheus::IntCounter;
use prometheus_component::{metrics_component, Metrics};

/// In a module.
#[derive(Metrics)]
#[metrics(component = "strict")]
pub struct StrictMetrics {
    /// Checks.
    pub checks_total: IntCounter,
}

metrics_component! {
    /// By the macro.
    pub struct LooseMetrics: "loose" {
        /// Checks.
        checks_total: IntCounter,
    }
}

fn main() {
    /// Inside a function body.
    #[derive(Metrics)]
    #[metrics(component = "inner")]
    struct InnerMetrics {
        /// Checks.
        checks_total: IntCounter,
    }
    InnerMetrics::for_test().checks_total.inc();
    StrictMetrics::for_test().checks_total.inc();
    LooseMetrics::for_test().checks_total.inc();
}
