//! Whether each registered collector of a component is still in its
//! `prometheus` registry, in one atomic load.
//!
//! Anyone holding [`Registry::prometheus`](crate::Registry::prometheus) can
//! unregister a component's collector behind the component's back. Each
//! collector goes into the `prometheus` registry wrapped so that dropping
//! the wrapper, which the registry does when the collector leaves it,
//! whoever removed it, clears the collector's flag in [`Presence`]: no
//! lock, no allocation and no scrape is needed to check.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;

/// One flag per collector of a component: set while it is registered.
pub(crate) struct Presence(Arc<[AtomicBool]>);

impl Presence {
    /// Flags for `count` collectors, none registered yet.
    pub(crate) fn new(count: usize) -> Self {
        Presence((0..count).map(|_| AtomicBool::new(false)).collect())
    }

    /// `collector`, number `index`, wrapped to clear its flag when it is
    /// dropped; its flag is set until then. Register what this returns.
    pub(crate) fn track(&self, index: usize, collector: Box<dyn Collector>) -> Box<dyn Collector> {
        self.0[index].store(true, Ordering::Release);
        Box::new(Tracked {
            inner: collector,
            flags: self.0.clone(),
            index,
        })
    }

    /// Whether collector number `index` is registered.
    pub(crate) fn is_registered(&self, index: usize) -> bool {
        self.0[index].load(Ordering::Acquire)
    }

    /// Whether every collector is registered.
    pub(crate) fn all_registered(&self) -> bool {
        self.0.iter().all(|flag| flag.load(Ordering::Acquire))
    }
}

struct Tracked {
    inner: Box<dyn Collector>,
    flags: Arc<[AtomicBool]>,
    index: usize,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.flags[self.index].store(false, Ordering::Release);
    }
}

impl Collector for Tracked {
    fn desc(&self) -> Vec<&Desc> {
        self.inner.desc()
    }

    fn collect(&self) -> Vec<MetricFamily> {
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
        let presence = Presence::new(2);
        assert!(!presence.all_registered());
        registry
            .register(presence.track(0, Box::new(a.clone())))
            .unwrap();
        registry
            .register(presence.track(1, Box::new(b.clone())))
            .unwrap();
        assert!(presence.all_registered());
        // Removed by anyone, through the plain `prometheus` API.
        registry.unregister(Box::new(a.clone())).unwrap();
        assert!(!presence.is_registered(0));
        assert!(presence.is_registered(1));
        assert!(!presence.all_registered());
        // A refused registration does not count either.
        let other = prometheus::Registry::new();
        other.register(Box::new(a.clone())).unwrap();
        assert!(other.register(presence.track(0, Box::new(a))).is_err());
        assert!(!presence.is_registered(0));
    }
}
