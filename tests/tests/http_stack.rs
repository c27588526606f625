//! The tower `/metrics` service and the request metrics layer, as an axum
//! application, or a bare hyper server, uses them.

use std::io::Read;

use axum::body::Body;
use axum::routing::get;
use axum::Router;
use flate2::read::GzDecoder;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use metrics_tests::support;
use prometheus_component::prometheus::{IntCounter, IntCounterVec, IntGaugeVec};
use prometheus_component::{
    catalog, HttpMetricsLayer, HttpServerComponent, Metrics, MetricsService, NativeHistogramVec,
    Registry, TestRegistry, PROTOBUF_CONTENT_TYPE,
};
use tower::{Layer, Service, ServiceExt};

/// The application's own metrics, next to the layer's.
#[derive(Metrics)]
#[metrics(component = "stack_shop")]
struct ShopMetrics {
    /// Orders placed.
    orders_total: IntCounter,
}

async fn order() -> StatusCode {
    ShopMetrics::global().orders_total.inc();
    StatusCode::CREATED
}

/// Two routes, `/metrics` skipped, under the layer.
fn app(registry: &Registry) -> Router {
    Router::new()
        .route("/users/{id}", get(|| async { "a user" }))
        .route("/orders", get(|| async { "orders" }).post(order))
        .route_service("/metrics", registry.service())
        .layer(HttpMetricsLayer::new().skip_route("/metrics"))
}

