use prometheus_component::Metrics;

type Count = std::sync::atomic::AtomicU64;

/// An alias of an unsupported type is just as unsupported.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: Count,
}

fn main() {}
