//! Scopes that redirect `T::global()` to a test instance: on one thread
//! (the thread-local stack of entered scopes) and, with the `tokio`
//! feature, on the tokio runtime a scope was entered or polled on (see
//! `runtime_binding`).
//!
//! A process-wide flag, set the first time any scope is entered, keeps
//! production code off both: until a test enters a scope, `global()` pays
//! one relaxed load.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use crate::component::assemble::mistyped_entry;
use crate::component::metrics::Metrics;
use crate::registry::global::Global;
use crate::registry::name_map::TypeMap;
use crate::registry::Registry;
#[cfg(feature = "tokio")]
use crate::testing::runtime_binding::RuntimeBinding;

/// Set once, the first time a scope is entered anywhere in the process.
static ANY_SCOPE_ENTERED: AtomicBool = AtomicBool::new(false);

thread_local! {
    static STACK: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
}

/// What one entered scope redirects `global()` to.
#[derive(Clone)]
pub(crate) enum Frame {
    /// One component's test instance (`TestMetrics::enter`).
    Instance {
        type_id: TypeId,
        global: &'static (dyn Any + Send + Sync),
    },
    /// Every component, registered in a test registry on first use.
    Registry(Arc<RegistryScope>),
}

/// The instances a `TestRegistry` has handed out through `global()`.
pub(crate) struct RegistryScope {
    pub(crate) registry: Registry,
    // `&'static` because `global()` hands out `&'static T`: each is leaked
    // once per test registry and component, never once per scope entered.
    instances: Mutex<TypeMap<&'static (dyn Any + Send + Sync)>>,
}

impl RegistryScope {
    pub(crate) fn new(registry: Registry) -> Self {
        RegistryScope {
            registry,
            instances: Mutex::new(TypeMap::default()),
        }
    }

    /// The instance kept for the component `type_id`, made by `make` on
    /// first use.
    fn instance(
        &self,
        type_id: TypeId,
        make: fn(&Registry) -> &'static (dyn Any + Send + Sync),
    ) -> &'static (dyn Any + Send + Sync) {
        let mut instances = self
            .instances
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *instances
            .entry(type_id)
            .or_insert_with(|| make(&self.registry))
    }
}

/// `T` registered in `registry`, kept for the life of the process.
fn leak_global<T: Metrics>(registry: &Registry) -> &'static (dyn Any + Send + Sync) {
    Box::leak(Box::new(Global::<T>::register_in(registry)))
}

impl Frame {
    /// The frame of one component's test instance.
    pub(crate) fn instance<T: Metrics>(global: &'static Global<T>) -> Frame {
        Frame::Instance {
            type_id: TypeId::of::<T>(),
            global,
        }
    }

    /// Whether this scope redirects the `global()` of component `type_id`.
    pub(crate) fn covers(&self, type_id: TypeId) -> bool {
        match self {
            Frame::Instance {
                type_id: own_type, ..
            } => *own_type == type_id,
            Frame::Registry(_) => true,
        }
    }

    /// Whether both frames come from one scope: one `TestRegistry` (or its
    /// clones), or one `TestMetrics`.
    #[cfg_attr(not(feature = "tokio"), allow(dead_code))]
    pub(crate) fn same_scope(&self, other: &Frame) -> bool {
        match (self, other) {
            (Frame::Registry(a), Frame::Registry(b)) => Arc::ptr_eq(a, b),
            (Frame::Instance { global: a, .. }, Frame::Instance { global: b, .. }) => {
                std::ptr::addr_eq(*a, *b)
            }
            _ => false,
        }
    }
}

fn downcast<T: Metrics>(global: &'static (dyn Any + Send + Sync)) -> &'static Global<T> {
    global.downcast_ref().unwrap_or_else(|| mistyped_entry())
}

/// The instance that `T::global()` stands for on this thread, when a scope
/// covers `T`.
#[inline]
pub(crate) fn scoped<T: Metrics>() -> Option<&'static Global<T>> {
    if ANY_SCOPE_ENTERED.load(Ordering::Relaxed) {
        scoped_slow()
    } else {
        None
    }
}

#[cold]
#[inline(never)]
fn scoped_slow<T: Metrics>() -> Option<&'static Global<T>> {
    scoped_instance(TypeId::of::<T>(), T::COMPONENT, leak_global::<T>).map(downcast)
}

/// What the scope that covers component `type_id` here redirects it to,
/// made by `make` in a test registry on first use. Not generic, so that
/// each component instantiates only the downcast.
fn scoped_instance(
    type_id: TypeId,
    component: &str,
    make: fn(&Registry) -> &'static (dyn Any + Send + Sync),
) -> Option<&'static (dyn Any + Send + Sync)> {
    let frame = match thread_frame(type_id) {
        Some(frame) => frame,
        None => runtime_frame(type_id, component)?,
    };
    Some(match frame {
        Frame::Instance { global, .. } => global,
        Frame::Registry(scope) => scope.instance(type_id, make),
    })
}

