use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// One field that breaks three rules, `abbreviated_unit`,
/// `reserved_suffix` and `counter_total`, and a second that breaks
/// `base_unit` and `type_in_name`: every one shows in one compile.
#[derive(Metrics)]
#[metrics(component = "dhcp")]
pub struct DhcpMetrics {
    /// Time spent answering, in milliseconds, as the legacy code counted it.
    pub latency_ms_sum: IntCounter,
    /// Leases handed out, as a counter of milliseconds.
    pub lease_counter_milliseconds_total: IntCounter,
}

fn main() {}
