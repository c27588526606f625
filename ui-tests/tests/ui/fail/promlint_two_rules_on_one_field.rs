use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A legacy counter named like a histogram's series breaks two rules,
/// `reserved_suffix` and `counter_total`: both show in one compile.
#[derive(Metrics)]
#[metrics(component = "dhcp")]
pub struct DhcpMetrics {
    /// Requests received.
    pub requests_count: IntCounter,
}

fn main() {}
