use metrics_runtime::LabelValue;

#[derive(LabelValue)]
enum Method {
    #[label(name = "GET")]
    Get,
}

fn main() {}
