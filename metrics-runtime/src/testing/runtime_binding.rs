//! Test scopes bound to a tokio runtime, so that what a scoped test spawns
//! onto its runtime is in the scope too: tasks, the tasks they spawn,
//! `spawn_blocking` closures, and the connection tasks of a server the
//! test started.
//!
//! A scope cannot follow a task itself: tokio's task-locals do not pass to
//! spawned tasks (by design), and its spawn hooks need `tokio_unstable`.
//! So a scope entered or polled on a runtime binds that runtime, by its
//! `Handle::id()`, for as long as it lives, and `global()` on a thread with
//! no scope of its own asks which scope is bound to the runtime it runs on.
//! Every `#[tokio::test]` builds its own runtime, so parallel tests stay
//! apart.
//!
//! Two different scopes that cover one component, bound to one runtime at
//! once, cannot be told apart from a task they spawned: `global()` then
//! refuses with a panic that says so, rather than count into either.

use std::any::TypeId;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use tokio::runtime::{Handle, Id};

use crate::testing::scope::Frame;

/// How many bindings are live: while none is, `global()` neither asks
/// tokio for the current runtime nor takes the lock.
static LIVE_BINDINGS: AtomicUsize = AtomicUsize::new(0);

/// The bound runtimes. A `Vec`: there are as many as async tests running
/// at once, a handful, and it is only read on the scoped slow path.
static RUNTIMES: Mutex<Vec<BoundRuntime>> = Mutex::new(Vec::new());

struct BoundRuntime {
    id: Id,
    scopes: Vec<BoundScope>,
}

/// One scope bound to a runtime, by as many guards as hold it (a scoped
/// future and its wrapped spawned tasks, an `enter()` of the same registry).
struct BoundScope {
    frame: Frame,
    holders: usize,
}

fn runtimes() -> MutexGuard<'static, Vec<BoundRuntime>> {
    // A panic while the lock is held leaves the list consistent: every
    // change below is one push, one count or one remove.
    RUNTIMES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The runtime whose context the current thread is in: a worker, a thread
/// inside `block_on`, or a blocking-pool thread.
pub(crate) fn current_runtime() -> Option<Id> {
    Handle::try_current().ok().map(|handle| handle.id())
}

/// Keeps one scope bound to one runtime until dropped.
pub(crate) struct RuntimeBinding {
    runtime: Id,
    frame: Frame,
}

impl RuntimeBinding {
    /// Binds `frame` to the runtime the current thread is in, if any.
    pub(crate) fn to_current_runtime(frame: &Frame) -> Option<Self> {
        current_runtime().map(|runtime| Self::new(runtime, frame))
    }

    /// Binds `frame` to `runtime`.
    pub(crate) fn new(runtime: Id, frame: &Frame) -> Self {
        let mut runtimes = runtimes();
        let index = match runtimes.iter().position(|bound| bound.id == runtime) {
            Some(index) => index,
            None => {
                runtimes.push(BoundRuntime {
                    id: runtime,
                    scopes: Vec::new(),
                });
                runtimes.len() - 1
            }
        };
        let scopes = &mut runtimes[index].scopes;
        match scopes
            .iter_mut()
            .find(|bound| bound.frame.same_scope(frame))
        {
            Some(bound) => bound.holders += 1,
            None => scopes.push(BoundScope {
                frame: frame.clone(),
                holders: 1,
            }),
        }
        LIVE_BINDINGS.fetch_add(1, Ordering::Relaxed);
        RuntimeBinding {
            runtime,
            frame: frame.clone(),
        }
    }

    pub(crate) fn runtime(&self) -> Id {
        self.runtime
    }
}

impl Drop for RuntimeBinding {
    fn drop(&mut self) {
        let mut runtimes = runtimes();
        if let Some(index) = runtimes.iter().position(|bound| bound.id == self.runtime) {
            let scopes = &mut runtimes[index].scopes;
            if let Some(at) = scopes
                .iter()
                .position(|bound| bound.frame.same_scope(&self.frame))
            {
                scopes[at].holders -= 1;
                if scopes[at].holders == 0 {
                    scopes.swap_remove(at);
                }
            }
            if scopes.is_empty() {
                runtimes.swap_remove(index);
            }
        }
        LIVE_BINDINGS.fetch_sub(1, Ordering::Relaxed);
    }
}

