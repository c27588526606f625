use metrics_runtime::metrics_component;
use metrics_runtime::prometheus::IntCounterVec;

metrics_component! {
    /// Labels given twice: as a shorthand and as an attribute.
    pub struct HttpMetrics: "http" {
        /// Responses sent.
        #[metric(labels = ["class"])]
        responses_total: IntCounterVec["method"],
    }
}

fn main() {}