/// This thread's innermost scope that covers component `type_id`.
#[inline]
fn thread_frame(type_id: TypeId) -> Option<Frame> {
    // Cloned out of the stack so no borrow is held while a test registry
    // registers the component (which runs code of the component's fields).
    STACK.with(|stack| {
        stack
            .borrow()
            .iter()
            .rev()
            .find(|frame| frame.covers(type_id))
            .cloned()
    })
}

/// The scope bound to the tokio runtime this thread runs on that covers
/// component `type_id`, for a thread with no scope of its own. Not generic
/// and out of line: each component instantiates none of it.
#[inline(never)]
fn runtime_frame(type_id: TypeId, component: &str) -> Option<Frame> {
    #[cfg(feature = "tokio")]
    return crate::testing::runtime_binding::bound_frame(type_id, component);
    #[cfg(not(feature = "tokio"))]
    {
        let _ = (type_id, component);
        None
    }
}

/// Pushes `frame` on this thread's stack until the returned guard drops.
fn push(frame: Frame) -> Pushed {
    ANY_SCOPE_ENTERED.store(true, Ordering::Relaxed);
    let depth = STACK.with(|stack| {
        let mut stack = stack.borrow_mut();
        stack.push(frame);
        stack.len() - 1
    });
    Pushed {
        depth,
        _not_send: PhantomData,
    }
}

struct Pushed {
    depth: usize,
    _not_send: PhantomData<*const ()>,
}

impl Drop for Pushed {
    fn drop(&mut self) {
        // Truncating rather than popping: a guard dropped out of order
        // still removes every scope entered after it.
        let _ = STACK.try_with(|stack| stack.borrow_mut().truncate(self.depth));
    }
}

/// While this guard lives, `global()` on the current thread is a test
/// instance; see [`TestMetrics::enter`](crate::TestMetrics::enter) and
/// [`TestRegistry::enter`](crate::TestRegistry::enter).
///
/// Dropping it restores what `global()` was before, also when the thread
/// unwinds from a panic. It is `!Send`: a scope belongs to the thread that
/// entered it.
#[must_use = "the scope ends as soon as the guard is dropped"]
pub struct TestScope<'a> {
    // Declared first so it is dropped first: the runtime is unbound before
    // the thread's stack unwinds past this scope.
    #[cfg(feature = "tokio")]
    _bound: Option<RuntimeBinding>,
    pushed: Pushed,
    _borrow: PhantomData<&'a ()>,
}

impl TestScope<'_> {
    pub(crate) fn enter(frame: Frame) -> Self {
        TestScope {
            #[cfg(feature = "tokio")]
            _bound: RuntimeBinding::to_current_runtime(&frame),
            pushed: push(frame),
            _borrow: PhantomData,
        }
    }
}

impl std::fmt::Debug for TestScope<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestScope")
            .field("depth", &self.pushed.depth)
            .finish()
    }
}

/// A future that runs every poll of its inner future inside a test scope,
/// on whichever thread polls it; from
/// [`TestMetrics::scope`](crate::TestMetrics::scope) and
/// [`TestRegistry::scope`](crate::TestRegistry::scope).
///
/// It is `Send` when the inner future is, so it can be handed to
/// `tokio::spawn`. With the `tokio` feature, polling it on a tokio runtime
/// binds the scope to that runtime until the future completes or is
/// dropped, so the tasks and `spawn_blocking` closures it spawns there are
/// covered too (see [`TestRegistry`](crate::TestRegistry)). Without it, or
/// on another executor, wrap the futures it spawns in a scope as well.
#[must_use = "futures do nothing unless polled"]
pub struct Scoped<F> {
    frame: Frame,
    inner: Pin<Box<F>>,
    /// The runtimes this future was polled on, bound while it runs.
    #[cfg(feature = "tokio")]
    bound: Vec<RuntimeBinding>,
}

impl<F> Scoped<F> {
    pub(crate) fn new(frame: Frame, inner: F) -> Self {
        Scoped {
            frame,
            inner: Box::pin(inner),
            #[cfg(feature = "tokio")]
            bound: Vec::new(),
        }
    }

    #[cfg(feature = "tokio")]
    fn bind_current_runtime(&mut self) {
        let Some(runtime) = crate::testing::runtime_binding::current_runtime() else {
            return;
        };
        if self.bound.iter().all(|bound| bound.runtime() != runtime) {
            self.bound.push(RuntimeBinding::new(runtime, &self.frame));
        }
    }
}

impl<F: Future> Future for Scoped<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.get_mut();
        #[cfg(feature = "tokio")]
        this.bind_current_runtime();
        let _pushed = push(this.frame.clone());
        let poll = this.inner.as_mut().poll(cx);
        // A finished scope no longer lives, even if its future is kept.
        #[cfg(feature = "tokio")]
        if poll.is_ready() {
            this.bound.clear();
        }
        poll
    }
}

impl<F> std::fmt::Debug for Scoped<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scoped").finish_non_exhaustive()
    }
}
