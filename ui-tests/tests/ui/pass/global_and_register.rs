use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::{Metrics, Registry};

/// Registered once, whichever way it is reached.
#[derive(Metrics)]
#[metrics(component = "auth")]
pub struct AuthMetrics {
    /// Logins.
    pub logins_total: IntCounter,
}

fn main() {
    AuthMetrics::global().logins_total.inc();
    let again = AuthMetrics::register(Registry::global()).unwrap();
    assert!(std::ptr::eq(&*again, AuthMetrics::global()));
    assert!(AuthMetrics::try_global().is_ok());
    assert!(Registry::global().encode_text().contains("auth_logins_total 1"));
}
