//! The Rust HTTP stack's side: [`MetricsService`], a `tower::Service`
//! that answers scrapes with the exporter's negotiation, and
//! [`HttpMetricsLayer`], request metrics for any tower service (axum,
//! tonic, bare hyper) recorded into a component of this crate.
//!
//! May use: everything below it (`registry`, `component`, `exporter`'s
//! `scrape`), `tower-service`, `tower-layer` and `http`; `axum` (feature
//! `axum`) for its matched route only.

pub(crate) mod http_metrics_layer;
pub(crate) mod http_server_metrics;
pub(crate) mod metrics_service;
pub(crate) mod route;
