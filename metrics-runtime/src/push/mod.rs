//! Pushing a [`Registry`] to a Prometheus Pushgateway (feature `push`).
//!
//! The body is the text exposition ([`TEXT_CONTENT_TYPE`]), the same bytes
//! the exporter serves, sent by [`ureq`]: a blocking client, so batch jobs
//! need no async runtime. `https://` gateways need feature `push-tls`
//! (rustls, no OpenSSL); without it no TLS is compiled in. Always a direct
//! connection: `HTTP_PROXY` and friends, often set for downloads, are
//! ignored, so metrics never detour through a proxy.

#[cfg(feature = "push-tls")]
mod tls;

use std::error::Error as StdError;
use std::fmt;
use std::io::Read;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE;
use base64::Engine as _;

use crate::encoding::format::TEXT_CONTENT_TYPE;
use crate::registry::Registry;

/// How much of a refusal's body is kept for the error message.
const MAX_ERROR_BODY: u64 = 4 * 1024;

/// The longest timeout passed on, so that adding it to "now" cannot overflow.
const MAX_TIMEOUT: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// A Pushgateway at a base URL such as `http://127.0.0.1:9091`.
///
/// Metrics are grouped by job and optional grouping labels, as the
/// Pushgateway's `/metrics/job/<job>/<label>/<value>...` API does; values
/// that cannot stand in a URL path as they are (`/`, spaces, non-ASCII,
/// empty) are sent base64-encoded, so any value arrives unchanged.
///
/// ```no_run
/// use prometheus_component::prometheus::IntCounter;
/// use prometheus_component::{Metrics, Pushgateway, Registry};
///
/// /// The nightly export.
/// #[derive(Metrics)]
/// #[metrics(component = "export")]
/// struct ExportMetrics {
///     /// Rows written.
///     rows_total: IntCounter,
/// }
///
/// let registry = Registry::new();
/// ExportMetrics::register(&registry)?.rows_total.inc_by(1200);
///
/// let gateway = Pushgateway::new("http://127.0.0.1:9091");
/// gateway.push(&registry, "nightly_export", &[("shard", "eu/1")])?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pushgateway {
    base: String,
    agent: ureq::Agent,
    /// The `Authorization` header sent with every request, if any.
    authorization: Option<String>,
    timeout: Duration,
    /// The root certificates trusted for `https://`, when not Mozilla's.
    pub(crate) roots: Roots,
}

/// The root certificates a gateway trusts, when not Mozilla's.
#[cfg(feature = "push-tls")]
pub(crate) type Roots = Option<std::sync::Arc<Vec<ureq::tls::Certificate<'static>>>>;
/// No TLS is compiled in.
#[cfg(not(feature = "push-tls"))]
pub(crate) type Roots = ();

/// Why a push or delete failed.
///
/// ```
/// use prometheus_component::{PushError, Registry};
///
/// // A port nobody listens on: bound, then released.
/// let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
/// let url = format!("http://127.0.0.1:{port}");
/// let err = Registry::new().push(&url, "batch", &[]).unwrap_err();
/// assert!(matches!(err, PushError::Unreachable { .. }));
/// assert!(err.to_string().starts_with("cannot reach the Pushgateway at http://127.0.0.1:"));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum PushError {
    /// The job or grouping cannot be sent: an empty job name, a label name
    /// that is not `[a-zA-Z_][a-zA-Z0-9_]*`, a `job` label, or a label given twice.
    InvalidGrouping(String),
    /// No HTTP answer came back: a malformed URL, the connection refused,
    /// a name that does not resolve, a timeout, or a broken connection.
    Unreachable {
        /// The URL of the request.
        url: String,
        /// What the HTTP client reported.
        source: Box<dyn StdError + Send + Sync>,
    },
    /// The gateway answered with a status other than 2xx.
    Rejected {
        /// The URL of the request.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// The start of the response body, which says why.
        body: String,
    },
    /// Root certificates given to
    /// [`Pushgateway::root_certificates_pem`] could not be read.
    #[cfg(feature = "push-tls")]
    #[cfg_attr(docsrs, doc(cfg(feature = "push-tls")))]
    InvalidCertificate(String),
}

impl Pushgateway {
    /// A client for the gateway at `url` (scheme, host, port and an
    /// optional path prefix), with a 10 s timeout per request.
    ///
    /// ```
    /// let gateway = prometheus_component::Pushgateway::new("http://127.0.0.1:9091/");
    /// ```
    pub fn new(url: &str) -> Self {
        let timeout = Duration::from_secs(10);
        Pushgateway {
            base: url.trim_end_matches('/').to_owned(),
            agent: agent(timeout, &Roots::default()),
            authorization: None,
            timeout,
            roots: Roots::default(),
        }
    }

