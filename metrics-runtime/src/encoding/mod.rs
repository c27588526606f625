//! The exposition formats and their writers: text 0.0.4 and OpenMetrics
//! 1.0.0, the pieces of a sample line, the text a family repeats on every
//! scrape, and the encoder of families gathered through `prometheus`.
//!
//! May use: `prometheus` and the standard library only. Nothing here
//! imports another folder of this crate; `MetricType` and `Format` are the
//! vocabulary the folders above share.

pub(crate) mod collected_series;
pub(crate) mod family_writer;
pub(crate) mod foreign_only;
pub(crate) mod format;
pub(crate) mod gathered;
pub(crate) mod metric_type;
pub(crate) mod sample_line;
