//! Exemplars: the latest traced update of a series (or of a histogram
//! bucket), kept so that a scrape can link a counter or a latency bucket
//! to the trace that caused it. `recorded` holds one exemplar and
//! OpenMetrics' rules for it, `cell` where one is kept, and `wrapper`
//! the [`Exemplars`](crate::Exemplars) field type over `prometheus`'s
//! counters and histograms.
//!
//! May use: `prometheus`, `log` and the standard library only; `native`
//! keeps its histograms' exemplars here, and `encoding` writes them.

pub(crate) mod cell;
pub(crate) mod recorded;
pub(crate) mod wrapper;
