//! The serving loop: accepting within the connection cap, one hyper
//! HTTP/1 connection per request under a deadline, and the routes.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::future::{poll_fn, Future};
use std::io::Cursor;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Semaphore};
use tokio::task::AbortHandle;

use super::exporter_metrics::ExporterMetrics;
use super::{ExporterBuilder, METRICS_PATH};
use crate::encoding::encode_options::EncodeOptions;
use crate::exporter::scrape::scrape_http;
use crate::registry::Registry;

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
    /// Where the requests are counted, unless that is turned off.
    pub(super) requests: Option<Arc<ExporterMetrics>>,
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
        // Connections that hold a slot but have not sent a whole request
        // yet, oldest first: the ones to give up when the slots run out.
        let mut waiting: VecDeque<Waiting> = VecDeque::new();

        loop {
            // Accepting first, and only then finding a slot, means a new
            // connection (a real scraper, say) is never stuck in the
            // kernel's backlog behind idle or trickling sockets.
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
            waiting.retain(Waiting::still_waiting);
            let slot = match slots.clone().try_acquire_owned() {
                Ok(slot) => slot,
                Err(_) => {
                    // Full: give up the connection that has waited longest
                    // for its request. If every slot has a request in
                    // progress, the cap applies: wait for one to finish.
                    if let Some(oldest) = waiting.pop_front() {
                        oldest.task.abort();
                    }
                    match until(&mut stopped, slots.clone().acquire_owned()).await {
                        Some(Ok(slot)) => slot,
                        _ => break,
                    }
                }
            };
            let registry = self.registry.clone();
            let requests = self.requests.clone();
            let options = config.encode_options;
            let started = Arc::new(AtomicBool::new(false));
            let request_started = started.clone();
            let service = service_fn(move |request: Request<Incoming>| {
                request_started.store(true, Ordering::Relaxed);
                let response = respond(&registry, options, &request);
                if let Some(requests) = &requests {
                    requests
                        .requests_total
                        .with_label_values(&[response.status().as_str()])
                        .inc();
                }
                async move { Ok::<_, Infallible>(response) }
            });
            let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
            let deadline = config.request_timeout.min(MAX_TIMEOUT);
            let task = tokio::spawn(async move {
                // Errors here are the client's (malformed request, timeout,
                // reset): the connection is closed and there is no one to tell.
                let _ = tokio::time::timeout(deadline, connection).await;
                drop(slot);
            });
            waiting.push_back(Waiting {
                started,
                task: task.abort_handle(),
            });
        }

        drop(listener);
        let grace = config.shutdown_grace.min(MAX_TIMEOUT);
        let _ = tokio::time::timeout(grace, graceful.shutdown()).await;
    }
}

/// A connection that may still be waiting for its request.
struct Waiting {
    started: Arc<AtomicBool>,
    task: AbortHandle,
}

impl Waiting {
    fn still_waiting(&self) -> bool {
        !self.started.load(Ordering::Relaxed) && !self.task.is_finished()
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

fn respond(
    registry: &Registry,
    options: EncodeOptions,
    request: &Request<Incoming>,
) -> Response<Payload> {
    if request.uri().path() != METRICS_PATH {
        let text = format!("Not found: metrics are served on {METRICS_PATH}\n");
        let mut response = Response::new(Payload(Some(text.into_bytes())));
        *response.status_mut() = StatusCode::NOT_FOUND;
        response.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        return response;
    }
    scrape_http(registry, options, request).map(|body| Payload(Some(body)))
}

/// A response body sent in one piece.
pub(super) struct Payload(Option<Vec<u8>>);

impl Body for Payload {
    type Data = Cursor<Vec<u8>>;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Infallible>>> {
        let chunk = self.0.take().filter(|bytes| !bytes.is_empty());
        Poll::Ready(chunk.map(|bytes| Ok(Frame::data(Cursor::new(bytes)))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.as_ref().is_none_or(Vec::is_empty)
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.0.as_ref().map_or(0, |bytes| bytes.len() as u64))
    }
}
