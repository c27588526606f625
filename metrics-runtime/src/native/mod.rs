//! Native histograms: Prometheus' exponential, sparse buckets, in our own
//! field types (the `prometheus` crate has none). `schema` holds the
//! bucket arithmetic, `bucket_table` the lock-free buckets of one schema,
//! `histogram` and `vec` the field types, `opts` their parameters,
//! `stripe` the per-thread copies of the hot counters, and `snapshot`
//! what a scrape or a test reads.
//!
//! May use: `prometheus`, the standard library, and `exemplar` (where its
//! histograms keep their exemplars). `encoding` writes
//! these types; `field` and `labels` make them fields.

pub(crate) mod bucket_table;
pub(crate) mod histogram;
pub(crate) mod opts;
pub(crate) mod schema;
pub(crate) mod snapshot;
pub(crate) mod stripe;
pub(crate) mod vec;
