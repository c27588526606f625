//! Writing a registry's components ourselves while `prometheus` gathers
//! the rest: a thread-local mark that makes the components' collectors of
//! that registry collect nothing meanwhile, so the gather yields the
//! foreign collectors' families only.

use std::cell::Cell;

thread_local! {
    /// The registry whose components this thread is writing itself, while
    /// it gathers the rest: their collectors then collect nothing.
    static WRITTEN_DIRECTLY: Cell<u64> = const { Cell::new(0) };
}

/// While alive, the components' collectors of one registry collect
/// nothing on this thread, so that gathering that registry yields the
/// foreign collectors' families only.
pub(crate) struct ForeignOnly {
    previous: u64,
}

impl ForeignOnly {
    /// For the registry of id `registry` (never 0).
    pub(crate) fn enter(registry: u64) -> Self {
        ForeignOnly {
            previous: WRITTEN_DIRECTLY.with(|cell| cell.replace(registry)),
        }
    }
}

impl Drop for ForeignOnly {
    fn drop(&mut self) {
        WRITTEN_DIRECTLY.with(|cell| cell.set(self.previous));
    }
}

/// Whether this thread is writing the components of the registry of id
/// `registry` itself, so that their collectors must collect nothing.
pub(crate) fn is_written_directly(registry: u64) -> bool {
    WRITTEN_DIRECTLY.with(Cell::get) == registry
}
