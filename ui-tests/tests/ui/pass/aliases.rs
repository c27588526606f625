use prometheus_component::Metrics;
use prometheus::IntCounter as Hits;

type Lat = prometheus::Histogram;
type Sizes = prometheus::IntGaugeVec;

/// Types named through aliases: the checks follow the real type.
#[derive(Metrics)]
#[metrics(component = "cache")]
pub struct CacheMetrics {
    /// Lookups that found their key.
    pub hits_total: Hits,
    /// Lookup time.
    #[metric(buckets = [0.001, 0.01])]
    pub lookup_seconds: Lat,
    /// Entries, by tier.
    #[metric(labels = ["tier"])]
    pub entries: Sizes,
}

fn main() {
    let m = CacheMetrics::for_test();
    m.hits_total.inc();
    m.lookup_seconds.observe(0.005);
    m.entries.with_label_values(&["memory"]).set(7);
    assert_eq!(m.value("cache_hits_total", &[]), Some(1.0));
    assert_eq!(m.histogram("cache_lookup_seconds", &[]).unwrap().buckets, [(0.001, 0), (0.01, 1)]);
    assert_eq!(m.value("cache_entries", &[("tier", "memory")]), Some(7.0));
}
