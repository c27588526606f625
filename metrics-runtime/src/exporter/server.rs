//! The serving loop: accepting within the connection cap, one hyper
//! HTTP/1 connection per request under a deadline, and the routes.

use std::convert::Infallible;
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use hyper::body::Incoming;
use hyper::header::{HeaderValue, ALLOW, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Semaphore};

use super::{ExporterBuilder, METRICS_PATH};
use crate::registry::{Registry, TEXT_CONTENT_TYPE};

/// hyper refuses read buffers smaller than this (it asserts), so smaller
/// limits are raised to it rather than passed on.
const MIN_HEADER_BYTES: usize = 8 * 1024;

/// How long to pause accepting after `accept` fails (typically: out of file
/// descriptors), so the loop waits for connections to close instead of spinning.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// The longest timeout passed on: hyper adds timeouts to `Instant::now()`,
/// which panics on overflow, so "practically never" is capped to a year.
const MAX_TIMEOUT: Duration = Duration::from_secs(365 * 24 * 60 * 60);

pub(super) struct Server {
    pub(super) registry: Registry,
    pub(super) config: ExporterBuilder,
}

impl Server {
    pub(super) async fn run(self, listener: TcpListener, mut stopped: oneshot::Receiver<()>) {
        let config = &self.config;
        let permits = config.max_connections.clamp(1, Semaphore::MAX_PERMITS);
        let slots = Arc::new(Semaphore::new(permits));
        let graceful = GracefulShutdown::new();
        let mut http = http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(config.header_read_timeout.min(MAX_TIMEOUT))
            .max_buf_size(config.max_header_bytes.max(MIN_HEADER_BYTES))
            .keep_alive(false);

        loop {
            // Taking a slot before accepting leaves excess connections in the
            // kernel's backlog instead of holding them open here.
            let Some(Ok(slot)) = until(&mut stopped, slots.clone().acquire_owned()).await else {
                break;
            };
            let stream = match until(&mut stopped, listener.accept()).await {
                None => break,
                Some(Ok((stream, _peer))) => stream,
                Some(Err(_)) => {
                    if until(&mut stopped, tokio::time::sleep(ACCEPT_BACKOFF))
                        .await
                        .is_none()
                    {
                        break;
                    }
                    continue;
                }
            };
            let registry = self.registry.clone();
            let service = service_fn(move |request: Request<Incoming>| {
                let response = respond(&registry, &request);
                async move { Ok::<_, Infallible>(response) }
            });
            let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
            let deadline = config.request_timeout.min(MAX_TIMEOUT);
            tokio::spawn(async move {
                // Errors here are the client's (malformed request, timeout,
                // reset): the connection is closed and there is no one to tell.
                let _ = tokio::time::timeout(deadline, connection).await;
                drop(slot);
            });
        }

        drop(listener);
        let grace = config.shutdown_grace.min(MAX_TIMEOUT);
        let _ = tokio::time::timeout(grace, graceful.shutdown()).await;
    }
}

/// Runs `future` until it completes (`Some`) or the stop signal arrives
/// (`None`, also when the `Exporter` was dropped without sending it).
/// After `None` the caller must not call this again: the receiver has
/// completed.
async fn until<F: Future>(stop: &mut oneshot::Receiver<()>, future: F) -> Option<F::Output> {
    let mut future = pin!(future);
    poll_fn(|cx| {
        if Pin::new(&mut *stop).poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        future.as_mut().poll(cx).map(Some)
    })
    .await
}

fn respond(registry: &Registry, request: &Request<Incoming>) -> Response<String> {
    if request.uri().path() != METRICS_PATH {
        return plain(
            StatusCode::NOT_FOUND,
            format!("Not found: metrics are served on {METRICS_PATH}\n"),
        );
    }
    if request.method() != Method::GET {
        let mut response = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "Method not allowed: use GET\n".to_owned(),
        );
        response
            .headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET"));
        return response;
    }
    let mut response = Response::new(registry.encode_text());
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(TEXT_CONTENT_TYPE));
    response
}

fn plain(status: StatusCode, body: String) -> Response<String> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
