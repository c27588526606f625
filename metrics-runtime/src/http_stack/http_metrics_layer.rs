//! `HttpMetricsLayer`: request count, duration and requests in flight
//! for any tower service, recorded into a component.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use pin_project_lite::pin_project;
use prometheus::IntGauge;
use tower_layer::Layer;
use tower_service::Service;

use crate::http_stack::http_server_metrics::{
    method_label, HttpServerComponent, HttpServerMetrics,
};
use crate::http_stack::route::{Route, RouteLabels};

/// A [`tower::Layer`](tower_layer::Layer) that records, for every request
/// through the service it wraps, the request count and duration by
/// method, status code and route, and the requests in flight by method,
/// into [`HttpServerMetrics`] (or your own [`HttpServerComponent`]).
///
/// The component is looked up with [`global()`](crate::Metrics::global)
/// on each request, so requests served inside a test scope (a
/// [`TestRegistry`](crate::TestRegistry) or a `for_test()` instance, with
/// the `tokio` feature for spawned connection tasks) are recorded into
/// the test's own instance.
///
/// **Bounded series by construction.** The method is one of the standard
/// methods or `_OTHER`; the status code has three digits; the route is a
/// template: axum's `MatchedPath` (feature `axum`), or what
/// [`route_fn`](Self::route_fn) returns. A request neither knows gets the
/// one value [`unmatched_route`](Self::unmatched_route) sets (by default
/// empty, which Prometheus reads as no `http_route` label, as the
/// conventions say for a request without a route): never its raw path.
///
/// The duration runs from the request reaching the layer to the inner
/// service's response head being ready; a request whose future is dropped
/// before that (a client gone) leaves the in-flight gauge and is not
/// counted.
///
/// ```
/// use axum::routing::get;
/// use axum::Router;
/// use prometheus_component::{HttpMetricsLayer, Registry};
///
/// let app: Router = Router::new()
///     .route("/users/{id}", get(|| async { "a user" }))
///     .route_service("/metrics", Registry::global().service())
///     .layer(HttpMetricsLayer::new().skip_route("/metrics"));
/// # let _ = app;
/// ```
pub struct HttpMetricsLayer<C = HttpServerMetrics> {
    routes: Arc<RouteLabels>,
    component: PhantomData<fn() -> C>,
}

impl HttpMetricsLayer {
    /// A layer recording into [`HttpServerMetrics`], with routes from
    /// axum's `MatchedPath` when the feature `axum` is on.
    pub fn new() -> Self {
        HttpMetricsLayer {
            routes: Arc::new(RouteLabels::new()),
            component: PhantomData,
        }
    }
}

impl Default for HttpMetricsLayer {
    fn default() -> Self {
        HttpMetricsLayer::new()
    }
}

impl<C> Clone for HttpMetricsLayer<C> {
    fn clone(&self) -> Self {
        HttpMetricsLayer {
            routes: self.routes.clone(),
            component: PhantomData,
        }
    }
}

impl<C> fmt::Debug for HttpMetricsLayer<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpMetricsLayer")
            .field("component", &std::any::type_name::<C>())
            .field("routes", &self.routes)
            .finish()
    }
}

impl<C: HttpServerComponent> HttpMetricsLayer<C> {
    /// Records into component `D` instead: your own declaration of the
    /// three metrics, with a namespace or constant labels (see
    /// [`HttpServerComponent`]).
    pub fn component<D: HttpServerComponent>(self) -> HttpMetricsLayer<D> {
        HttpMetricsLayer {
            routes: self.routes,
            component: PhantomData,
        }
    }

    /// Names a request's route template (for example `/users/{id}`) from
    /// its method, URI and extensions; asked before axum's `MatchedPath`.
    /// `None` leaves the request to the router, or unmatched. It must
    /// return templates, never the path itself, or every `/users/123`
    /// becomes a series of its own.
    ///
    /// ```
    /// use prometheus_component::HttpMetricsLayer;
    /// let layer = HttpMetricsLayer::new().route_fn(|_method, uri, _extensions| {
    ///     uri.path().starts_with("/users/").then(|| "/users/{id}".to_owned())
    /// });
    /// # let _ = layer;
    /// ```
    pub fn route_fn(
        mut self,
        route: impl Fn(&http::Method, &http::Uri, &http::Extensions) -> Option<String>
            + Send
            + Sync
            + 'static,
    ) -> Self {
        Arc::make_mut(&mut self.routes).route_fn = Some(Arc::new(route));
        self
    }

