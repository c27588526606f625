use prometheus_component::metrics_component;
use prometheus_component::prometheus::IntCounter;

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
