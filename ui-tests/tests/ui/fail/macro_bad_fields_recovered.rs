use prometheus_component::metrics_component;
use prometheus_component::prometheus::{IntCounter, IntGauge};

metrics_component! {
    /// Each broken field is reported, and the others still read.
    pub struct HttpMetrics: "http" {
        /// Requests received.
        requests_total IntCounter,
        /// Requests in flight.
        in_flight: IntGauge,
        /// Responses sent.
        responses_total: IntCounter,
        /// Errors.
        errors_total: IntCounter { region = "eu" },
    }
}

fn main() {
    let m = HttpMetrics::for_test();
    m.in_flight.set(1);
    m.responses_total.inc();
}
