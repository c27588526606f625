use prometheus_component::Metrics;

type Hits = prometheus_component::prometheus::IntCounter;

/// An alias hides the type from the macro, not from the checks.
#[derive(Metrics)]
#[metrics(component = "cache")]
pub struct CacheMetrics {
    /// Lookups that found their key.
    #[metric(labels = ["tier"])]
    pub hits: Hits,
}

fn main() {}
