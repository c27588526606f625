//! Whether each registered collector of a component is still in its
//! `prometheus` registry, in one atomic load.
//!
//! Anyone holding [`Registry::prometheus`](crate::Registry::prometheus) can
//! unregister a component's collector behind the component's back. Each
//! collector goes into the `prometheus` registry wrapped so that dropping
//! the wrapper, which the registry does when the collector leaves it,
//! whoever removed it, clears the collector's flag in [`Presence`]: no
//! lock, no allocation and no scrape is needed to check.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;

/// One flag per collector of a component: set while it is registered.
#[derive(Clone)]
pub(crate) struct Presence {
    flags: Arc<[AtomicBool]>,
    /// The id of the registry the collectors go into.
    registry: u64,
}

impl Presence {
    /// Flags for `count` collectors going into the registry of id
    /// `registry`, none registered yet.
    pub(crate) fn new(count: usize, registry: u64) -> Self {
        Presence {
            flags: (0..count).map(|_| AtomicBool::new(false)).collect(),
            registry,
        }
    }

    /// `collector`, number `index`, wrapped to clear its flag when it is
    /// dropped; its flag is set until then. Register what this returns.
    pub(crate) fn track<C: Collector + 'static>(
        &self,
        index: usize,
        collector: C,
    ) -> Box<dyn Collector> {
        self.flags[index].store(true, Ordering::Release);
        Box::new(Tracked {
            inner: collector,
            flags: self.flags.clone(),
            index,
            registry: self.registry,
        })
    }

    /// Whether collector number `index` is registered.
    pub(crate) fn is_registered(&self, index: usize) -> bool {
        self.flags[index].load(Ordering::Acquire)
    }

    /// Whether every collector is registered.
    pub(crate) fn all_registered(&self) -> bool {
        self.flags.iter().all(|flag| flag.load(Ordering::Acquire))
    }
}

struct Tracked<C> {
    inner: C,
    flags: Arc<[AtomicBool]>,
    index: usize,
    registry: u64,
}

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

impl<C> Drop for Tracked<C> {
    fn drop(&mut self) {
        self.flags[self.index].store(false, Ordering::Release);
    }
}

impl<C: Collector> Collector for Tracked<C> {
    fn desc(&self) -> Vec<&Desc> {
        self.inner.desc()
    }

    fn collect(&self) -> Vec<MetricFamily> {
        if WRITTEN_DIRECTLY.with(Cell::get) == self.registry {
            return Vec::new();
        }
        self.inner.collect()
    }
}

#[cfg(test)]
mod tests {
    use prometheus::IntCounter;

    use super::*;

    #[test]
    fn presence_follows_each_collector_in_and_out_of_the_registry() {
        let registry = prometheus::Registry::new();
        let a = IntCounter::new("a_total", "A.").unwrap();
        let b = IntCounter::new("b_total", "B.").unwrap();
        let presence = Presence::new(2, 1);
        assert!(!presence.all_registered());
        registry.register(presence.track(0, a.clone())).unwrap();
        registry.register(presence.track(1, b.clone())).unwrap();
        assert!(presence.all_registered());
        // Removed by anyone, through the plain `prometheus` API.
        registry.unregister(Box::new(a.clone())).unwrap();
        assert!(!presence.is_registered(0));
        assert!(presence.is_registered(1));
        assert!(!presence.all_registered());
        // A refused registration does not count either.
        let other = prometheus::Registry::new();
        other.register(Box::new(a.clone())).unwrap();
        assert!(other.register(presence.track(0, a)).is_err());
        assert!(!presence.is_registered(0));
    }

    #[test]
    fn collectors_of_the_registry_written_directly_collect_nothing_meanwhile() {
        let registry = prometheus::Registry::new();
        let ours = IntCounter::new("ours_total", "Ours.").unwrap();
        let theirs = IntCounter::new("theirs_total", "Theirs.").unwrap();
        let presence = Presence::new(1, 7);
        registry.register(presence.track(0, ours)).unwrap();
        registry.register(Box::new(theirs)).unwrap();
        let names = |registry: &prometheus::Registry| -> Vec<String> {
            registry
                .gather()
                .iter()
                .map(|f| f.name().to_owned())
                .collect()
        };
        {
            let _other = ForeignOnly::enter(8);
            assert_eq!(names(&registry), ["ours_total", "theirs_total"]);
            {
                let _this = ForeignOnly::enter(7);
                assert_eq!(names(&registry), ["theirs_total"]);
            }
            assert_eq!(names(&registry), ["ours_total", "theirs_total"]);
        }
        assert_eq!(names(&registry), ["ours_total", "theirs_total"]);
    }
}
