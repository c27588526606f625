use prometheus_component::Metrics;

/// Not a struct.
#[derive(Metrics)]
#[metrics(component = "http")]
pub enum HttpMetrics {
    Requests,
}

fn main() {}
