use prometheus_component::LabelValue;

#[derive(LabelValue)]
enum Method {
    #[label(name = "GET")]
    Get,
}

fn main() {}
