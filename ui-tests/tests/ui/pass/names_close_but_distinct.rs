use prometheus_component::prometheus::{IntCounter, IntGauge};
use prometheus_component::Metrics;

/// Component `web_api` with metric `calls_total`: `web_api_calls_total`.
#[derive(Metrics)]
#[metrics(component = "web_api")]
pub struct First {
    /// Calls.
    pub calls_total: IntCounter,
}

/// Component `web` with metric `api_calls_total` would give the same full
/// name; here the metric is `api_errors_total`, so nothing clashes, and the
/// component names `web` and `web_api` are distinct too.
#[derive(Metrics)]
#[metrics(component = "web")]
pub struct Second {
    /// Errors.
    pub api_errors_total: IntCounter,
}

/// A component named like another component's metric (`web_api_calls`):
/// component names and metric names are claimed apart, so no clash.
#[derive(Metrics)]
#[metrics(component = "web_api_calls", subsystem = "")]
pub struct Third {
    /// Queued calls.
    pub queued_calls: IntGauge,
}

fn main() {
    assert_eq!(First::descriptors()[0].name(), "web_api_calls_total");
    assert_eq!(Second::descriptors()[0].name(), "web_api_errors_total");
    assert_eq!(Third::descriptors()[0].name(), "queued_calls");
    let registry = prometheus_component::Registry::new();
    First::register(&registry).unwrap();
    Second::register(&registry).unwrap();
    Third::register(&registry).unwrap();
}
