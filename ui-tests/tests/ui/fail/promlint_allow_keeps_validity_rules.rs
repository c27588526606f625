use prometheus_component::prometheus::{IntCounterVec, IntGauge};
use prometheus_component::Metrics;

/// Every promlint rule allowed: the data model's rules still hold.
#[derive(Metrics)]
#[metrics(
    component = "legacy",
    allow(counter_total, reserved_suffix, type_in_name, base_unit, abbreviated_unit, camel_case)
)]
pub struct LegacyMetrics {
    /// `:` is for recording rules.
    #[metric(full_name = "job:requests:rate5m")]
    pub rate: IntGauge,
    /// `__` is Prometheus's own.
    #[metric(full_name = "__hidden")]
    pub hidden: IntGauge,
    /// Label names keep their rules.
    #[metric(labels = ["le", "__meta"])]
    pub requests_total: IntCounterVec,
    /// The snake_case rule is relaxed: no error here.
    #[metric(name = "responsesTotal", labels = ["statusCode"])]
    pub responses_total: IntCounterVec,
}

fn main() {}
