use prometheus_component::prometheus::{Histogram, IntCounter};
use prometheus_component::Metrics;

/// The relay.
#[derive(Metrics)]
#[metrics(component = "relay", namespace = "nostr")]
pub struct RelayMetrics {
    /// Both forms of the name.
    #[metric(name = "query_seconds", full_name = "nostr_query_seconds")]
    pub query_seconds: Histogram,
    /// A full name breaks the name rules like any other.
    #[metric(full_name = "relay:events_total")]
    pub events_total: IntCounter,
    /// And promlint's.
    #[metric(full_name = "relay_latency_ms")]
    pub latency: Histogram,
    /// And the `_total` rule.
    #[metric(full_name = "relay_stored")]
    pub stored_total: IntCounter,
}

fn main() {}
