//! Answering a scrape, for any HTTP server: the exporter's, or a route of
//! the application's own (axum, hyper, actix...). It negotiates what
//! Prometheus asks for, as client_golang's promhttp does: protobuf,
//! OpenMetrics or text (`Accept`), gzip or not (`Accept-Encoding`), `GET`
//! or `HEAD`.

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::encoding::encode_options::EncodeOptions;
use crate::encoding::format::Format;
use crate::registry::Registry;

/// What a scrape request says that decides the answer: its method and
/// its `Accept` and `Accept-Encoding` headers.
#[derive(Debug, Clone, Copy)]
pub struct ScrapeRequest<'a> {
    /// The HTTP method, `GET` or `HEAD` for a scrape.
    pub method: &'a str,
    /// The `Accept` header, if any.
    pub accept: Option<&'a str>,
    /// The `Accept-Encoding` header, if any.
    pub accept_encoding: Option<&'a str>,
}

/// The answer to a scrape: send the status, the headers and the body as
/// they are.
#[derive(Debug, Clone)]
pub struct ScrapeResponse {
    /// The HTTP status: 200, or 405 for another method, or 500 when a
    /// collector panicked.
    pub status: u16,
    /// The headers: `Content-Type`, `Content-Length`, and
    /// `Content-Encoding`, `Vary` or `Allow` where they apply.
    pub headers: Vec<(&'static str, String)>,
    /// The body: empty for `HEAD`.
    pub body: Vec<u8>,
}

impl ScrapeResponse {
    /// The value of header `name` (case-insensitive), if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// [`scrape_with`] for a request of the `http` crate's types, which the
/// exporter (through hyper) and [`MetricsService`](crate::MetricsService)
/// both have: the answer as an `http` response whose body is the bytes.
pub(crate) fn scrape_http<B>(
    registry: &Registry,
    options: EncodeOptions,
    request: &http::Request<B>,
) -> http::Response<Vec<u8>> {
    use http::header::{HeaderName, HeaderValue, ACCEPT, ACCEPT_ENCODING};
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|value: &HeaderValue| value.to_str().ok())
    };
    let answer = scrape_with(
        registry,
        &ScrapeRequest {
            method: request.method().as_str(),
            accept: header(ACCEPT),
            accept_encoding: header(ACCEPT_ENCODING),
        },
        options,
    );
    let mut response = http::Response::new(answer.body);
    *response.status_mut() = http::StatusCode::from_u16(answer.status)
        .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in answer.headers {
        // Our own header names and values, always valid; `from_bytes`
        // takes them in any case.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// Answers a scrape of `registry`.
///
/// A collector that panics while the registry is collected makes a 500
/// with a short text body, and a log record (through `log`), instead of a
/// connection closed without an answer.
///
/// ```
/// use prometheus_component::prometheus::IntCounter;
/// use prometheus_component::{scrape, Metrics, Registry, ScrapeRequest};
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
/// // What Prometheus 3 sends.
/// let answer = scrape(&registry, &ScrapeRequest {
///     method: "GET",
///     accept: Some("application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2"),
///     accept_encoding: None,
/// });
/// assert_eq!(answer.status, 200);
/// assert!(answer.header("content-type").unwrap().starts_with("application/openmetrics-text; version=1.0.0"));
/// assert!(answer.body.ends_with(b"# EOF\n"));
/// # Ok::<(), prometheus_component::Error>(())
/// ```
pub fn scrape(registry: &Registry, request: &ScrapeRequest<'_>) -> ScrapeResponse {
    scrape_with(registry, request, EncodeOptions::new())
}

/// [`scrape`] with `options`: OpenMetrics with `_created` lines, for
/// example (see [`EncodeOptions`]).
///
/// ```
/// use prometheus_component::prometheus::IntCounter;
/// use prometheus_component::{scrape_with, EncodeOptions, Metrics, Registry, ScrapeRequest};
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
/// let request = ScrapeRequest {
///     method: "GET",
///     accept: Some("application/openmetrics-text;version=1.0.0"),
///     accept_encoding: None,
/// };
/// let answer = scrape_with(&registry, &request, EncodeOptions::new().created_timestamps(true));
/// assert!(String::from_utf8(answer.body).unwrap().contains("\nmailer_sent_created "));
/// # Ok::<(), prometheus_component::Error>(())
/// ```
pub fn scrape_with(
    registry: &Registry,
    request: &ScrapeRequest<'_>,
    options: EncodeOptions,
) -> ScrapeResponse {
    let head = request.method.eq_ignore_ascii_case("HEAD");
    if !head && !request.method.eq_ignore_ascii_case("GET") {
        let mut answer = plain(405, "Method not allowed: use GET or HEAD\n");
        answer.headers.push(("Allow", "GET, HEAD".to_owned()));
        return answer;
    }
    let format = negotiate_format(request.accept);
    let mut body = Vec::new();
    if catch_unwind(AssertUnwindSafe(|| {
        registry.encode_with(format, options, &mut body)
    }))
    .is_err()
    {
        log::error!(
            "a collector panicked while the registry was collected for a scrape; answered 500"
        );
        return plain(
            500,
            "Collecting the metrics failed: a collector panicked (see the log)\n",
        );
    }
    let mut headers = vec![
        ("Content-Type", format.content_type().to_owned()),
        ("Vary", "Accept, Accept-Encoding".to_owned()),
    ];
    if accepts_gzip(request.accept_encoding) {
        let mut gzip = GzEncoder::new(Vec::with_capacity(body.len() / 8), Compression::fast());
        // Writing into a `Vec` cannot fail.
        if gzip.write_all(&body).is_ok() {
            if let Ok(compressed) = gzip.finish() {
                body = compressed;
                headers.push(("Content-Encoding", "gzip".to_owned()));
            }
        }
    }
    headers.push(("Content-Length", body.len().to_string()));
    if head {
        body.clear();
    }
    ScrapeResponse {
        status: 200,
        headers,
        body,
    }
}

fn plain(status: u16, text: &str) -> ScrapeResponse {
    ScrapeResponse {
        status,
        headers: vec![
            ("Content-Type", "text/plain; charset=utf-8".to_owned()),
            ("Content-Length", text.len().to_string()),
        ],
        body: text.as_bytes().to_vec(),
    }
}

/// The format the client prefers: the media range with the highest `q`
/// among those we serve (the first of equals), text without `Accept`.
fn negotiate_format(accept: Option<&str>) -> Format {
    let mut best: Option<(f32, Format)> = None;
    for range in accept.unwrap_or_default().split(',') {
        let mut parts = range.split(';').map(str::trim);
        let media = parts.next().unwrap_or_default().to_ascii_lowercase();
        let params: Vec<&str> = parts.collect();
        let format = match media.as_str() {
            "application/openmetrics-text" => Format::OpenMetrics,
            "application/vnd.google.protobuf" if is_metric_family_stream(&params) => {
                Format::Protobuf
            }
            "text/plain" | "text/*" | "*/*" => Format::Text,
            _ => continue,
        };
        let q = quality(params.into_iter());
        if q > 0.0 && best.is_none_or(|(best_q, _)| q > best_q) {
            best = Some((q, format));
        }
    }
    best.map_or(Format::Text, |(_, format)| format)
}

/// Whether the parameters of `application/vnd.google.protobuf` ask for
/// the delimited `MetricFamily` stream, the one protobuf form we write.
fn is_metric_family_stream(params: &[&str]) -> bool {
    let param = |name: &str| {
        params
            .iter()
            .filter_map(|param| param.split_once('='))
            .find(|(key, _)| key.trim().eq_ignore_ascii_case(name))
            .map(|(_, value)| value.trim().trim_matches('"'))
    };
    param("proto") == Some("io.prometheus.client.MetricFamily")
        && param("encoding").is_some_and(|e| e.eq_ignore_ascii_case("delimited"))
}

/// The `q` parameter among `params`, 1 when absent.
fn quality<'a>(params: impl Iterator<Item = &'a str>) -> f32 {
    params
        .filter_map(|param| param.split_once('='))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("q"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(1.0)
}

fn accepts_gzip(accept_encoding: Option<&str>) -> bool {
    accept_encoding
        .unwrap_or_default()
        .split(',')
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            (name.eq_ignore_ascii_case("gzip") || name == "*") && quality(parts) > 0.0
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_what_prometheus_sends() {
        let prometheus_2 = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
        let prometheus_3 = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";
        assert_eq!(negotiate_format(Some(prometheus_2)), Format::OpenMetrics);
        assert_eq!(negotiate_format(Some(prometheus_3)), Format::OpenMetrics);
        assert_eq!(
            negotiate_format(Some("text/plain;version=0.0.4")),
            Format::Text
        );
        assert_eq!(
            negotiate_format(Some("application/openmetrics-text;q=0.2, text/plain")),
            Format::Text
        );
        assert_eq!(negotiate_format(Some("application/json")), Format::Text);
        assert_eq!(
            negotiate_format(Some("application/openmetrics-text;q=0, */*")),
            Format::Text
        );
        assert_eq!(negotiate_format(None), Format::Text);
    }

    #[test]
    fn negotiates_protobuf_when_prometheus_prefers_it() {
        // Prometheus 2.x with `--enable-feature=native-histograms`.
        let prometheus_2_native = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
        // Prometheus 3 with `scrape_protocols` led by `PrometheusProto`.
        let prometheus_3_native = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.5,application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.2,*/*;q=0.1";
        assert_eq!(
            negotiate_format(Some(prometheus_2_native)),
            Format::Protobuf
        );
        assert_eq!(
            negotiate_format(Some(prometheus_3_native)),
            Format::Protobuf
        );
        // Another protobuf message or encoding is not what we write.
        let text_encoding = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text,text/plain;q=0.5";
        assert_eq!(negotiate_format(Some(text_encoding)), Format::Text);
        let other_message = "application/vnd.google.protobuf;proto=foo.Bar;encoding=delimited";
        assert_eq!(negotiate_format(Some(other_message)), Format::Text);
        // Without parameters it says nothing about the message.
        assert_eq!(
            negotiate_format(Some("application/vnd.google.protobuf")),
            Format::Text
        );
    }

    #[test]
    fn gzip_only_when_accepted() {
        assert!(accepts_gzip(Some("gzip")));
        assert!(accepts_gzip(Some("deflate, gzip;q=0.5")));
        assert!(accepts_gzip(Some("*")));
        assert!(!accepts_gzip(Some("gzip;q=0")));
        assert!(!accepts_gzip(Some("identity")));
        assert!(!accepts_gzip(None));
    }
}
