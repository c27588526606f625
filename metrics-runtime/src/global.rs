//! The lazily registered global instance of a component.

use once_cell::sync::OnceCell;

use crate::assemble;
use crate::component::Metrics;
use crate::error::Error;
use crate::registry::Registry;

/// Where a component keeps its global instance; one `static` per component,
/// emitted by the derive.
#[doc(hidden)]
pub struct GlobalCell<T> {
    cell: OnceCell<Global<T>>,
}

struct Global<T> {
    // Inline rather than the registry's `Arc<T>`: one pointer fewer to follow
    // on every update. The fields are handles to the same series.
    metrics: T,
    error: Option<Error>,
}

impl<T> GlobalCell<T> {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        GlobalCell {
            cell: OnceCell::new(),
        }
    }
}

impl<T: Metrics> GlobalCell<T> {
    fn get(&'static self) -> &'static Global<T> {
        self.cell
            .get_or_init(|| match T::register(Registry::global()) {
                Ok(registered) => Global {
                    metrics: assemble::share(&*registered),
                    error: None,
                },
                Err(error) => Global {
                    metrics: assemble::build(),
                    error: Some(error),
                },
            })
    }

    #[inline]
    pub(crate) fn metrics(&'static self) -> &'static T {
        &self.get().metrics
    }

    pub(crate) fn result(&'static self) -> Result<&'static T, &'static Error> {
        let global = self.get();
        match &global.error {
            None => Ok(&global.metrics),
            Some(error) => Err(error),
        }
    }
}
