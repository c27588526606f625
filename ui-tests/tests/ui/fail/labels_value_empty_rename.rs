use prometheus_component::LabelValue;

#[derive(LabelValue)]
enum Method {
    Get,
    #[label(rename = "")]
    Unknown,
}

fn main() {}
