//! The error a registration returns.

use std::fmt;

/// What already holds a metric or component name that a registration wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Owner {
    /// Another component, by its [`COMPONENT`](crate::Metrics::COMPONENT) name.
    Component(&'static str),
    /// A collector registered directly on the `prometheus` registry, outside
    /// any component of this crate.
    Foreign,
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Owner::Component(name) => write!(f, "component `{name}`"),
            Owner::Foreign => f.write_str("a collector registered outside this crate"),
        }
    }
}

/// Why a component could not be registered.
///
/// A failed registration leaves nothing of the component in the registry, so
/// the same component can be registered once the clash is gone.
///
/// ```
/// use prometheus_component::prometheus::{IntCounter, Opts};
/// use prometheus_component::{Error, Metrics, Owner, Registry};
///
/// /// Jobs of the worker pool.
/// #[derive(Debug, Metrics)]
/// #[metrics(component = "jobs")]
/// struct JobMetrics {
///     /// Jobs finished.
///     done_total: IntCounter,
/// }
///
/// let registry = Registry::new();
/// let by_hand = IntCounter::with_opts(Opts::new("jobs_done_total", "Jobs done.")).unwrap();
/// registry.prometheus().register(Box::new(by_hand)).unwrap();
///
/// let err = JobMetrics::register(&registry).unwrap_err();
/// assert!(matches!(err, Error::MetricClash { owner: Owner::Foreign, .. }));
/// assert_eq!(
///     err.to_string(),
///     "cannot register component `jobs`: metric `jobs_done_total` is already \
///      registered by a collector registered outside this crate",
/// );
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A metric of the component has a full name that something else in the
    /// registry already exports.
    MetricClash {
        /// The component being registered.
        component: &'static str,
        /// The full metric name that clashed.
        metric: &'static str,
        /// What holds that name now.
        owner: Owner,
        /// The `prometheus` crate's own error, where it was the one to refuse.
        source: Option<prometheus::Error>,
    },
    /// Another component type with the same component name is already
    /// registered (possible only across crates: within one crate the name
    /// is unique at compile time).
    ComponentClash {
        /// The component name both types carry.
        component: &'static str,
        /// The Rust type already registered under that name.
        existing_type: &'static str,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MetricClash {
                component,
                metric,
                owner,
                ..
            } => write!(
                f,
                "cannot register component `{component}`: metric `{metric}` is already registered by {owner}"
            ),
            Error::ComponentClash {
                component,
                existing_type,
            } => write!(
                f,
                "cannot register component `{component}`: another component type with that name (`{existing_type}`) is already registered"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::MetricClash {
                source: Some(source),
                ..
            } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clash_with_a_component_names_both() {
        let err = Error::MetricClash {
            component: "billing",
            metric: "shop_requests_total",
            owner: Owner::Component("http"),
            source: None,
        };
        assert_eq!(
            err.to_string(),
            "cannot register component `billing`: metric `shop_requests_total` is already registered by component `http`"
        );
        assert!(std::error::Error::source(&err).is_none());
    }

    #[test]
    fn component_clash_names_the_type() {
        let err = Error::ComponentClash {
            component: "http",
            existing_type: "other::HttpMetrics",
        };
        assert!(err.to_string().contains("`other::HttpMetrics`"));
    }

    #[test]
    fn foreign_clash_keeps_the_prometheus_error_as_source() {
        let err = Error::MetricClash {
            component: "http",
            metric: "x_total",
            owner: Owner::Foreign,
            source: Some(prometheus::Error::AlreadyReg),
        };
        let source = std::error::Error::source(&err).expect("source");
        assert_eq!(
            source.to_string(),
            prometheus::Error::AlreadyReg.to_string()
        );
    }
}
