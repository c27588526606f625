use prometheus_component::LabelValue;

#[derive(LabelValue)]
enum Nothing {}

fn main() {}
