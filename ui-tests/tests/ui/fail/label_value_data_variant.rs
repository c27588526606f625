use metrics_runtime::LabelValue;

#[derive(LabelValue)]
enum Method {
    Get,
    Custom(String),
}

fn main() {}