    /// The same gateway, sending HTTP basic authentication with every
    /// request (for a gateway behind `--web.config.file` or a proxy).
    ///
    /// ```
    /// let gateway = prometheus_component::Pushgateway::new("http://127.0.0.1:9091")
    ///     .basic_auth("batch", "s3cret");
    /// ```
    pub fn basic_auth(mut self, user: &str, password: &str) -> Self {
        let credentials =
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        self.authorization = Some(format!("Basic {credentials}"));
        self
    }

    /// The same gateway, sending `Authorization: Bearer <token>` with every
    /// request.
    ///
    /// ```
    /// let gateway = prometheus_component::Pushgateway::new("http://127.0.0.1:9091")
    ///     .bearer_token("eyJhbGciOi...");
    /// ```
    pub fn bearer_token(mut self, token: &str) -> Self {
        self.authorization = Some(format!("Bearer {token}"));
        self
    }

    /// The same gateway with another timeout for each whole request.
    ///
    /// ```
    /// use std::time::Duration;
    /// let gateway = prometheus_component::Pushgateway::new("http://127.0.0.1:9091")
    ///     .timeout(Duration::from_secs(3));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self.rebuild_agent();
        self
    }

    /// The client again, after a setting changed.
    pub(crate) fn rebuild_agent(&mut self) {
        self.agent = agent(self.timeout, &self.roots);
    }

    /// Replaces every metric of the group with `registry`'s (HTTP `PUT`).
    ///
    /// ```
    /// use prometheus_component::{PushError, Pushgateway, Registry};
    ///
    /// let gateway = Pushgateway::new("http://127.0.0.1:9091");
    /// let err = gateway.push(&Registry::new(), "", &[]).unwrap_err();
    /// assert_eq!(err.to_string(), "cannot push: the job name is empty");
    /// ```
    pub fn push(
        &self,
        registry: &Registry,
        job: &str,
        grouping: &[(&str, &str)],
    ) -> Result<(), PushError> {
        self.upload(Upload::Replace, registry, job, grouping)
    }

    /// Replaces only the group's metrics that `registry` also has, by name
    /// (HTTP `POST`).
    ///
    /// ```
    /// use prometheus_component::{Pushgateway, Registry};
    ///
    /// let gateway = Pushgateway::new("http://127.0.0.1:9091");
    /// let err = gateway.push_add(&Registry::new(), "batch", &[("job", "x")]).unwrap_err();
    /// assert!(err.to_string().contains("`job`"));
    /// ```
    pub fn push_add(
        &self,
        registry: &Registry,
        job: &str,
        grouping: &[(&str, &str)],
    ) -> Result<(), PushError> {
        self.upload(Upload::Merge, registry, job, grouping)
    }

    /// Deletes every metric of the group (HTTP `DELETE`).
    ///
    /// ```
    /// use prometheus_component::Pushgateway;
    ///
    /// let err = Pushgateway::new("http://127.0.0.1:9091")
    ///     .delete("batch", &[("1st", "x")])
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("`1st`"));
    /// ```
    pub fn delete(&self, job: &str, grouping: &[(&str, &str)]) -> Result<(), PushError> {
        let url = self.url(job, grouping)?;
        check_scheme(&url)?;
        answer(url.clone(), self.authorized(self.agent.delete(&url)).call())
    }

    /// `request` with this gateway's `Authorization` header, if any.
    fn authorized<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        match &self.authorization {
            Some(authorization) => request.header("Authorization", authorization),
            None => request,
        }
    }

    /// Sends `registry`'s exposition to the group's URL.
    fn upload(
        &self,
        how: Upload,
        registry: &Registry,
        job: &str,
        grouping: &[(&str, &str)],
    ) -> Result<(), PushError> {
        let url = self.url(job, grouping)?;
        check_scheme(&url)?;
        let request = match how {
            Upload::Replace => self.agent.put(&url),
            Upload::Merge => self.agent.post(&url),
        };
        let request = self
            .authorized(request)
            .header("Content-Type", TEXT_CONTENT_TYPE);
        answer(url.clone(), request.send(registry.encode_text()))
    }

    /// `base/metrics/job/<job>/<label>/<value>...`, each value encoded.
    fn url(&self, job: &str, grouping: &[(&str, &str)]) -> Result<String, PushError> {
        if job.is_empty() {
            return Err(PushError::InvalidGrouping(
                "the job name is empty".to_owned(),
            ));
        }
        let mut url = format!("{}/metrics/{}", self.base, segment("job", job));
        for (index, (name, value)) in grouping.iter().enumerate() {
            let invalid = |why: &str| {
                Err(PushError::InvalidGrouping(format!(
                    "grouping label `{name}` {why}"
                )))
            };
            if !is_label_name(name) {
                return invalid("is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
            if *name == "job" {
                return invalid("is reserved: the job is given separately");
            }
            if grouping[..index].iter().any(|(seen, _)| seen == name) {
                return invalid("is given twice");
            }
            url.push('/');
            url.push_str(&segment(name, value));
        }
        Ok(url)
    }
}

/// Refuses an `https://` URL when no TLS is compiled in, saying which
/// feature brings it.
fn check_scheme(url: &str) -> Result<(), PushError> {
    let https = url
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
    if https && !cfg!(feature = "push-tls") {
        return Err(PushError::Unreachable {
            url: url.to_owned(),
            source: "`https://` needs feature `push-tls` of prometheus-component".into(),
        });
    }
    Ok(())
}

#[cfg_attr(not(feature = "push-tls"), allow(unused_variables))]
fn agent(timeout: Duration, roots: &Roots) -> ureq::Agent {
    let config = ureq::Agent::config_builder();
    #[cfg(feature = "push-tls")]
    let config = config.tls_config(crate::push::tls::tls_config(roots.clone()));
    config
        .timeout_global(Some(timeout.min(MAX_TIMEOUT)))
        .proxy(None)
        // A refusal's status and body are read below, to name the reason.
        .http_status_as_error(false)
        .build()
        .new_agent()
}

/// What an upload does with the group's metrics that `registry` lacks.
#[derive(Clone, Copy)]
enum Upload {
    /// `PUT`: they are deleted.
    Replace,
    /// `POST`: they stay.
    Merge,
}

fn answer(
    url: String,
    result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<(), PushError> {
    let mut response = result.map_err(|source| PushError::Unreachable {
        url: url.clone(),
        source: Box::new(source),
    })?;
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    Err(PushError::Rejected {
        url,
        status: status.as_u16(),
        body: refusal_reason(response.body_mut()),
    })
}

/// The start of a refusal's body, which says why: at most
/// `MAX_ERROR_BODY` bytes, cut short with `[...]` rather than dropped when
/// longer; what cannot be read is left out.
fn refusal_reason(body: &mut ureq::Body) -> String {
    let mut bytes = Vec::new();
    let _ = body
        .as_reader()
        .take(MAX_ERROR_BODY + 1)
        .read_to_end(&mut bytes);
    let cut = bytes.len() as u64 > MAX_ERROR_BODY;
    bytes.truncate(MAX_ERROR_BODY as usize);
    let mut reason = String::from_utf8_lossy(&bytes).trim().to_owned();
    if cut {
        reason.push_str(" [...]");
    }
    reason
}

/// `name/value`, or `name@base64/<base64url>` when the value is empty, is
/// `.`/`..` (which URL handling collapses), or has any byte outside the
/// characters a path segment carries unescaped.
fn segment(name: &str, value: &str) -> String {
    let plain = !value.is_empty()
        && value != "."
        && value != ".."
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    if plain {
        format!("{name}/{value}")
    } else if value.is_empty() {
        // The Pushgateway's spelling of an empty value.
        format!("{name}@base64/=")
    } else {
        format!("{name}@base64/{}", URL_SAFE.encode(value))
    }
}

fn is_label_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl fmt::Display for PushError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PushError::InvalidGrouping(why) => write!(f, "cannot push: {why}"),
            PushError::Unreachable { url, source } => {
                write!(f, "cannot reach the Pushgateway at {url}: {source}")
            }
            PushError::Rejected { url, status, body } => write!(
                f,
                "the Pushgateway at {url} refused the request with status {status}: {body}"
            ),
            #[cfg(feature = "push-tls")]
            PushError::InvalidCertificate(why) => {
                write!(f, "cannot read the root certificates: {why}")
            }
        }
    }
}