async fn send(app: &Router, method: &str, path: &str) -> StatusCode {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::empty())
        .unwrap();
    app.clone().oneshot(request).await.unwrap().status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_axum_app_is_measured_by_method_status_and_route_inside_a_test_scope() {
    let registry = TestRegistry::new();
    let app = app(registry.registry());
    registry
        .scope(async {
            for id in [1, 2, 3] {
                assert_eq!(send(&app, "GET", &format!("/users/{id}")).await, 200);
            }
            assert_eq!(send(&app, "POST", "/orders").await, 201);
            assert_eq!(send(&app, "GET", "/orders").await, 200);
            assert_eq!(send(&app, "GET", "/no/such/page").await, 404);
            assert_eq!(send(&app, "PURGE", "/orders").await, 405);
            assert_eq!(send(&app, "GET", "/metrics").await, 200);
        })
        .await;

    let requests = |method: &str, status: &str, route: &str| {
        registry.value(
            "http_server_requests_total",
            &[
                ("http_request_method", method),
                ("http_response_status_code", status),
                ("http_route", route),
            ],
        )
    };
    // The route is the template, never the path.
    assert_eq!(requests("GET", "200", "/users/{id}"), Some(3.0));
    assert_eq!(requests("POST", "201", "/orders"), Some(1.0));
    assert_eq!(requests("GET", "200", "/orders"), Some(1.0));
    // An unknown path: the one unmatched value (no label).
    assert_eq!(requests("GET", "404", ""), Some(1.0));
    // An invented method: `_OTHER`; the route matched, the method did not.
    assert_eq!(requests("_OTHER", "405", "/orders"), Some(1.0));
    // `/metrics` is skipped; the application counted through `global()` too.
    assert_eq!(requests("GET", "200", "/metrics"), None);
    assert_eq!(registry.value("stack_shop_orders_total", &[]), Some(1.0));

    let duration = registry
        .native_histogram(
            "http_server_request_duration_seconds",
            &[
                ("http_request_method", "GET"),
                ("http_response_status_code", "200"),
                ("http_route", "/users/{id}"),
            ],
        )
        .expect("a duration per request");
    assert_eq!(duration.count, 3);
    assert!(duration.sum > 0.0);
    // Classic buckets too, the conventions' own, for text scrapers.
    let classic = registry
        .histogram(
            "http_server_request_duration_seconds",
            &[
                ("http_request_method", "GET"),
                ("http_response_status_code", "200"),
                ("http_route", "/users/{id}"),
            ],
        )
        .expect("classic view");
    assert_eq!(classic.count, 3);
    assert_eq!(classic.buckets.len(), 14, "{:?}", classic.buckets);
    // Nothing in flight once every response is in.
    for method in ["GET", "POST", "_OTHER"] {
        assert_eq!(
            registry.value(
                "http_server_active_requests",
                &[("http_request_method", method)]
            ),
            Some(0.0),
            "{method}"
        );
    }
    println!("{}", registry.encode_text());

    // Nothing leaked into the global registry.
    assert_eq!(
        Registry::global()
            .encode_text()
            .matches("http_server_requests_total{")
            .count(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_distinct_paths_make_a_bounded_number_of_series() {
    let registry = TestRegistry::new();
    let app = app(registry.registry());
    registry
        .scope(async {
            for n in 0..10_000 {
                let path = if n % 2 == 0 {
                    format!("/users/{n}")
                } else {
                    format!("/random/{n}/path")
                };
                send(&app, "GET", &path).await;
            }
        })
        .await;
    let text = registry.encode_text();
    // One counter series per (method, status, route): the user route and
    // the unmatched one, whatever the 10,000 paths were.
    let counters: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("http_server_requests_total{"))
        .collect();
    assert_eq!(counters.len(), 2, "{counters:?}");
    assert!(text.contains(
        "http_server_requests_total{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/users/{id}\"} 5000\n"
    ));
    assert!(text.contains(
        "http_server_requests_total{http_request_method=\"GET\",http_response_status_code=\"404\",http_route=\"\"} 5000\n"
    ));
    // Every series of the three metrics: 2 counters, 2 histograms (each
    // `_count`, `_sum` and 15 buckets in text), 1 gauge.
    let series = text
        .lines()
        .filter(|l| l.starts_with("http_server_"))
        .count();
    assert_eq!(series, 2 + 2 * (2 + 15) + 1, "{text}");
}

#[tokio::test]
async fn a_route_function_names_routes_without_a_router() {
    let registry = TestRegistry::new();
    let service = tower::service_fn(|_: Request<Body>| async {
        Ok::<_, std::convert::Infallible>(http::Response::new(Body::empty()))
    });
    let service = HttpMetricsLayer::new()
        .route_fn(|_, uri, _| {
            uri.path()
                .starts_with("/items/")
                .then(|| "/items/{id}".to_owned())
        })
        .unmatched_route("unmatched")
        .layer(service);
    registry
        .scope(async {
            for path in ["/items/1", "/items/2", "/elsewhere"] {
                let request = Request::get(path).body(Body::empty()).unwrap();
                service.clone().oneshot(request).await.unwrap();
            }
        })
        .await;
    let requests = |route: &str| {
        registry.value(
            "http_server_requests_total",
            &[
                ("http_request_method", "GET"),
                ("http_response_status_code", "200"),
                ("http_route", route),
            ],
        )
    };
    assert_eq!(requests("/items/{id}"), Some(2.0));
    assert_eq!(requests("unmatched"), Some(1.0));
}

#[tokio::test]
async fn a_request_dropped_before_its_response_leaves_the_in_flight_gauge() {
    let registry = TestRegistry::new();
    let (release, wait) = tokio::sync::oneshot::channel::<()>();
    let wait = std::sync::Mutex::new(Some(wait));
    let service = tower::service_fn(move |_: Request<Body>| {
        let wait = wait.lock().unwrap().take();
        async move {
            if let Some(wait) = wait {
                let _ = wait.await;
            }
            Ok::<_, std::convert::Infallible>(http::Response::new(Body::empty()))
        }
    });
    let mut service = HttpMetricsLayer::new().layer(service);
    let in_flight = || {
        registry.value(
            "http_server_active_requests",
            &[("http_request_method", "GET")],
        )
    };
    service.ready().await.unwrap();
    let future = {
        // `call` finds the component: the scope must be on then.
        let _scope = registry.enter();
        service.call(Request::get("/slow").body(Body::empty()).unwrap())
    };
    assert_eq!(in_flight(), Some(1.0));
    drop(future);
    drop(release);
    assert_eq!(in_flight(), Some(0.0));
    assert_eq!(
        registry.value(
            "http_server_requests_total",
            &[
                ("http_request_method", "GET"),
                ("http_response_status_code", "200"),
                ("http_route", "")
            ]
        ),
        None
    );
}

/// The same three metrics in a component of the application's own, with
/// a namespace and a constant label.
#[derive(Metrics)]
#[metrics(namespace = "stack", component = "http_server")]
struct OwnHttpMetrics {
    /// Duration of HTTP server requests.
    #[metric(labels = ["http_request_method", "http_response_status_code", "http_route"],
             native(), const_labels = [("service", "shop")])]
    request_duration_seconds: NativeHistogramVec,
    /// HTTP server requests answered.
    #[metric(labels = ["http_request_method", "http_response_status_code", "http_route"],
             const_labels = [("service", "shop")])]
    requests_total: IntCounterVec,
    /// HTTP server requests being answered.
    #[metric(labels = ["http_request_method"], const_labels = [("service", "shop")])]
    active_requests: IntGaugeVec,
}

