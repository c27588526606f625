use prometheus_component::prometheus::IntCounter;
use prometheus_component::{metrics_component, Metrics};

metrics_component! {
    /// The macro implements `Metrics` itself.
    #[derive(Metrics)]
    pub struct HttpMetrics: "http" {
        /// Requests received.
        requests_total: IntCounter,
    }
}

fn main() {}
