use prometheus_component::prometheus::IntCounter;
use prometheus_component::{Metrics, Registry};

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
    // The same series, whichever handle updates them.
    again.logins_total.inc();
    assert_eq!(AuthMetrics::global().logins_total.get(), 2);
    assert!(AuthMetrics::try_global().is_ok());
    assert!(Registry::global().encode_text().contains("auth_logins_total 2"));
}
