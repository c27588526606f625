use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::{metrics_component, Metrics};

metrics_component! {
    /// The macro implements `Metrics` itself.
    #[derive(Metrics)]
    pub struct HttpMetrics: "http" {
        /// Requests received.
        requests_total: IntCounter,
    }
}

fn main() {}
