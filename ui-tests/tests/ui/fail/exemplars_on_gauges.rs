use prometheus_component::prometheus::{IntGauge, IntGaugeVec};
use prometheus_component::{Exemplars, Metrics};

/// Exemplars are for counters and histograms only.
#[derive(Metrics)]
#[metrics(component = "pool")]
pub struct PoolMetrics {
    /// Connections open.
    pub open: Exemplars<IntGauge>,
    /// Connections open, by host.
    #[metric(labels = ["host"])]
    pub by_host: Exemplars<IntGaugeVec>,
}

fn main() {}
