//! The lazily registered global instance of a component.

use std::sync::OnceLock;

use crate::component::assemble;
use crate::component::instance::FieldHandle;
use crate::component::metrics::Metrics;
use crate::component::self_metrics;
use crate::error::Error;
use crate::registry::Registry;

/// Where a component keeps its global instance; one `static` per component,
/// emitted by the derive.
#[doc(hidden)]
pub struct GlobalCell<T> {
    // `std`'s rather than once_cell's: its generic layer is a thin shell
    // over a non-generic `Once`, so each component instantiates less.
    cell: OnceLock<Global<T>>,
}

pub(crate) struct Global<T> {
    // Inline rather than the registry's `Arc<T>`: one pointer fewer to follow
    // on every update. The fields are handles to the same series.
    metrics: T,
    error: Option<Error>,
}

impl<T> GlobalCell<T> {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        GlobalCell {
            cell: OnceLock::new(),
        }
    }
}

impl<T: Metrics> GlobalCell<T> {
    #[inline]
    pub(crate) fn get(&'static self) -> &'static Global<T> {
        self.cell.get_or_init(|| {
            let global = Global::register_in(Registry::global());
            if let Some(error) = &global.error {
                self_metrics::report_global_failure(T::COMPONENT, error);
            }
            global
        })
    }

    /// `global()` as it was before test scopes: the baseline of the
    /// `updates` benchmark, which measures what scopes cost outside any.
    #[doc(hidden)]
    #[inline]
    pub fn __unscoped(&'static self) -> &'static T {
        self.get().metrics()
    }
}

impl<T: Metrics> Global<T> {
    /// `T` registered in `registry`, or a working instance that is not
    /// exported, with the error that kept it out.
    pub(crate) fn register_in(registry: &Registry) -> Self {
        match registry.register_component(T::__INFO) {
            Ok(registered) => Global::sharing(&registered.fields),
            Err(error) => Global {
                metrics: assemble::build(),
                error: Some(error),
            },
        }
    }

    /// An inline copy of an instance of `T`, given by its `fields`
    /// handles, whose fields are the same series.
    pub(crate) fn sharing(fields: &[FieldHandle]) -> Self {
        Global {
            metrics: assemble::share(fields),
            error: None,
        }
    }

    #[inline]
    pub(crate) fn metrics(&'static self) -> &'static T {
        &self.metrics
    }

    pub(crate) fn result(&'static self) -> Result<&'static T, &'static Error> {
        match &self.error {
            None => Ok(&self.metrics),
            Some(error) => Err(error),
        }
    }
}
