//! Whether a registered collector is still in its `prometheus` registry,
//! in one atomic load.
//!
//! Anyone holding [`Registry::prometheus`](crate::Registry::prometheus) can
//! unregister a component's collector behind the component's back. Each
//! collector goes into the `prometheus` registry wrapped with a share of a
//! [`Presence`] token; the registry drops the wrapper when the collector
//! leaves it, whoever removed it, so the token's count tells whether it is
//! still there without a lock, an allocation or a scrape.

use std::sync::Arc;

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;

/// Tells whether the one collector [`track`](Presence::track) wrapped is
/// still registered.
#[derive(Default)]
pub(crate) struct Presence(Arc<()>);

impl Presence {
    /// `collector`, holding a share of this token for as long as it lives.
    pub(crate) fn track(&self, collector: Box<dyn Collector>) -> Box<dyn Collector> {
        Box::new(Tracked {
            inner: collector,
            _share: self.0.clone(),
        })
    }

    /// Whether the collector tracked last is still alive: in its registry.
    pub(crate) fn is_registered(&self) -> bool {
        Arc::strong_count(&self.0) > 1
    }
}

struct Tracked {
    inner: Box<dyn Collector>,
    _share: Arc<()>,
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
    fn presence_follows_the_collector_in_and_out_of_the_registry() {
        let registry = prometheus::Registry::new();
        let counter = IntCounter::new("t_total", "T.").unwrap();
        let presence = Presence::default();
        assert!(!presence.is_registered());
        registry
            .register(presence.track(Box::new(counter.clone())))
            .unwrap();
        assert!(presence.is_registered());
        // Removed by anyone, through the plain `prometheus` API.
        registry.unregister(Box::new(counter.clone())).unwrap();
        assert!(!presence.is_registered());
        // A refused registration does not count either.
        let other = prometheus::Registry::new();
        other.register(Box::new(counter.clone())).unwrap();
        assert!(other.register(presence.track(Box::new(counter))).is_err());
        assert!(!presence.is_registered());
    }
}
