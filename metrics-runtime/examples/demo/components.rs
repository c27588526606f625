//! The demo's three components and the traffic it simulates.
//!
//! In a file of its own so the integration tests can include the very same
//! declarations and check their exposition with `promtool`.

use prometheus_component::prometheus::{
    Histogram, HistogramVec, IntCounter, IntCounterVec, IntGauge,
};
use prometheus_component::{Exemplars, Metrics, NativeHistogram};

/// Metrics of the HTTP front end.
#[derive(Metrics)]
#[metrics(component = "http", namespace = "shop")]
pub struct HttpMetrics {
    /// Requests received; each links to its trace.
    pub requests_total: Exemplars<IntCounter>,
    /// Responses sent, by method and status class.
    #[metric(labels = ["method", "class"])]
    pub responses_total: IntCounterVec,
    /// Time to first byte; each bucket links to the latest trace in it.
    #[metric(buckets = [0.005, 0.01, 0.05, 0.1, 0.5, 1.0])]
    pub latency_seconds: Exemplars<Histogram>,
    /// Requests in flight.
    pub in_flight: IntGauge,
    /// Time to the last byte: native buckets for Prometheus' native
    /// histograms, and classic ones for text-format scrapers.
    #[metric(native(schema = 3, max_buckets = 100), buckets = [0.01, 0.1, 1.0])]
    pub response_seconds: NativeHistogram,
}

/// Metrics of the database pool.
#[derive(Metrics)]
#[metrics(component = "db", namespace = "shop")]
pub struct DbMetrics {
    /// Query time, by table.
    #[metric(labels = ["table"], buckets = exponential(0.0005, 4.0, 6))]
    pub query_seconds: HistogramVec,
    /// Open connections.
    pub connections: IntGauge,
}

/// Metrics of the product cache.
#[derive(Metrics)]
#[metrics(component = "cache", namespace = "shop")]
pub struct CacheMetrics {
    /// Lookups answered from the cache.
    pub hits_total: IntCounter,
    /// Lookups that went to the database.
    pub misses_total: IntCounter,
    /// Size of the cached entries.
    pub size_bytes: IntGauge,
}

/// One round of simulated traffic: a few requests, their queries and cache
/// lookups. Deterministic in `round`, so runs and tests are reproducible.
pub fn simulate(http: &HttpMetrics, db: &DbMetrics, cache: &CacheMetrics, round: u64) {
    let mut random = Random(round);
    let requests = 1 + random.below(5);
    http.in_flight
        .set(i64::try_from(requests).unwrap_or(i64::MAX));
    for _ in 0..requests {
        // A W3C trace id, as a tracer would give it (see the README's
        // "Exemplars" for one from the current `tracing` span).
        let trace_id = format!(
            "{:016x}{:016x}",
            random.below(u64::MAX),
            random.below(u64::MAX)
        );
        let exemplar = [("trace_id", trace_id.as_str())];
        http.requests_total.inc_with_exemplar(&exemplar);
        let method = if random.below(4) == 0 { "POST" } else { "GET" };
        let class = match random.below(20) {
            0 => "5xx",
            1 | 2 => "4xx",
            _ => "2xx",
        };
        http.responses_total
            .with_label_values(&[method, class])
            .inc();
        // Mostly fast, with a long tail.
        let latency = 0.002 * (1 + random.below(10)) as f64 * (1 + random.below(30)) as f64;
        http.latency_seconds
            .observe_with_exemplar(latency, &exemplar);
        http.response_seconds
            .observe_with_exemplar(latency * 1.5, &exemplar);

        if random.below(10) < 7 {
            cache.hits_total.inc();
        } else {
            cache.misses_total.inc();
            let table = ["orders", "products", "customers"][random.below(3) as usize];
            let query = 0.0003 * (1 + random.below(50)) as f64;
            db.query_seconds.with_label_values(&[table]).observe(query);
        }
    }
    db.connections.set(4 + (round % 5) as i64);
    cache.size_bytes.set(1_048_576 + 4096 * (round % 64) as i64);
}

/// SplitMix64: enough randomness for fake traffic without a dependency.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}
