use metrics_runtime::LabelValue;

#[derive(LabelValue)]
enum Method {
    Get,
    #[label(rename = "")]
    Unknown,
}

fn main() {}
