//! `/metrics` on an application's own axum router, next to its routes, with
//! the exporter's negotiation (OpenMetrics or text, gzip, `HEAD`) through
//! the framework-neutral `prometheus_component::scrape`.
//!
//! ```sh
//! cargo run -p prometheus-component --example axum --features http
//! curl -s http://127.0.0.1:3000/order && curl -s http://127.0.0.1:3000/metrics
//! ```

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use prometheus_component::prometheus::IntCounter;
use prometheus_component::{scrape, Metrics, Registry, ScrapeRequest};

/// The shop's metrics.
#[derive(Metrics)]
#[metrics(component = "shop")]
pub struct ShopMetrics {
    /// Orders placed.
    pub orders_total: IntCounter,
}

/// The application's route: it counts through `global()`.
async fn order() -> &'static str {
    ShopMetrics::global().orders_total.inc();
    "ordered\n"
}

/// `GET`/`HEAD /metrics`: the registry, as the scraper asks for it.
async fn metrics(State(registry): State<Registry>, method: Method, headers: HeaderMap) -> Response {
    let header = |name| headers.get(name).and_then(|value| value.to_str().ok());
    let answer = scrape(
        &registry,
        &ScrapeRequest {
            method: method.as_str(),
            accept: header(header::ACCEPT),
            accept_encoding: header(header::ACCEPT_ENCODING),
        },
    );
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, answer.body).into_response();
    for (name, value) in answer.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// The application's router with `/metrics` on it.
pub fn router(registry: Registry) -> Router {
    Router::new()
        .route("/order", get(order))
        .route("/metrics", get(metrics))
        .with_state(registry)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    // Every component exported from the first scrape.
    if let Err(errors) = Registry::global().register_all() {
        for error in errors {
            eprintln!("not exported: {error}");
        }
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!(
        "Serving on http://{}/order and /metrics",
        listener.local_addr()?
    );
    axum::serve(listener, router(Registry::global().clone())).await
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    async fn exchange(addr: std::net::SocketAddr, request: &str) -> String {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.unwrap();
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[tokio::test]
    async fn the_router_serves_metrics_next_to_the_application() {
        // This example's test binary has nothing else in the global registry.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let served = Registry::global().clone();
        let server = tokio::spawn(async move { axum::serve(listener, router(served)).await });

        for _ in 0..2 {
            let ordered = exchange(
                addr,
                "GET /order HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            )
            .await;
            assert!(ordered.starts_with("HTTP/1.1 200 OK"), "{ordered}");
        }

        let text = exchange(
            addr,
            "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(text.starts_with("HTTP/1.1 200 OK"), "{text}");
        assert!(
            text.contains("content-type: text/plain; version=0.0.4"),
            "{text}"
        );
        assert!(text.ends_with("shop_orders_total 2\n"), "{text}");

        let open_metrics = exchange(
            addr,
            "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: application/openmetrics-text;version=1.0.0\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(
            open_metrics.contains("content-type: application/openmetrics-text; version=1.0.0"),
            "{open_metrics}"
        );
        assert!(
            open_metrics.ends_with("shop_orders_total 2\n# EOF\n"),
            "{open_metrics}"
        );

        let post = exchange(
            addr,
            "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(post.starts_with("HTTP/1.1 405"), "{post}");
        server.abort();
    }
}
