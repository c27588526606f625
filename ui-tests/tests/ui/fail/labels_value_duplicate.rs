use prometheus_component::LabelValue;

#[derive(LabelValue)]
enum Class {
    Success,
    #[label(rename = "success")]
    Ok,
}

fn main() {}
