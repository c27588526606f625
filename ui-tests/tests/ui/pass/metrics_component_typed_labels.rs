use prometheus_component::prometheus::IntCounter;
use prometheus_component::{metrics_component, LabelValue, Labeled};

#[derive(LabelValue)]
pub enum Method {
    Get,
    Post,
}

#[derive(LabelValue)]
pub enum Class {
    #[label(rename = "2xx")]
    Success,
    #[label(rename = "5xx")]
    ServerError,
}

metrics_component! {
    /// Typed labels through the shorthand: `TYPE[name: Type, ...]`.
    pub struct FrontMetrics: "front" {
        /// Responses sent.
        responses_total: Labeled<IntCounter, (Method, Class)>[method: Method, class: Class],
    }
}

fn main() {
    let m = FrontMetrics::for_test();
    m.responses_total.get((Method::Post, Class::Success)).inc();
    assert_eq!(
        m.value("front_responses_total", &[("method", "post"), ("class", "2xx")]),
        Some(1.0)
    );
    assert_eq!(
        m.value("front_responses_total", &[("method", "get"), ("class", "5xx")]),
        Some(0.0)
    );
    let _ = (Method::Get, Class::ServerError);
}
