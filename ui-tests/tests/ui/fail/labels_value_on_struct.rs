use prometheus_component::LabelValue;

#[derive(LabelValue)]
struct Method {
    name: &'static str,
}

fn main() {}
