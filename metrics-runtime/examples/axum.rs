//! `/metrics` on an application's own axum router, next to its routes:
//! [`MetricsService`] answers scrapes with the exporter's negotiation
//! (protobuf, OpenMetrics or text, gzip, `HEAD`), and [`HttpMetricsLayer`]
//! measures every request by method, status code and route template.
//!
//! ```sh
//! cargo run -p prometheus-component --example axum --features axum
//! curl -s http://127.0.0.1:3000/orders/7 && curl -s http://127.0.0.1:3000/metrics
//! ```

use axum::extract::Path;
use axum::routing::get;
use axum::Router;
use prometheus_component::prometheus::IntCounter;
use prometheus_component::{HttpMetricsLayer, Metrics, Registry};

/// The shop's metrics.
#[derive(Metrics)]
#[metrics(component = "shop")]
pub struct ShopMetrics {
    /// Orders placed.
    pub orders_total: IntCounter,
}

/// The application's route: it counts through `global()`.
async fn order(Path(id): Path<u32>) -> String {
    ShopMetrics::global().orders_total.inc();
    format!("ordered {id}\n")
}

/// The application's router, measured, with `/metrics` on it (and not
/// measured: scrapes are not traffic).
pub fn router(registry: &Registry) -> Router {
    Router::new()
        .route("/orders/{id}", get(order))
        .route_service("/metrics", registry.service())
        .layer(HttpMetricsLayer::new().skip_route("/metrics"))
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
        "Serving on http://{}/orders/7 and /metrics",
        listener.local_addr()?
    );
    axum::serve(listener, router(Registry::global())).await
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
        let app = router(Registry::global());
        let server = tokio::spawn(async move { axum::serve(listener, app).await });

        for id in [7, 8] {
            let ordered = exchange(
                addr,
                &format!("GET /orders/{id} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
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
        assert!(text.contains("\nshop_orders_total 2\n"), "{text}");
        // The two orders, by route template; the scrapes are not counted.
        assert!(
            text.contains("http_server_requests_total{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/orders/{id}\"} 2\n"),
            "{text}"
        );
        assert!(!text.contains("http_route=\"/metrics\""), "{text}");

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
            open_metrics.contains("\nshop_orders_total 2\n"),
            "{open_metrics}"
        );
        assert!(open_metrics.ends_with("# EOF\n"), "{open_metrics}");

        let post = exchange(
            addr,
            "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(post.starts_with("HTTP/1.1 405"), "{post}");
        server.abort();
    }
}
