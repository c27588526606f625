use prometheus_component::Metrics;

/// Not a struct.
#[derive(Metrics)]
#[metrics(component = "http")]
pub union HttpMetrics {
    requests_total: u64,
}

fn main() {}
