//! Whether a component's collector is still in its `prometheus`
//! registry, in one atomic load.
//!
//! A component goes into the `prometheus` registry as one collector (see
//! `component::collector`), wrapped so that dropping the wrapper, which the
//! registry does when the collector leaves it, whoever removed it, clears
//! the component's flag in [`Presence`]: no lock, no allocation and no
//! scrape is needed to check.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;

use crate::encoding::foreign_only::is_written_directly;

/// A component's flag: set while its collector is registered.
#[derive(Clone)]
pub(crate) struct Presence {
    flag: Arc<AtomicBool>,
    /// The id of the registry the collector goes into.
    registry: u64,
}

impl Presence {
    /// The flag of a collector going into the registry of id `registry`,
    /// not registered yet.
    pub(crate) fn new(registry: u64) -> Self {
        Presence {
            flag: Arc::new(AtomicBool::new(false)),
            registry,
        }
    }

    /// `collector` wrapped to clear the flag when it is dropped; the flag
    /// is set until then. Register what this returns.
    pub(crate) fn track<C: Collector + 'static>(&self, collector: C) -> Box<dyn Collector> {
        self.flag.store(true, Ordering::Release);
        Box::new(Tracked {
            inner: collector,
            flag: self.flag.clone(),
            registry: self.registry,
        })
    }

    /// Whether the collector is registered.
    pub(crate) fn is_registered(&self) -> bool {
        self.flag.load(Ordering::Acquire)
    }
}

struct Tracked<C> {
    inner: C,
    flag: Arc<AtomicBool>,
    registry: u64,
}

impl<C> Drop for Tracked<C> {
    fn drop(&mut self) {
        self.flag.store(false, Ordering::Release);
    }
}

impl<C: Collector> Collector for Tracked<C> {
    fn desc(&self) -> Vec<&Desc> {
        self.inner.desc()
    }

    fn collect(&self) -> Vec<MetricFamily> {
        if is_written_directly(self.registry) {
            return Vec::new();
        }
        self.inner.collect()
    }
}

#[cfg(test)]
mod tests {
    use prometheus::IntCounter;

    use super::*;
    use crate::encoding::foreign_only::ForeignOnly;

    #[test]
    fn presence_follows_the_collector_in_and_out_of_the_registry() {
        let registry = prometheus::Registry::new();
        let a = IntCounter::new("a_total", "A.").unwrap();
        let presence = Presence::new(1);
        assert!(!presence.is_registered());
        registry.register(presence.track(a.clone())).unwrap();
        assert!(presence.is_registered());
        // Removed by anyone, through the plain `prometheus` API.
        registry.unregister(Box::new(a.clone())).unwrap();
        assert!(!presence.is_registered());
        // A refused registration does not count either.
        let other = prometheus::Registry::new();
        other.register(Box::new(a.clone())).unwrap();
        assert!(other.register(presence.track(a)).is_err());
        assert!(!presence.is_registered());
    }

    #[test]
    fn collectors_of_the_registry_written_directly_collect_nothing_meanwhile() {
        let registry = prometheus::Registry::new();
        let ours = IntCounter::new("ours_total", "Ours.").unwrap();
        let theirs = IntCounter::new("theirs_total", "Theirs.").unwrap();
        registry.register(Presence::new(7).track(ours)).unwrap();
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
