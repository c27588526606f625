use prometheus_component::{metrics_component, Metrics};
use prometheus_component::prometheus::{GaugeVec, HistogramVec, IntCounter};

/// The runtime under another path, as a facade crate would re-export it.
mod facade {
    pub use prometheus_component as rt;
}

metrics_component! {
    /// Every shorthand together, attributes inside, two components in one call.
    #[derive(Debug)]
    #[metrics(subsystem = "", crate = "crate::facade::rt")]
    pub struct StoreMetrics: "store" in "shop" {
        /// Objects written.
        #[metric(name = "writes_total")]
        objects_written: IntCounter,
        /// Object sizes, by bucket and class.
        object_bytes: HistogramVec["bucket", "class"] { "tier" = "hot", "zone" = "a" } = exponential(1024, 4, 6),
        /// Kept private to the module.
        pub(self) usage_ratio: GaugeVec["bucket"],
    }

    /// A second component in the same call, with a field of its own visibility.
    pub(crate) struct SweepMetrics: "sweeper" {
        #[metric(help = "Sweeps run.")]
        pub runs_total: IntCounter,
    }
}

fn main() {
    let m = StoreMetrics::for_test();
    m.objects_written.inc();
    m.object_bytes.with_label_values(&["b1", "photo"]).observe(5000.0);
    assert_eq!(m.value("shop_writes_total", &[]), Some(1.0));
    let d = &StoreMetrics::descriptors()[1];
    assert_eq!(d.name(), "shop_object_bytes");
    assert_eq!(d.labels(), ["bucket", "class"]);
    assert_eq!(d.const_labels(), [("tier", "hot"), ("zone", "a")]);
    assert_eq!(d.buckets().unwrap(), &prometheus::exponential_buckets(1024.0, 4.0, 6).unwrap()[..]);
    assert_eq!(StoreMetrics::descriptors()[2].buckets(), None);
    assert_eq!(
        StoreMetrics::descriptors()[1].buckets().unwrap().len(),
        6,
        "exponential(1024, 4, 6)"
    );
    assert!(format!("{m:?}").contains("StoreMetrics"));
    assert_eq!(SweepMetrics::descriptors()[0].name(), "sweeper_runs_total");
    SweepMetrics::for_test().runs_total.inc();
    let _ = &m.usage_ratio;
}
