use metrics_runtime::metrics_component;
use metrics_runtime::prometheus::IntCounter;

metrics_component! {
    /// The component named in the header and in `#[metrics(...)]`.
    #[metrics(component = "front")]
    pub struct HttpMetrics: "http" {
        /// Requests received.
        requests_total: IntCounter,
    }
}

fn main() {}
