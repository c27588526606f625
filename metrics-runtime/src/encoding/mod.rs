//! The exposition formats and their writers: text 0.0.4, OpenMetrics
//! 1.0.0 and protobuf, the pieces of a sample line, the text a family
//! repeats on every scrape, and the encoder of families gathered through
//! `prometheus`.
//!
//! May use: `prometheus`, the standard library, and `native` (the one
//! folder below this one, whose histograms it writes); `MetricType` and `Format` are the
//! vocabulary the folders above share.

pub(crate) mod collected_series;
pub(crate) mod encode_options;
pub(crate) mod family_writer;
pub(crate) mod foreign_only;
pub(crate) mod format;
pub(crate) mod gathered;
pub(crate) mod metric_type;
pub(crate) mod native_vec_series;
pub(crate) mod protobuf;
pub(crate) mod protobuf_family;
pub(crate) mod sample_line;
