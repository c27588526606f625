//! The methods users find on `Registry` whose work lives in another
//! folder: pushing (`push`) and registering the whole catalog (`catalog`).
//! Each body is one call into its module; those modules call the
//! registry, not the other way round.

use crate::catalog;
use crate::error::Error;
#[cfg(feature = "push")]
use crate::push;
use crate::registry::Registry;

impl Registry {
    /// Registers every component in the [catalog](crate::catalog): call it
    /// at start-up, on [`Registry::global()`] say, and every series of
    /// every component (typed labels included) is exported, at zero, from
    /// the first scrape, rather than after each component's first use.
    ///
    /// Idempotent. A component that cannot be registered does not stop
    /// the others: every error is returned together.
    ///
    /// ```
    /// use prometheus_component::Registry;
    ///
    /// if let Err(errors) = Registry::global().register_all() {
    ///     for error in errors {
    ///         eprintln!("not exported: {error}");
    ///     }
    /// }
    /// ```
    pub fn register_all(&self) -> Result<(), Vec<Error>> {
        catalog::register_all(self)
    }
}

#[cfg(feature = "push")]
impl Registry {
    /// Pushes this registry to the Pushgateway at `gateway_url`, replacing
    /// the group's metrics: [`Pushgateway::push`](crate::Pushgateway::push) with the default timeout.
    ///
    /// ```no_run
    /// use prometheus_component::Registry;
    ///
    /// Registry::global().push("http://127.0.0.1:9091", "nightly_export", &[("shard", "3")])?;
    /// # Ok::<(), prometheus_component::PushError>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "push")))]
    pub fn push(
        &self,
        gateway_url: &str,
        job: &str,
        grouping: &[(&str, &str)],
    ) -> Result<(), push::PushError> {
        push::Pushgateway::new(gateway_url).push(self, job, grouping)
    }
}
