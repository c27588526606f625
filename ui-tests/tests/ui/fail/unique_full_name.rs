use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// One component.
#[derive(Metrics)]
#[metrics(component = "relay")]
pub struct RelayMetrics {
    /// Events.
    #[metric(full_name = "nostr_events_total")]
    pub events_total: IntCounter,
}

/// Another, which composes the same name.
#[derive(Metrics)]
#[metrics(component = "events", namespace = "nostr", subsystem = "")]
pub struct EventMetrics {
    /// Events.
    pub events_total: IntCounter,
}

fn main() {}
