use prometheus_component::metrics_component;
use prometheus_component::prometheus::IntCounter;

metrics_component! {
    /// The component named in the header and in `#[metrics(...)]`.
    #[metrics(component = "front")]
    pub struct HttpMetrics: "http" {
        /// Requests received.
        requests_total: IntCounter,
    }
}

fn main() {}
