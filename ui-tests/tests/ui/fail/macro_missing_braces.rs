use prometheus_component::metrics_component;

metrics_component! {
    /// Header, but no body.
    pub struct HttpMetrics: "http" in "shop";
}

fn main() {}
