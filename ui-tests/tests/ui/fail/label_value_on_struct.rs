use metrics_runtime::LabelValue;

#[derive(LabelValue)]
struct Method {
    name: &'static str,
}

fn main() {}
