use prometheus_component::LabelValue;

#[derive(LabelValue)]
enum Method {
    Get,
    Custom(String),
}

fn main() {}
