//! What an encoding writes beyond what its format requires.

/// Options of [`Registry::encode_with`](crate::Registry::encode_with),
/// [`scrape_with`](crate::scrape_with) and the exporter.
///
/// - **Timestamp timestamps in OpenMetrics** (off by default): a
///   `<name>_created` line after each counter and histogram series of a
///   component, holding the component's registration time, when every
///   series of it was zero. Prometheus stores them as created timestamps
///   only with its `created-timestamp-zero-ingestion` feature; without it
///   they are ingested as extra series, which is why they are opt-in.
///   Protobuf always carries them, in `created_timestamp`, which
///   Prometheus reads only when asked to and otherwise ignores. Text
///   0.0.4 has no syntax for them.
///
/// ```
/// use prometheus_component::prometheus::IntCounter;
/// use prometheus_component::{EncodeOptions, Format, Metrics, Registry};
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
/// MailerMetrics::register(&registry)?.sent_total.inc();
/// let mut out = Vec::new();
/// let options = EncodeOptions::new().created_timestamps(true);
/// registry.encode_with(Format::OpenMetrics, options, &mut out);
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains("mailer_sent_total 1\nmailer_sent_created 1"));
/// # Ok::<(), prometheus_component::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EncodeOptions {
    pub(crate) created_timestamps: bool,
}

impl EncodeOptions {
    /// The defaults: no `_created` lines in OpenMetrics.
    pub fn new() -> Self {
        EncodeOptions::default()
    }

    /// Whether OpenMetrics has a `_created` line after each counter and
    /// histogram series of a component.
    ///
    /// ```
    /// use prometheus_component::EncodeOptions;
    /// let options = EncodeOptions::new().created_timestamps(true);
    /// assert_ne!(options, EncodeOptions::new());
    /// ```
    pub fn created_timestamps(mut self, on: bool) -> Self {
        self.created_timestamps = on;
        self
    }
}
