use prometheus_component::metrics_component;

metrics_component! {
    /// Not a struct.
    pub enum HttpMetrics {
        Requests,
    }
}

fn main() {}
