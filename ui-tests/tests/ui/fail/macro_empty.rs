use metrics_runtime::metrics_component;

metrics_component! {}

fn main() {}
