//! Components declared through a renamed dependency on
//! `prometheus-component` (`metrics = { package = "prometheus-component" }`),
//! with every macro: the derive, `metrics_component!` and `LabelValue`.
//! Without a `crate = "..."` attribute, the macros find the crate by the
//! name this crate's Cargo.toml gives it.

use metrics::prometheus::{Histogram, IntCounter, IntCounterVec};
use metrics::{metrics_component, LabelValue, Labeled, Metrics};

/// The HTTP method, as a typed label.
#[derive(LabelValue, Clone, Copy)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
}

/// Metrics of a front end, declared with the derive.
#[derive(Metrics)]
#[metrics(component = "front", namespace = "renamed")]
pub struct FrontMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
    /// Responses sent, by status class.
    #[metric(labels = ["class"])]
    pub responses_total: IntCounterVec,
    /// Requests by method.
    #[metric(labels = [method: Method])]
    pub methods_total: Labeled<IntCounter, Method>,
}

metrics_component! {
    /// Metrics of a back end, declared with `metrics_component!`.
    pub struct BackMetrics: "back" in "renamed" {
        /// Time spent per query.
        query_seconds: Histogram = [0.01, 0.1, 1.0],
    }
}
