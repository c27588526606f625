use prometheus_component::metrics_component;
use prometheus_component::prometheus::IntCounterVec;

metrics_component! {
    /// Labels given twice: as a shorthand and as an attribute.
    pub struct HttpMetrics: "http" {
        /// Responses sent.
        #[metric(labels = ["class"])]
        responses_total: IntCounterVec["method"],
    }
}

fn main() {}
