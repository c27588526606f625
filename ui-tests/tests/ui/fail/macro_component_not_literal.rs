use prometheus_component::metrics_component;
use prometheus_component::prometheus::IntCounter;

metrics_component! {
    /// The component name must be a string literal.
    pub struct HttpMetrics: http {
        /// Requests received.
        requests_total: IntCounter,
    }
}

fn main() {
    // The struct exists all the same, so its uses add no error.
    HttpMetrics::for_test().requests_total.inc();
}
