//! Names that two components of the binary share.

use std::fmt;

use super::{components, Entry};

/// Two components of the binary with the same component name, or with a
/// metric of the same full name. Within a crate that is a compile error;
/// across crates only the linked binary can see it.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Clash {
    /// Both components have this component name.
    Component {
        /// The shared component name.
        component: &'static str,
        /// The two components.
        owners: [&'static Entry; 2],
    },
    /// Both components declare a metric of this full name.
    Metric {
        /// The shared full metric name.
        metric: &'static str,
        /// The two components.
        owners: [&'static Entry; 2],
    },
}

/// What two components are said to share, in every clash message: at run
/// time ([`Clash`]) and at compile time (`assert_unique!`).
pub(crate) const SHARE_COMPONENT: &str = "both declare the component name";
/// See [`SHARE_COMPONENT`].
pub(crate) const SHARE_METRIC: &str = "both declare the metric";

impl fmt::Display for Clash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, [a, b]) = match self {
            Clash::Component { component, owners } => {
                (format!("{SHARE_COMPONENT} `{component}`"), owners)
            }
            Clash::Metric { metric, owners } => (format!("{SHARE_METRIC} `{metric}`"), owners),
        };
        write!(
            f,
            "`{}` (in `{}`) and `{}` (in `{}`) {what}: rename one of them",
            a.type_name(),
            a.module_path(),
            b.type_name(),
            b.module_path()
        )
    }
}

/// Every clash of component names and of full metric names among all the
/// components linked into this binary, whichever crates declare them.
///
/// One test calling it replaces a hand-kept
/// [`assert_unique!`](crate::assert_unique) list:
///
/// ```
/// // In the binary's tests: `#[test]`
/// fn metric_names_are_unique_across_crates() {
///     if let Err(clashes) = prometheus_component::catalog::check() {
///         panic!("{}", clashes.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"));
///     }
/// }
/// # metric_names_are_unique_across_crates();
/// ```
pub fn check() -> Result<(), Vec<Clash>> {
    let mut entries: Vec<&'static Entry> = components().collect();
    // Deterministic order, whatever the link order.
    entries.sort_by_key(|entry| (entry.component(), entry.type_name()));
    let mut clashes = Vec::new();
    for (i, a) in entries.iter().enumerate() {
        for b in &entries[i + 1..] {
            if a.component() == b.component() {
                clashes.push(Clash::Component {
                    component: a.component(),
                    owners: [a, b],
                });
            }
            for metric in a.descriptors() {
                if b.descriptors().iter().any(|d| d.name() == metric.name()) {
                    clashes.push(Clash::Metric {
                        metric: metric.name(),
                        owners: [a, b],
                    });
                }
            }
        }
    }
    if clashes.is_empty() {
        Ok(())
    } else {
        Err(clashes)
    }
}
