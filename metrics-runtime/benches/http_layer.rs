//! What `HttpMetricsLayer` adds to a request, against axum-prometheus's
//! layer on the same router, in the same run: each router answers a
//! trivial handler through `oneshot` on a current-thread runtime, and a
//! layer's cost is its router's time less the bare router's.
//!
//! Run with `cargo bench -p prometheus-component --bench http_layer
//! --features axum`.

// `criterion_group!` generates functions without docs.
#![allow(missing_docs)]

use std::hint::black_box;

use axum::body::Body;
use axum::routing::get;
use axum::Router;
use criterion::{criterion_group, criterion_main, Criterion};
use http::Request;
use prometheus_component::HttpMetricsLayer;
use tower::ServiceExt;

fn routes() -> Router {
    Router::new()
        .route("/users/{id}", get(|| async { "a user" }))
        .route("/orders", get(|| async { "orders" }))
}

fn request() -> Request<Body> {
    Request::get("/users/42").body(Body::empty()).unwrap()
}

fn layers(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // axum-prometheus's handle spawns its upkeep task onto the runtime.
    let _entered = runtime.enter();
    let bare = routes();
    let ours = routes().layer(HttpMetricsLayer::new());
    let (layer, _handle) = axum_prometheus::PrometheusMetricLayer::pair();
    let theirs = routes().layer(layer);
    let mut group = c.benchmark_group("http_request_through_router");
    for (name, router) in [
        ("bare", &bare),
        ("http_metrics_layer", &ours),
        ("axum_prometheus", &theirs),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let response = runtime.block_on(router.clone().oneshot(request()));
                black_box(response.unwrap().status())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, layers);
criterion_main!(benches);
