//! Serving as Prometheus asks: OpenMetrics and gzip negotiated, a
//! panicking collector answered with a 500, and hostile connections that
//! never keep a real scraper waiting. Loopback only; every loop bounded.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use flate2::read::GzDecoder;
use prometheus_component::prometheus::core::{Collector, Desc};
use prometheus_component::prometheus::proto::MetricFamily;
use prometheus_component::{Exporter, Registry};

fn registry() -> Registry {
    let registry = Registry::new();
    support::components::checkout(&registry);
    registry
}

/// Sends `request` and returns the status line, the headers (lowercase
/// names) and the raw body.
fn exchange(addr: SocketAddr, request: &str) -> (String, Vec<(String, String)>, Vec<u8>) {
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

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

const PROMETHEUS_3_ACCEPT: &str = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

#[test]
fn open_metrics_and_gzip_are_served_when_asked_for() {
    let registry = registry();
    // Without the exporter's own counter, every scrape exports the same page.
    let exporter = Exporter::builder()
        .self_metrics(false)
        .bind("127.0.0.1:0", &registry)
        .expect("binds");
    let request = format!(
        "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: {PROMETHEUS_3_ACCEPT}\r\nAccept-Encoding: gzip\r\n\r\n"
    );
    let (status, headers, body) = exchange(exporter.local_addr(), &request);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(
        header(&headers, "content-type"),
        Some("application/openmetrics-text; version=1.0.0; charset=utf-8")
    );
    assert_eq!(header(&headers, "content-encoding"), Some("gzip"));
    let mut text = String::new();
    GzDecoder::new(&body[..])
        .read_to_string(&mut text)
        .expect("valid gzip");
    assert!(
        text.contains("# TYPE it_checkout_orders counter\nit_checkout_orders_total 42\n"),
        "{text}"
    );
    assert!(text.ends_with("# EOF\n"));

    // Without the headers: plain text, uncompressed, as before.
    let (_, headers, body) = exchange(
        exporter.local_addr(),
        "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    assert_eq!(header(&headers, "content-encoding"), None);
    assert_eq!(String::from_utf8(body).unwrap(), registry.encode_text());
}

/// A collector that panics while it is collected.
struct Panicking(Vec<Desc>);

impl Collector for Panicking {
    fn desc(&self) -> Vec<&Desc> {
        self.0.iter().collect()
    }

    fn collect(&self) -> Vec<MetricFamily> {
        panic!("a broken collector");
    }
}

fn broken_collector() -> Box<Panicking> {
    let desc = Desc::new(
        "broken".into(),
        "Broken.".into(),
        vec![],
        Default::default(),
    )
    .unwrap();
    Box::new(Panicking(vec![desc]))
}

#[test]
fn a_panicking_collector_gets_a_500_and_serving_goes_on() {
    let registry = registry();
    let exporter = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    registry.prometheus().register(broken_collector()).unwrap();
    for _ in 0..3 {
        let (status, headers, body) = exchange(
            exporter.local_addr(),
            "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
        );
        assert_eq!(status, "HTTP/1.1 500 Internal Server Error");
        assert_eq!(
            header(&headers, "content-type"),
            Some("text/plain; charset=utf-8")
        );
        assert!(String::from_utf8_lossy(&body).contains("a collector panicked"));
    }
    // Once the collector is gone, scrapes are answered again.
    registry
        .prometheus()
        .unregister(broken_collector())
        .unwrap();
    let (status, _, _) = exchange(
        exporter.local_addr(),
        "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    assert_eq!(status, "HTTP/1.1 200 OK");
}

/// Keeps `count` hostile connections open until `stop`: half idle, half
/// trickling a header a byte at a time; each one the server closes is
/// opened again. Bounded: at most `MAX_OPENED` connections in all.
fn hostile_clients(
    addr: SocketAddr,
    count: usize,
    stop: Arc<AtomicBool>,
) -> thread::JoinHandle<usize> {
    const MAX_OPENED: usize = 5_000;
    thread::spawn(move || {
        let mut opened = 0;
        let mut sockets: Vec<Option<TcpStream>> = (0..count).map(|_| None).collect();
        let deadline = Instant::now() + Duration::from_secs(60);
        while !stop.load(Ordering::Relaxed) && opened < MAX_OPENED && Instant::now() < deadline {
            for (i, slot) in sockets.iter_mut().enumerate() {
                let alive = match slot {
                    Some(stream) if i % 2 == 1 => stream.write_all(b"x").is_ok(),
                    Some(_) => true,
                    None => false,
                };
                if !alive {
                    *slot = None;
                    if let Ok(mut stream) = TcpStream::connect(addr) {
                        opened += 1;
                        let _ = stream.write_all(b"GET /metrics HTTP/1.1\r\nX-Slow: ");
                        *slot = Some(stream);
                    }
                }
            }
            thread::sleep(Duration::from_millis(20));
        }
        opened
    })
}

#[test]
fn idle_and_trickling_connections_never_keep_a_scraper_waiting() {
    let registry = registry();
    let max_connections = 8;
    let exporter = Exporter::builder()
        .max_connections(max_connections)
        .header_read_timeout(Duration::from_secs(30))
        .request_timeout(Duration::from_secs(30))
        .bind("127.0.0.1:0", &registry)
        .expect("binds");
    let stop = Arc::new(AtomicBool::new(false));
    let hostile = hostile_clients(exporter.local_addr(), 4 * max_connections, stop.clone());
    // Let them take every slot first.
    thread::sleep(Duration::from_millis(500));
    let mut times = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        let (status, _, body) = exchange(
            exporter.local_addr(),
            "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
        );
        times.push(start.elapsed());
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert!(String::from_utf8_lossy(&body).contains("it_checkout_orders_total 42"));
    }
    stop.store(true, Ordering::Relaxed);
    let opened = hostile.join().expect("hostile thread");
    assert!(
        opened >= 4 * max_connections,
        "only {opened} hostile connections"
    );
    times.sort();
    let p95 = times[times.len() * 95 / 100 - 1];
    assert!(p95 < Duration::from_secs(1), "p95 {p95:?}, all: {times:?}");
}

#[test]
fn the_exporter_counts_its_answers_by_status_code_unless_told_not_to() {
    let counted = registry();
    let exporter = Exporter::bind("127.0.0.1:0", &counted).expect("binds");
    for request in [
        "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
        "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /other HTTP/1.1\r\nHost: x\r\n\r\n",
        "DELETE /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
    ] {
        exchange(exporter.local_addr(), request);
    }
    let text = counted.encode_text();
    for line in [
        "prometheus_component_exporter_requests_total{code=\"200\"} 3\n",
        "prometheus_component_exporter_requests_total{code=\"404\"} 1\n",
        "prometheus_component_exporter_requests_total{code=\"405\"} 1\n",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    exporter.shutdown();

    let quiet = registry();
    let exporter = Exporter::builder()
        .self_metrics(false)
        .bind("127.0.0.1:0", &quiet)
        .expect("binds");
    exchange(
        exporter.local_addr(),
        "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    assert!(!quiet
        .encode_text()
        .contains("prometheus_component_exporter"));
}
