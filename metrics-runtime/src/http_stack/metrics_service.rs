//! `MetricsService`: a registry's `/metrics` as a `tower::Service`.

use std::convert::Infallible;
use std::future::{ready, Ready};
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::Full;
use tower_service::Service;

use crate::encoding::encode_options::EncodeOptions;
use crate::exporter::scrape::scrape_http;
use crate::registry::Registry;

/// A registry's `/metrics` as a [`tower::Service`](tower_service::Service)
/// over the `http` crate's types, which axum (`route_service`), tonic and
/// hyper (through hyper-util's `TowerToHyperService`) all take. It answers
/// as [`scrape`](crate::scrape) does: protobuf, OpenMetrics or text as `Accept` asks,
/// gzip when `Accept-Encoding` allows it, `HEAD` without a body, and 405
/// for other methods. It never fails: its error type is [`Infallible`].
///
/// Encoding is synchronous work of a few milliseconds at most for tens of
/// thousands of series; it runs in `call`, on the task that serves the
/// request.
///
/// ```
/// use prometheus_component::prometheus::IntCounter;
/// use prometheus_component::{Metrics, MetricsService, Registry};
/// use tower_service::Service;
///
/// /// The mailer.
/// #[derive(Metrics)]
/// #[metrics(component = "mailer")]
/// struct MailerMetrics {
///     /// Mails sent.
///     sent_total: IntCounter,
/// }
///
/// let registry = Registry::new();
/// MailerMetrics::register(&registry)?.sent_total.inc();
/// let mut service = MetricsService::new(registry);
/// let request = http::Request::get("/metrics").body(()).unwrap();
/// let future = service.call(request);
/// let response = futures_executor_block_on(future).unwrap();
/// assert_eq!(response.status(), 200);
/// # fn futures_executor_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     // `MetricsService`'s future is always ready.
/// #     let waker = std::task::Waker::noop();
/// #     let mut f = std::pin::pin!(f);
/// #     match f.as_mut().poll(&mut std::task::Context::from_waker(waker)) {
/// #         std::task::Poll::Ready(out) => out,
/// #         std::task::Poll::Pending => unreachable!(),
/// #     }
/// # }
/// # Ok::<(), prometheus_component::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct MetricsService {
    registry: Registry,
    options: EncodeOptions,
}

impl MetricsService {
    /// A service answering scrapes of `registry` (a clone shares the
    /// same registry).
    pub fn new(registry: Registry) -> Self {
        MetricsService {
            registry,
            options: EncodeOptions::new(),
        }
    }

    /// Whether OpenMetrics answers have a `_created` line after each
    /// counter and histogram series of a component (default `false`), as
    /// [`ExporterBuilder::created_timestamps`](crate::ExporterBuilder::created_timestamps).
    ///
    /// ```
    /// use prometheus_component::Registry;
    /// let service = Registry::global().service().created_timestamps(true);
    /// # let _ = service;
    /// ```
    pub fn created_timestamps(mut self, on: bool) -> Self {
        self.options = self.options.created_timestamps(on);
        self
    }

    /// The registry it serves.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }
}

impl Registry {
    /// This registry's `/metrics` as a [`tower::Service`](tower_service::Service):
    /// [`MetricsService::new`] on a clone of it.
    ///
    /// ```
    /// use prometheus_component::Registry;
    /// let service = Registry::global().service();
    /// # let _ = service;
    /// ```
    pub fn service(&self) -> MetricsService {
        MetricsService::new(self.clone())
    }
}

impl<B> Service<Request<B>> for MetricsService {
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future = Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        ready(Ok(answer(&self.registry, self.options, &request)))
    }
}

/// The scrape's answer as an `http` response.
fn answer<B>(
    registry: &Registry,
    options: EncodeOptions,
    request: &Request<B>,
) -> Response<Full<Bytes>> {
    scrape_http(registry, options, request).map(|body| Full::new(Bytes::from(body)))
}
