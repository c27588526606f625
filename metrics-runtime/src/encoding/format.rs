//! The exposition formats a scraper can ask for, and their content types.

/// The `Content-Type` of [`Registry::encode_text`](crate::Registry::encode_text)'s
/// output: the Prometheus text exposition format 0.0.4.
pub const TEXT_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// An exposition format a scraper can ask for.
///
/// ```
/// use prometheus_component::prometheus::IntCounter;
/// use prometheus_component::{Format, Metrics, Registry};
///
/// /// The mailer.
/// #[derive(Metrics)]
/// #[metrics(component = "mailer")]
/// struct MailerMetrics {
///     /// Mails sent.
///     sent_total: IntCounter,
/// }
///
/// let registry = Registry::new();
/// MailerMetrics::register(&registry)?;
/// let mut out = Vec::new();
/// registry.encode(Format::Protobuf, &mut out);
/// // One length-prefixed `MetricFamily`, its name first.
/// assert_eq!(out[0] as usize, out.len() - 1);
/// assert_eq!(&out[3..3 + 17], b"mailer_sent_total");
/// # Ok::<(), prometheus_component::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// The Prometheus text format 0.0.4.
    Text,
    /// OpenMetrics 1.0.0 text: counter families named without `_total`,
    /// and `# EOF` at the end.
    OpenMetrics,
    /// The delimited stream of `io.prometheus.client.MetricFamily`
    /// protobuf messages, the only format that carries native histograms.
    /// Prometheus asks for it first when its native histograms are on.
    Protobuf,
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
            Format::Protobuf => PROTOBUF_CONTENT_TYPE,
        }
    }
}

/// The `Content-Type` of [`Format::Protobuf`].
pub const PROTOBUF_CONTENT_TYPE: &str =
    "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

/// One of the text formats, for [`Registry::encode_text_into`](crate::Registry::encode_text_into),
/// which writes into a `String`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TextFormat {
    /// The Prometheus text format 0.0.4.
    Text,
    /// OpenMetrics 1.0.0 text.
    OpenMetrics,
}

impl From<TextFormat> for Format {
    fn from(format: TextFormat) -> Format {
        match format {
            TextFormat::Text => Format::Text,
            TextFormat::OpenMetrics => Format::OpenMetrics,
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
