use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A name must start with a letter.
#[derive(Metrics)]
#[metrics(component = "2fa")]
pub struct AuthMetrics {
    /// Logins.
    pub logins_total: IntCounter,
}

fn main() {}
