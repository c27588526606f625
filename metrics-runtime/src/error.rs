//! The error a registration returns.

use std::fmt;

use crate::encoding::metric_type::MetricType;

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
    /// A collector registered outside this crate already exports the
    /// metric's name with another type. One name has one type: its series
    /// would be exported under one `# TYPE` line, with wrong values.
    TypeClash {
        /// The component being registered.
        component: &'static str,
        /// The full metric name that clashed.
        metric: &'static str,
        /// The type the component declares.
        declared_as: MetricType,
        /// The type the name is exported with now (`counter`, `gauge`,
        /// `histogram`, or `untyped or summary`).
        exported_as: &'static str,
    },
    /// The registry pins a name's help text and label names to those it
    /// was first registered with, for the registry's whole life (as
    /// client_golang does), and the component's differ, whether or not
    /// the collector that first registered the name is still there.
    PinnedName {
        /// The component being registered.
        component: &'static str,
        /// The full metric name.
        metric: &'static str,
        /// The `prometheus` crate's refusal.
        source: prometheus::Error,
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
            Error::TypeClash {
                component,
                metric,
                declared_as,
                exported_as,
            } => write!(
                f,
                "cannot register component `{component}`: metric `{metric}` is already exported as a {exported_as} by a collector registered outside this crate, and this component declares it as a {declared_as}; a name has one type, so give one of them another name"
            ),
            Error::PinnedName {
                component, metric, ..
            } => write!(
                f,
                "cannot register component `{component}`: metric `{metric}` was registered in this registry before with another help text or other label names, and the `prometheus` registry keeps those for the name for its whole life, even after that collector is unregistered: declare the same help text and label names as before, or use another name"
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
            }
            | Error::PinnedName { source, .. } => Some(source),
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
