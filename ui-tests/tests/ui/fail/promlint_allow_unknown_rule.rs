use prometheus_component::prometheus::IntGauge;
use prometheus_component::Metrics;

/// A misspelt rule, and a validity rule that cannot be allowed.
#[derive(Metrics)]
#[metrics(component = "proxy", allow(reserved_sufix))]
pub struct ProxyMetrics {
    /// Connections.
    #[metric(allow(name_syntax, counter_total = true))]
    pub ingress_count: IntGauge,
    /// Not a list.
    #[metric(allow = "camel_case")]
    pub depth: IntGauge,
}

fn main() {}
