use metrics_runtime::metrics_component;
use metrics_runtime::prometheus::IntCounter;

metrics_component! {
    /// `_` names no metric.
    pub struct HttpMetrics: "http" {
        /// Requests received.
        _: IntCounter,
        /// Responses sent.
        responses_total: IntCounter,
    }
}

fn main() {}