impl StdError for PushError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            PushError::Unreachable { source, .. } => Some(&**source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_stay_readable_and_others_are_base64() {
        assert_eq!(segment("job", "batch-1.a_b~"), "job/batch-1.a_b~");
        assert_eq!(segment("path", "a/b"), "path@base64/YS9i");
        assert_eq!(segment("x", ""), "x@base64/=");
        assert_eq!(segment("x", ".."), "x@base64/Li4=");
        assert_eq!(segment("x", "ü"), "x@base64/w7w=");
    }

    #[test]
    fn builds_the_group_url_and_refuses_bad_groupings() {
        let gateway = Pushgateway::new("http://gw:9091/prefix/");
        assert_eq!(
            gateway.url("j", &[("a", "1"), ("b", "x y")]).unwrap(),
            "http://gw:9091/prefix/metrics/job/j/a/1/b@base64/eCB5"
        );
        for grouping in [
            &[("", "v")][..],
            &[("a-b", "v")],
            &[("job", "v")],
            &[("a", "1"), ("a", "2")],
        ] {
            assert!(matches!(
                gateway.url("j", grouping),
                Err(PushError::InvalidGrouping(_))
            ));
        }
    }

    #[test]
    fn https_needs_the_tls_feature() {
        assert!(check_scheme("http://gw:9091/metrics/job/j").is_ok());
        let https = check_scheme("HTTPS://gw:9091/metrics/job/j");
        if cfg!(feature = "push-tls") {
            assert!(https.is_ok());
        } else {
            let err = https.unwrap_err();
            assert!(
                err.to_string().contains("needs feature `push-tls`"),
                "{err}"
            );
        }
    }
}