    /// The `http_route` value of requests without a route (by default
    /// empty: no label).
    ///
    /// ```
    /// use prometheus_component::HttpMetricsLayer;
    /// let layer = HttpMetricsLayer::new().unmatched_route("unmatched");
    /// # let _ = layer;
    /// ```
    pub fn unmatched_route(mut self, value: &str) -> Self {
        Arc::make_mut(&mut self.routes).unmatched = Arc::from(value);
        self
    }

    /// Leaves requests to `route` unrecorded: a route template, or a path
    /// as requested (`/metrics`, so that scrapes do not count as traffic).
    ///
    /// ```
    /// use prometheus_component::HttpMetricsLayer;
    /// let layer = HttpMetricsLayer::new().skip_route("/metrics").skip_route("/health");
    /// # let _ = layer;
    /// ```
    pub fn skip_route(mut self, route: &str) -> Self {
        Arc::make_mut(&mut self.routes)
            .skipped
            .push(route.to_owned());
        self
    }

    /// Whether axum's `MatchedPath` names routes (feature `axum`; on by
    /// default there).
    ///
    /// ```
    /// use prometheus_component::HttpMetricsLayer;
    /// let layer = HttpMetricsLayer::new().matched_path(false);
    /// # let _ = layer;
    /// ```
    #[cfg(feature = "axum")]
    #[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
    pub fn matched_path(mut self, read: bool) -> Self {
        Arc::make_mut(&mut self.routes).matched_path = read;
        self
    }
}

impl<S, C> Layer<S> for HttpMetricsLayer<C> {
    type Service = HttpMetrics<S, C>;

    fn layer(&self, inner: S) -> HttpMetrics<S, C> {
        HttpMetrics {
            inner,
            routes: self.routes.clone(),
            component: PhantomData,
        }
    }
}

/// The service [`HttpMetricsLayer`] wraps around another.
pub struct HttpMetrics<S, C = HttpServerMetrics> {
    inner: S,
    routes: Arc<RouteLabels>,
    component: PhantomData<fn() -> C>,
}

impl<S: Clone, C> Clone for HttpMetrics<S, C> {
    fn clone(&self) -> Self {
        HttpMetrics {
            inner: self.inner.clone(),
            routes: self.routes.clone(),
            component: PhantomData,
        }
    }
}

impl<S: fmt::Debug, C> fmt::Debug for HttpMetrics<S, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpMetrics")
            .field("inner", &self.inner)
            .field("routes", &self.routes)
            .finish()
    }
}

impl<S, C, B, R> Service<http::Request<B>> for HttpMetrics<S, C>
where
    S: Service<http::Request<B>, Response = http::Response<R>>,
    C: HttpServerComponent,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, C>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let recording = self.routes.route_of(&request).map(|route| {
            let metrics = C::global();
            let method = method_label(request.method());
            let in_flight = metrics.active_requests().with_label_values(&[method]);
            in_flight.inc();
            Recording {
                metrics,
                method,
                route,
                start: Instant::now(),
                in_flight,
            }
        });
        ResponseFuture {
            inner: self.inner.call(request),
            recording,
        }
    }
}

pin_project! {
    /// The response future of [`HttpMetrics`]: the inner service's, which
    /// records the request when it is ready.
    pub struct ResponseFuture<F, C: 'static> {
        #[pin]
        inner: F,
        recording: Option<Recording<C>>,
    }
}

impl<F, C, R, E> Future for ResponseFuture<F, C>
where
    F: Future<Output = Result<http::Response<R>, E>>,
    C: HttpServerComponent,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let output = std::task::ready!(this.inner.poll(cx));
        if let Some(recording) = this.recording.take() {
            // An error has no status code: the label is left empty, as
            // the conventions leave the attribute out.
            let status = output.as_ref().ok().map(http::Response::status);
            recording.record(status.as_ref().map_or("", http::StatusCode::as_str));
        }
        Poll::Ready(output)
    }
}

/// One request being measured; dropping it ends its time in flight.
struct Recording<C: 'static> {
    metrics: &'static C,
    method: &'static str,
    route: Route,
    start: Instant,
    in_flight: IntGauge,
}

impl<C: HttpServerComponent> Recording<C> {
    fn record(self, status: &str) {
        let labels = [self.method, status, self.route.as_str()];
        self.metrics
            .request_duration_seconds()
            .with_label_values(&labels)
            .observe(self.start.elapsed().as_secs_f64());
        self.metrics
            .requests_total()
            .with_label_values(&labels)
            .inc();
    }
}

impl<C> Drop for Recording<C> {
    fn drop(&mut self) {
        self.in_flight.dec();
    }
}