impl std::fmt::Debug for RuntimeBinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuntimeBinding")
            .field("runtime", &self.runtime)
            .finish_non_exhaustive()
    }
}

/// The scope bound to the current thread's runtime that covers the
/// component `type_id` (named `component` in the refusal).
///
/// # Panics
///
/// When two different scopes that cover it are bound to that runtime.
pub(crate) fn bound_frame(type_id: TypeId, component: &str) -> Option<Frame> {
    if LIVE_BINDINGS.load(Ordering::Relaxed) == 0 {
        return None;
    }
    let runtime = current_runtime()?;
    let (first, covering) = {
        let runtimes = runtimes();
        let bound = runtimes.iter().find(|bound| bound.id == runtime)?;
        let mut covering = bound
            .scopes
            .iter()
            .filter(|scope| scope.frame.covers(type_id));
        let first = covering.next()?.frame.clone();
        (first, 1 + covering.count())
    };
    if covering > 1 {
        // The lock is released: the panic poisons nothing.
        panic!("{}", contested(component, runtime, covering));
    }
    Some(first)
}

fn contested(component: &str, runtime: Id, scopes: usize) -> String {
    format!(
        "prometheus-component: `global()` of component `{component}` was called on tokio \
         runtime {runtime}, from code outside any test scope of its own (a spawned task, a \
         `spawn_blocking` closure, a server's connection), while {scopes} different test \
         scopes covering it are bound to that runtime: the test it belongs to cannot be told, \
         so it is refused rather than counted into either. Give each test its own runtime \
         (`#[tokio::test]` does), or wrap the spawned future in the scope it belongs to: \
         `tokio::spawn(registry.scope(fut))`."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::scope::RegistryScope;
    use crate::Registry;
    use std::sync::Arc;

    fn registry_frame() -> Frame {
        Frame::Registry(Arc::new(RegistryScope::new(Registry::new())))
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
    }

    fn covering(frame: &Frame) -> bool {
        bound_frame(TypeId::of::<u8>(), "probe").is_some_and(|found| found.same_scope(frame))
    }

    #[test]
    fn no_runtime_no_binding() {
        assert!(RuntimeBinding::to_current_runtime(&registry_frame()).is_none());
        assert!(bound_frame(TypeId::of::<u8>(), "probe").is_none());
    }

    #[test]
    fn a_binding_lasts_as_long_as_its_last_holder() {
        let rt = runtime();
        let _inside = rt.enter();
        let frame = registry_frame();
        let first = RuntimeBinding::to_current_runtime(&frame).unwrap();
        let second = RuntimeBinding::to_current_runtime(&frame).unwrap();
        assert_eq!(first.runtime(), Handle::current().id());
        assert!(covering(&frame));
        drop(first);
        assert!(covering(&frame), "the second holder keeps it bound");
        drop(second);
        assert!(bound_frame(TypeId::of::<u8>(), "probe").is_none());
    }

    #[test]
    fn another_runtime_sees_no_binding() {
        let bound = runtime();
        let other = runtime();
        let frame = registry_frame();
        let _binding = {
            let _inside = bound.enter();
            RuntimeBinding::to_current_runtime(&frame).unwrap()
        };
        let _inside = other.enter();
        assert!(bound_frame(TypeId::of::<u8>(), "probe").is_none());
    }

    #[test]
    fn two_scopes_on_one_runtime_are_refused_by_name() {
        let rt = runtime();
        let _inside = rt.enter();
        let _a = RuntimeBinding::to_current_runtime(&registry_frame()).unwrap();
        let _b = RuntimeBinding::to_current_runtime(&registry_frame()).unwrap();
        let refusal =
            std::panic::catch_unwind(|| bound_frame(TypeId::of::<u8>(), "probe").is_some())
                .expect_err("two scopes cover the component");
        let message = refusal.downcast_ref::<String>().unwrap();
        assert!(message.contains("component `probe`"), "{message}");
        assert!(message.contains("2 different test scopes"), "{message}");
    }
}
