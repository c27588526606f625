use prometheus_component::metrics_component;
use prometheus_component::prometheus::IntCounter;

metrics_component! {
    /// `shop_http_requests_total`.
    pub struct HttpMetrics: "http" in "shop" {
        /// Requests received.
        requests_total: IntCounter,
    }

    /// `shop_http_requests_total` again.
    #[metrics(subsystem = "http")]
    pub struct FrontMetrics: "front" in "shop" {
        /// Requests accepted.
        requests_total: IntCounter,
    }
}

fn main() {}
