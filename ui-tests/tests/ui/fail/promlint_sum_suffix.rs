use prometheus_component::prometheus::Gauge;
use prometheus_component::Metrics;

/// `_sum` is a histogram's series.
#[derive(Metrics)]
#[metrics(component = "cart")]
pub struct CartMetrics {
    /// Value of the open carts.
    pub value_sum: Gauge,
}

fn main() {}
