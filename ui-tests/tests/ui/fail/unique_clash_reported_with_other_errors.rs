use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A clash is reported together with the declaration's other errors.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

mod other {
    use prometheus_component::prometheus::IntCounter;
    use prometheus_component::Metrics;

    /// Same component name, and a metric without help.
    #[derive(Metrics)]
    #[metrics(component = "http", namespace = "other")]
    pub struct OtherMetrics {
        pub requests_total: IntCounter,
    }
}

fn main() {}