impl HttpServerComponent for OwnHttpMetrics {
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

#[tokio::test]
async fn the_layer_records_into_a_component_of_the_applications_own() {
    let registry = TestRegistry::new();
    let app = Router::new()
        .route("/users/{id}", get(|| async { "a user" }))
        .layer(HttpMetricsLayer::new().component::<OwnHttpMetrics>());
    registry
        .scope(async { send(&app, "GET", "/users/1").await })
        .await;
    assert_eq!(
        registry.value(
            "stack_http_server_requests_total",
            &[
                ("http_request_method", "GET"),
                ("http_response_status_code", "200"),
                ("http_route", "/users/{id}"),
                ("service", "shop"),
            ],
        ),
        Some(1.0)
    );
    assert!(!registry
        .encode_text()
        .contains("\nhttp_server_requests_total{"));
    // Its component name, `http_server`, is free: the layer's own
    // component is `http_metrics_layer`, its metrics named in full.
    if let Err(clashes) = catalog::check() {
        panic!("{clashes:?}");
    }
}

/// The `MetricsService` answers as the exporter does.
async fn scrape_service(request: Request<Body>) -> (StatusCode, http::HeaderMap, Vec<u8>) {
    let registry = Registry::new();
    ShopMetrics::register(&registry)
        .unwrap()
        .orders_total
        .inc_by(42);
    let response = MetricsService::new(registry)
        .oneshot(request)
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let body = body.collect().await.unwrap().to_bytes().to_vec();
    (parts.status, parts.headers, body)
}

fn get_with(headers: &[(&str, &str)], method: &str) -> Request<Body> {
    let mut request = Request::builder().method(method).uri("/metrics");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn the_metrics_service_negotiates_as_the_exporter_does() {
    // Plain text without headers.
    let (status, headers, body) = scrape_service(get_with(&[], "GET")).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    assert_eq!(headers["content-length"], body.len().to_string().as_str());
    assert!(String::from_utf8(body)
        .unwrap()
        .contains("stack_shop_orders_total 42\n"));

    // OpenMetrics, gzip, as Prometheus 3 asks.
    let (_, headers, body) = scrape_service(get_with(
        &[
            ("accept", "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,text/plain;version=0.0.4;q=0.3,*/*;q=0.2"),
            ("accept-encoding", "gzip"),
        ],
        "GET",
    ))
    .await;
    assert_eq!(
        headers["content-type"],
        "application/openmetrics-text; version=1.0.0; charset=utf-8"
    );
    assert_eq!(headers["content-encoding"], "gzip");
    let mut text = String::new();
    GzDecoder::new(&body[..]).read_to_string(&mut text).unwrap();
    assert!(
        text.ends_with("stack_shop_orders_total 42\n# EOF\n"),
        "{text}"
    );

    // Protobuf first, as Prometheus with native histograms asks.
    let (_, headers, body) = scrape_service(get_with(
        &[("accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,text/plain;version=0.0.4;q=0.5")],
        "GET",
    ))
    .await;
    assert_eq!(headers["content-type"], PROTOBUF_CONTENT_TYPE);
    let families = support::metrics_proto::decode_stream(&body);
    assert_eq!(families[0].name, "stack_shop_orders_total");

    // HEAD: the headers of GET, no body.
    let (status, get_headers, _) = scrape_service(get_with(&[], "GET")).await;
    let (head_status, head_headers, head_body) = scrape_service(get_with(&[], "HEAD")).await;
    assert_eq!((status.as_u16(), head_status.as_u16()), (200, 200));
    assert!(head_body.is_empty());
    assert_eq!(
        head_headers["content-length"],
        get_headers["content-length"]
    );

    // Another method: 405 with `Allow`.
    let (status, headers, _) = scrape_service(get_with(&[], "POST")).await;
    assert_eq!(status, 405);
    assert_eq!(headers["allow"], "GET, HEAD");
}

/// A foreign collector that panics when collected.
struct Panicking(Vec<prometheus_component::prometheus::core::Desc>);

impl prometheus_component::prometheus::core::Collector for Panicking {
    fn desc(&self) -> Vec<&prometheus_component::prometheus::core::Desc> {
        self.0.iter().collect()
    }

    fn collect(&self) -> Vec<prometheus_component::prometheus::proto::MetricFamily> {
        panic!("a broken collector");
    }
}

#[tokio::test]
async fn the_metrics_service_answers_500_when_a_collector_panics() {
    let registry = Registry::new();
    let desc = prometheus_component::prometheus::core::Desc::new(
        "broken".into(),
        "Broken.".into(),
        vec![],
        Default::default(),
    )
    .unwrap();
    registry
        .prometheus()
        .register(Box::new(Panicking(vec![desc])))
        .unwrap();
    let service = registry.service();
    for _ in 0..2 {
        let response = service.clone().oneshot(get_with(&[], "GET")).await.unwrap();
        assert_eq!(response.status(), 500);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert!(String::from_utf8_lossy(&body).contains("a collector panicked"));
    }
}

#[test]
fn the_metrics_service_serves_through_hyper_alone() {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    use hyper_util::server::conn::auto;
    use hyper_util::service::TowerToHyperService;

    let registry = Registry::new();
    ShopMetrics::register(&registry)
        .unwrap()
        .orders_total
        .inc_by(7);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let service = TowerToHyperService::new(registry.service());
    runtime.spawn(async move {
        // One connection per request of this test, at most two.
        for _ in 0..2 {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let service = service.clone();
            tokio::spawn(async move {
                let _ = auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    let (status, headers, body) = support::exchange(
        addr,
        "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(
        support::header(&headers, "content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    assert!(String::from_utf8_lossy(&body).contains("stack_shop_orders_total 7\n"));
}
