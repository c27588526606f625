use prometheus_component::metrics_component;

metrics_component! {}

fn main() {}
