//! The exposition formats a scraper can ask for, and their content types.

/// The `Content-Type` of [`Registry::encode_text`](crate::Registry::encode_text)'s
/// output: the Prometheus text exposition format 0.0.4.
pub const TEXT_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// An exposition format a scraper can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// The Prometheus text format 0.0.4.
    Text,
    /// OpenMetrics 1.0.0 text: counter families named without `_total`,
    /// and `# EOF` at the end.
    OpenMetrics,
}

impl Format {
    /// The `Content-Type` of an exposition in this format.
    ///
    /// ```
    /// use prometheus_component::Format;
    /// assert_eq!(Format::Text.content_type(), "text/plain; version=0.0.4; charset=utf-8");
    /// ```
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Text => TEXT_CONTENT_TYPE,
            Format::OpenMetrics => "application/openmetrics-text; version=1.0.0; charset=utf-8",
        }
    }
}

impl Format {
    /// The name a family is announced under: OpenMetrics names a counter
    /// family without the `_total` its samples carry.
    pub(crate) fn family_name(self, name: &str, is_counter: bool) -> &str {
        match self {
            Format::OpenMetrics if is_counter => name.strip_suffix("_total").unwrap_or(name),
            _ => name,
        }
    }

    /// Ends an exposition: OpenMetrics' `# EOF` line.
    pub(crate) fn write_end(self, out: &mut String) {
        if self == Format::OpenMetrics {
            out.push_str("# EOF\n");
        }
    }
}
