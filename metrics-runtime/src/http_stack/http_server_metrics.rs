//! The request metrics `HttpMetricsLayer` records: a component of this
//! crate, named after OpenTelemetry's HTTP server conventions.

// The derive's catalog entry, declared in this crate, expands to the
// linker-section statics of the slice declared here (see `catalog`).
#![allow(unsafe_code)]

use prometheus::{IntCounterVec, IntGaugeVec};

use crate::component::metrics::Metrics;
use crate::native::vec::NativeHistogramVec;

/// The request metrics of an HTTP server, as OpenTelemetry's semantic
/// conventions for HTTP servers name them
/// (<https://opentelemetry.io/docs/specs/semconv/http/http-metrics/>,
/// `http.server.request.duration` and `http.server.active_requests`) and
/// as Prometheus writes OpenTelemetry names (dots to underscores, the
/// unit as a suffix):
///
/// | metric | type | labels |
/// |---|---|---|
/// | `http_server_request_duration_seconds` | native histogram, with the convention's classic buckets | `http_request_method`, `http_response_status_code`, `http_route` |
/// | `http_server_requests_total` | counter | the same |
/// | `http_server_active_requests` | gauge | `http_request_method` |
///
/// The conventions have no request counter (they count with the
/// histogram's `_count`); `http_server_requests_total` is here for
/// dashboards and alerts that want a plain counter.
///
/// [`HttpMetricsLayer::new`](crate::HttpMetricsLayer::new) records into
/// this component's [`global()`](Metrics::global), so a test scope sees
/// its own; declare your own component and implement
/// [`HttpServerComponent`] for it for a namespace or constant labels.
///
/// Its component name is `http_metrics_layer`, and its metrics have full
/// names, so that a component of yours named `http_server` does not clash
/// with it.
#[derive(crate::Metrics)]
#[metrics(crate = "crate", component = "http_metrics_layer")]
pub struct HttpServerMetrics {
    /// Duration of HTTP server requests, until the response's head is
    /// ready.
    #[metric(
        full_name = "http_server_request_duration_seconds",
        labels = ["http_request_method", "http_response_status_code", "http_route"],
        native(),
        buckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0]
    )]
    pub request_duration_seconds: NativeHistogramVec,
    /// HTTP server requests answered.
    #[metric(
        full_name = "http_server_requests_total",
        labels = ["http_request_method", "http_response_status_code", "http_route"]
    )]
    pub requests_total: IntCounterVec,
    /// HTTP server requests being answered.
    #[metric(full_name = "http_server_active_requests", labels = ["http_request_method"])]
    pub active_requests: IntGaugeVec,
}

/// A component [`HttpMetricsLayer`](crate::HttpMetricsLayer) can record
/// into: three fields with [`HttpServerMetrics`]'s types and label names.
/// Implement it for your own component to give the metrics a namespace or
/// constant labels, checked at compile time and listed in the catalog
/// like any other:
///
/// ```
/// use prometheus_component::prometheus::{IntCounterVec, IntGaugeVec};
/// use prometheus_component::{HttpMetricsLayer, HttpServerComponent, Metrics, NativeHistogramVec};
///
/// /// The shop's HTTP server.
/// #[derive(Metrics)]
/// #[metrics(namespace = "shop", component = "http_server")]
/// pub struct ShopHttpMetrics {
///     /// Duration of HTTP server requests.
///     #[metric(labels = ["http_request_method", "http_response_status_code", "http_route"],
///              native(), const_labels = [("service", "shop")])]
///     pub request_duration_seconds: NativeHistogramVec,
///     /// HTTP server requests answered.
///     #[metric(labels = ["http_request_method", "http_response_status_code", "http_route"],
///              const_labels = [("service", "shop")])]
///     pub requests_total: IntCounterVec,
///     /// HTTP server requests being answered.
///     #[metric(labels = ["http_request_method"], const_labels = [("service", "shop")])]
///     pub active_requests: IntGaugeVec,
/// }
///
/// impl HttpServerComponent for ShopHttpMetrics {
///     fn request_duration_seconds(&self) -> &NativeHistogramVec { &self.request_duration_seconds }
///     fn requests_total(&self) -> &IntCounterVec { &self.requests_total }
///     fn active_requests(&self) -> &IntGaugeVec { &self.active_requests }
/// }
///
/// let layer = HttpMetricsLayer::new().component::<ShopHttpMetrics>();
/// # let _ = layer;
/// ```
///
/// The label values are passed in the order above: method, status code,
/// route; and method alone for the gauge.
pub trait HttpServerComponent: Metrics {
    /// The request duration histogram, by method, status code and route.
    fn request_duration_seconds(&self) -> &NativeHistogramVec;
    /// The request counter, by method, status code and route.
    fn requests_total(&self) -> &IntCounterVec;
    /// The gauge of requests in flight, by method.
    fn active_requests(&self) -> &IntGaugeVec;
}

impl HttpServerComponent for HttpServerMetrics {
    fn request_duration_seconds(&self) -> &NativeHistogramVec {
        &self.request_duration_seconds
    }

    fn requests_total(&self) -> &IntCounterVec {
        &self.requests_total
    }

    fn active_requests(&self) -> &IntGaugeVec {
        &self.active_requests
    }
}

/// The method as the conventions label it: one of the methods of RFC 9110
/// and PATCH (RFC 5789), or `_OTHER`, so that a client inventing methods
/// cannot make new series.
pub(crate) fn method_label(method: &http::Method) -> &'static str {
    match *method {
        http::Method::GET => "GET",
        http::Method::HEAD => "HEAD",
        http::Method::POST => "POST",
        http::Method::PUT => "PUT",
        http::Method::DELETE => "DELETE",
        http::Method::CONNECT => "CONNECT",
        http::Method::OPTIONS => "OPTIONS",
        http::Method::TRACE => "TRACE",
        http::Method::PATCH => "PATCH",
        _ => "_OTHER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_method_outside_the_standard_ones_is_other() {
        assert_eq!(method_label(&http::Method::GET), "GET");
        assert_eq!(method_label(&http::Method::PATCH), "PATCH");
        let invented = http::Method::from_bytes(b"PURGE").unwrap();
        assert_eq!(method_label(&invented), "_OTHER");
        let lower = http::Method::from_bytes(b"get").unwrap();
        assert_eq!(method_label(&lower), "_OTHER");
    }

    #[test]
    fn the_names_follow_the_conventions() {
        let names: Vec<&str> = HttpServerMetrics::descriptors()
            .iter()
            .map(|d| d.name())
            .collect();
        assert_eq!(
            names,
            [
                "http_server_request_duration_seconds",
                "http_server_requests_total",
                "http_server_active_requests"
            ]
        );
    }
}
