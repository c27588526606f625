//! Which route a request is labelled with: a template, never the raw path,
//! so that the number of series stays bounded whatever clients ask for.

use std::fmt;
use std::sync::Arc;

/// Finds a request's route template (for example `/users/{id}`) from its
/// method, URI and extensions.
pub(crate) type RouteFn =
    dyn Fn(&http::Method, &http::Uri, &http::Extensions) -> Option<String> + Send + Sync;

/// How the layer labels routes.
#[derive(Clone)]
pub(crate) struct RouteLabels {
    /// A route function given by the user, tried first.
    pub(crate) route_fn: Option<Arc<RouteFn>>,
    /// Whether axum's `MatchedPath` is read (feature `axum`).
    pub(crate) matched_path: bool,
    /// The one value of every request without a route.
    pub(crate) unmatched: Arc<str>,
    /// Routes (templates, or paths as they are) not recorded at all.
    pub(crate) skipped: Vec<String>,
}

impl fmt::Debug for RouteLabels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RouteLabels")
            .field("route_fn", &self.route_fn.as_ref().map(|_| ".."))
            .field("matched_path", &self.matched_path)
            .field("unmatched", &self.unmatched)
            .field("skipped", &self.skipped)
            .finish()
    }
}

/// A request's route label.
pub(crate) enum Route {
    /// From the router or the route function.
    Template(RouteText),
    /// Neither knew the request.
    Unmatched(Arc<str>),
}

/// A route template, kept without copying where the router shares it.
pub(crate) enum RouteText {
    #[cfg(feature = "axum")]
    Matched(axum::extract::MatchedPath),
    Given(String),
}

impl Route {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            #[cfg(feature = "axum")]
            Route::Template(RouteText::Matched(path)) => path.as_str(),
            Route::Template(RouteText::Given(route)) => route,
            Route::Unmatched(value) => value,
        }
    }
}

impl RouteLabels {
    pub(crate) fn new() -> Self {
        RouteLabels {
            route_fn: None,
            matched_path: cfg!(feature = "axum"),
            unmatched: Arc::from(""),
            skipped: Vec::new(),
        }
    }

    /// The route of a request, or `None` when its route is skipped.
    pub(crate) fn route_of<B>(&self, request: &http::Request<B>) -> Option<Route> {
        let route = self
            .template(request)
            .map_or_else(|| Route::Unmatched(self.unmatched.clone()), Route::Template);
        // The raw path is compared, never recorded: `/metrics` is skipped
        // on a server without a router too.
        let path = request.uri().path();
        let skipped = self.skipped.iter().any(|skip| {
            skip == path || matches!(route, Route::Template(_)) && skip == route.as_str()
        });
        (!skipped).then_some(route)
    }

    fn template<B>(&self, request: &http::Request<B>) -> Option<RouteText> {
        if let Some(route_fn) = &self.route_fn {
            if let Some(route) = route_fn(request.method(), request.uri(), request.extensions()) {
                return Some(RouteText::Given(route));
            }
        }
        #[cfg(feature = "axum")]
        if self.matched_path {
            if let Some(path) = request.extensions().get::<axum::extract::MatchedPath>() {
                return Some(RouteText::Matched(path.clone()));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str) -> http::Request<()> {
        http::Request::get(path).body(()).unwrap()
    }

    #[test]
    fn without_a_router_or_function_every_request_is_unmatched() {
        let labels = RouteLabels::new();
        let route = labels.route_of(&request("/users/123")).unwrap();
        assert!(matches!(route, Route::Unmatched(_)));
        assert_eq!(route.as_str(), "");
    }

    #[test]
    fn a_route_function_names_templates_and_skips_apply_to_them() {
        let mut labels = RouteLabels::new();
        labels.route_fn = Some(Arc::new(
            |_: &http::Method, uri: &http::Uri, _: &http::Extensions| {
                uri.path()
                    .starts_with("/users/")
                    .then(|| "/users/{id}".to_owned())
            },
        ));
        labels.skipped.push("/users/{id}".to_owned());
        assert!(labels.route_of(&request("/users/7")).is_none());
        labels.skipped.clear();
        assert_eq!(
            labels.route_of(&request("/users/7")).unwrap().as_str(),
            "/users/{id}"
        );
        labels.unmatched = Arc::from("other");
        assert_eq!(labels.route_of(&request("/x")).unwrap().as_str(), "other");
        labels.skipped.push("/metrics".to_owned());
        assert!(labels.route_of(&request("/metrics")).is_none());
        assert!(labels.route_of(&request("/metrics?x=1")).is_none());
    }
}
