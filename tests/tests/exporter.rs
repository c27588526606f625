//! The `http` exporter as a scraper sees it: what it answers (routes,
//! methods, `HEAD`, OpenMetrics and gzip negotiated, a 500 for a panicking
//! collector, its own request counts), concurrent scrapes, binding and
//! shutdown. How it treats slow, hostile and malformed connections is in
//! `exporter_connections.rs`. Loopback only; every loop bounded.

use metrics_tests::support;

use std::io::{ErrorKind, Read};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::thread;

use flate2::read::GzDecoder;
use prometheus_component::prometheus::core::{Collector, Desc};
use prometheus_component::prometheus::proto::MetricFamily;
use prometheus_component::{Exporter, TEXT_CONTENT_TYPE};

use support::components::checkout_registry as registry;

fn scrape(exporter: &Exporter) -> support::Answer {
    support::get(&exporter.url()).expect("scrape answered")
}

fn status_line(answer: &str) -> &str {
    answer.lines().next().unwrap_or("")
}

const PROMETHEUS_3_ACCEPT: &str = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

#[test]
fn serves_the_registry_with_the_text_content_type() {
    let registry = registry();
    let exporter = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let answer = scrape(&exporter);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type.as_deref(), Some(TEXT_CONTENT_TYPE));
    assert_eq!(
        support::content(&answer.body),
        support::content(&registry.encode_text())
    );
    assert!(answer.body.contains("it_checkout_orders_total 42\n"));
    // The exporter counts what it answered, after answering.
    assert!(registry
        .encode_text()
        .contains("prometheus_component_exporter_requests_total{code=\"200\"} 1\n"));

    // A query string does not change the path.
    let with_query = support::get(&format!("{}?debug=1", exporter.url())).expect("answered");
    assert_eq!(with_query.status, 200);
}

#[test]
fn other_paths_are_404_and_other_methods_405_with_allow_get_and_head() {
    let exporter = Exporter::bind("127.0.0.1:0", &registry()).expect("binds");
    let addr = exporter.local_addr();
    for path in ["/", "/metrics/", "/metricsx", "/favicon.ico", "/Metrics"] {
        let answer = support::get(&format!("http://{addr}{path}")).expect("answered");
        assert_eq!(answer.status, 404, "{path}");
    }
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let request = format!("{method} /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        let answer = support::raw_exchange(addr, request.as_bytes());
        assert_eq!(
            status_line(&answer),
            "HTTP/1.1 405 Method Not Allowed",
            "{method}"
        );
        assert!(
            answer
                .to_ascii_lowercase()
                .contains("\r\nallow: get, head\r\n"),
            "{answer}"
        );
    }
}

#[test]
fn head_is_answered_with_the_headers_of_get_and_no_body() {
    // Without the exporter's own counter, GET and HEAD export the same page.
    let exporter = Exporter::builder()
        .self_metrics(false)
        .bind("127.0.0.1:0", &registry())
        .expect("binds");
    let addr = exporter.local_addr();
    let get = support::raw_exchange(addr, b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    let head = support::raw_exchange(addr, b"HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(status_line(&head), "HTTP/1.1 200 OK");
    let (get_headers, get_body) = get.split_once("\r\n\r\n").unwrap();
    let (head_headers, head_body) = head.split_once("\r\n\r\n").unwrap();
    assert!(!get_body.is_empty());
    assert_eq!(head_body, "");
    let length = |headers: &str| {
        headers.lines().find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(str::to_owned)
        })
    };
    assert_eq!(length(head_headers), length(get_headers));
    assert_eq!(length(get_headers), Some(get_body.len().to_string()));
}

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
    let (status, headers, body) = support::exchange(exporter.local_addr(), &request);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(
        support::header(&headers, "content-type"),
        Some("application/openmetrics-text; version=1.0.0; charset=utf-8")
    );
    assert_eq!(support::header(&headers, "content-encoding"), Some("gzip"));
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
    let (_, headers, body) = support::exchange(
        exporter.local_addr(),
        "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    assert_eq!(
        support::header(&headers, "content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    assert_eq!(support::header(&headers, "content-encoding"), None);
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
        let (status, headers, body) = support::exchange(
            exporter.local_addr(),
            "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
        );
        assert_eq!(status, "HTTP/1.1 500 Internal Server Error");
        assert_eq!(
            support::header(&headers, "content-type"),
            Some("text/plain; charset=utf-8")
        );
        assert!(String::from_utf8_lossy(&body).contains("a collector panicked"));
    }
    // Once the collector is gone, scrapes are answered again.
    registry
        .prometheus()
        .unregister(broken_collector())
        .unwrap();
    let (status, _, _) = support::exchange(
        exporter.local_addr(),
        "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    assert_eq!(status, "HTTP/1.1 200 OK");
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
        support::exchange(exporter.local_addr(), request);
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
    support::exchange(
        exporter.local_addr(),
        "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    assert!(!quiet
        .encode_text()
        .contains("prometheus_component_exporter"));
}

#[test]
fn answers_100_concurrent_scrapes() {
    let registry = registry();
    let exporter = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let expected = Arc::new(registry.encode_text());
    let url = Arc::new(exporter.url());
    let start = Arc::new(Barrier::new(100));
    let clients: Vec<_> = (0..100)
        .map(|_| {
            let (url, expected, start) = (url.clone(), expected.clone(), start.clone());
            thread::spawn(move || {
                start.wait();
                let answer = support::get(&url).expect("answered");
                answer.status == 200
                    && support::content(&answer.body) == support::content(&expected)
            })
        })
        .collect();
    let correct = clients
        .into_iter()
        .map(|c| c.join().expect("client thread"))
        .filter(|&ok| ok)
        .count();
    assert_eq!(correct, 100);
}

#[test]
fn bind_failures_are_errors() {
    let registry = registry();
    let first = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let taken = Exporter::bind(first.local_addr(), &registry).expect_err("address in use");
    assert_eq!(taken.kind(), ErrorKind::AddrInUse);
    assert!(Exporter::bind("not an address", &registry).is_err());
}

#[test]
fn shutdown_and_drop_free_the_port() {
    let registry = registry();
    let exporter = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let addr = exporter.local_addr();
    assert_eq!(scrape(&exporter).status, 200);
    exporter.shutdown();
    assert!(
        TcpStream::connect(addr).is_err(),
        "still accepting after shutdown"
    );

    let again = Exporter::bind(addr, &registry).expect("the port is free after shutdown");
    assert_eq!(scrape(&again).status, 200);
    drop(again);
    let third = Exporter::bind(addr, &registry).expect("the port is free after drop");
    assert_eq!(scrape(&third).status, 200);
}
