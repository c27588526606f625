use metrics_runtime::LabelValue;

#[derive(LabelValue)]
enum Class {
    Success,
    #[label(rename = "success")]
    Ok,
}

fn main() {}
