use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// A name must start with a letter.
#[derive(Metrics)]
#[metrics(component = "2fa")]
pub struct AuthMetrics {
    /// Logins.
    pub logins_total: IntCounter,
}

fn main() {}
