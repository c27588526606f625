use prometheus_component::prometheus::{HistogramVec, IntCounter};
use prometheus_component::{metrics_component, Metrics};

/// The derive form.
#[derive(Metrics)]
#[metrics(component = "a", namespace = "same", subsystem = "x")]
pub struct ByDerive {
    /// Requests received.
    #[metric(const_labels = [("region", "eu")])]
    pub requests_total: IntCounter,
    /// Latency.
    #[metric(labels = ["route"], buckets = [0.1, 1.0])]
    pub latency_seconds: HistogramVec,
}

metrics_component! {
    /// The macro form of the same declaration, under another component.
    #[metrics(subsystem = "y")]
    pub struct ByMacro: "b" in "same" {
        /// Requests received.
        requests_total: IntCounter { "region" = "eu" },
        /// Latency.
        latency_seconds: HistogramVec["route"] = [0.1, 1.0],
    }
}

fn main() {
    for (a, b) in ByDerive::descriptors().iter().zip(ByMacro::descriptors()) {
        assert_eq!(a.name().replace("_x_", "_y_"), b.name());
        assert_eq!((a.field(), a.help(), a.metric_type()), (b.field(), b.help(), b.metric_type()));
        assert_eq!((a.labels(), a.const_labels(), a.buckets()), (b.labels(), b.const_labels(), b.buckets()));
    }
    ByMacro::for_test().requests_total.inc();
}
