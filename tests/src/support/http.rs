//! Talking HTTP to the servers under test: a small blocking client (plain
//! and TLS) for their APIs, and raw exchanges for what a hand-written
//! client would see. Loopback only.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use serde_json::Value;

/// `GET url` over TLS, trusting only the root certificate `ca_pem`.
pub fn get_tls(url: &str, ca_pem: &[u8]) -> Result<Answer, ureq::Error> {
    use ureq::tls::{Certificate, RootCerts, TlsConfig};
    let root = Certificate::from_pem(ca_pem)?.to_owned();
    let tls = TlsConfig::builder()
        .root_certs(RootCerts::Specific(std::sync::Arc::new(vec![root])))
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .proxy(None)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .tls_config(tls)
        .build()
        .into();
    read_answer(agent.get(url).call()?)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        // Only loopback is ever addressed: never route through a proxy.
        .proxy(None)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .new_agent()
}

/// What an HTTP request got back.
#[derive(Debug)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body, as text.
    pub body: String,
}

/// `GET url`: status, content type and body.
pub fn get(url: &str) -> Result<Answer, ureq::Error> {
    read_answer(agent().get(url).call()?)
}

fn read_answer(mut response: ureq::http::Response<ureq::Body>) -> Result<Answer, ureq::Error> {
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    Ok(Answer {
        status: response.status().as_u16(),
        content_type,
        body: response.body_mut().read_to_string()?,
    })
}

/// `GET url` with query parameters, as JSON; `None` unless it answered 200.
pub fn get_json(url: &str, query: &[(&str, &str)]) -> Option<Value> {
    let mut request = agent().get(url);
    for (key, value) in query {
        request = request.query(key, value);
    }
    let mut response = request.call().ok()?;
    if response.status() != 200 {
        return None;
    }
    serde_json::from_str(&response.body_mut().read_to_string().ok()?).ok()
}

/// Sends raw bytes on a new connection and reads until the server closes
/// it (or 10 s pass): what a hand-written HTTP client would see.
pub fn raw_exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout set");
    // The server may answer and close before reading all of a bad request.
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// An exposition without the exporter's own request counter, which counts
/// each answer after sending it and so differs from one scrape to the next.
pub fn content(text: &str) -> String {
    text.lines()
        .filter(|line| !line.contains("prometheus_component_exporter_requests_total"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Sends `request` and returns the status line, the headers (lowercase
/// names) and the raw body.
pub fn exchange(addr: SocketAddr, request: &str) -> (String, Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout set");
    stream.write_all(request.as_bytes()).expect("sent");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default().to_owned();
    let headers = lines
        .filter_map(|line| line.split_once(": "))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
        .collect();
    (status, headers, answer[split + 4..].to_vec())
}

/// The value of header `name` (lowercase) among `headers`.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}
