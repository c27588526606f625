use metrics_runtime::LabelValue;

#[derive(LabelValue)]
enum Nothing {}

fn main() {}
