//! The `http` exporter as a client sees it: routes, limits, timeouts,
//! concurrency, shutdown, and no panic whatever arrives.
//!
//! Timeouts here are liveness bounds (a scrape answers at all while a slow
//! client is connected), never speed claims.

mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Barrier, Once};
use std::thread;
use std::time::Duration;

use prometheus_component::{Exporter, Registry, TEXT_CONTENT_TYPE};

fn registry() -> Registry {
    let registry = Registry::new();
    support::components::checkout(&registry);
    registry
}

/// An exposition without the exporter's own request counter, which counts
/// each answer after sending it and so differs from one scrape to the next.
fn content(text: &str) -> String {
    text.lines()
        .filter(|line| !line.contains("prometheus_component_exporter_requests_total"))
        .map(|line| format!("{line}\n"))
        .collect()
}

fn scrape(exporter: &Exporter) -> support::Answer {
    support::get(&exporter.url()).expect("scrape answered")
}

fn status_line(answer: &str) -> &str {
    answer.lines().next().unwrap_or("")
}

/// A client that has connected and sent `partial` but never finishes.
fn stalled_client(addr: SocketAddr, partial: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream.write_all(partial).expect("partial request sent");
    stream
}

/// Whether the server closed `stream` within a generous bound (EOF or a
/// reset), as opposed to leaving it open until the read timed out.
fn closed_by_server(mut stream: TcpStream) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("read timeout set");
    let mut buf = Vec::new();
    match stream.read_to_end(&mut buf) {
        Ok(_) => true,
        Err(e) => !matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
    }
}

#[test]
fn serves_the_registry_with_the_text_content_type() {
    let registry = registry();
    let exporter = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let answer = scrape(&exporter);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type.as_deref(), Some(TEXT_CONTENT_TYPE));
    assert_eq!(content(&answer.body), content(&registry.encode_text()));
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
fn an_oversized_request_is_refused_and_serving_goes_on() {
    let registry = registry();
    let exporter = Exporter::builder()
        .max_header_bytes(8 * 1024)
        .bind("127.0.0.1:0", &registry)
        .expect("binds");
    let filler = "a".repeat(64 * 1024);
    let request = format!("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Filler: {filler}\r\n\r\n");
    let answer = support::raw_exchange(exporter.local_addr(), request.as_bytes());
    // The server answers 431 and closes; with the rest of the request still
    // unread, the close may reach the client as a reset before the answer.
    assert!(
        answer.is_empty() || status_line(&answer) == "HTTP/1.1 431 Request Header Fields Too Large",
        "{answer}"
    );
    assert!(
        !answer.contains("it_checkout"),
        "the oversized request was served"
    );

    let after = scrape(&exporter);
    assert_eq!(
        (after.status, content(&after.body)),
        (200, content(&registry.encode_text()))
    );
}

#[test]
fn silent_clients_do_not_block_other_scrapes() {
    let registry = registry();
    // Timeouts far beyond the test, so the silent clients stay connected throughout.
    let exporter = Exporter::builder()
        .header_read_timeout(Duration::from_secs(120))
        .request_timeout(Duration::from_secs(120))
        .bind("127.0.0.1:0", &registry)
        .expect("binds");
    let addr = exporter.local_addr();
    let silent: Vec<TcpStream> = (0..3)
        .map(|i| stalled_client(addr, &b"GET /metrics HTTP/1.1\r\nHost: x\r\n"[..i * 10]))
        .collect();
    for _ in 0..20 {
        let answer = scrape(&exporter);
        assert_eq!(
            (answer.status, content(&answer.body)),
            (200, content(&registry.encode_text()))
        );
    }
    drop(silent);
}

#[test]
fn a_silent_client_is_disconnected_at_the_header_timeout() {
    let exporter = Exporter::builder()
        .header_read_timeout(Duration::from_millis(500))
        .request_timeout(Duration::from_secs(120))
        .bind("127.0.0.1:0", &registry())
        .expect("binds");
    let client = stalled_client(exporter.local_addr(), b"GET /metrics HTTP/1.1\r\n");
    assert!(
        closed_by_server(client),
        "still open long after the header timeout"
    );
}

#[test]
fn a_trickling_client_is_disconnected_at_the_request_deadline() {
    let exporter = Exporter::builder()
        .header_read_timeout(Duration::from_secs(120))
        .request_timeout(Duration::from_millis(500))
        .bind("127.0.0.1:0", &registry())
        .expect("binds");
    let mut client = stalled_client(exporter.local_addr(), b"GET /metrics HTTP/1.1\r\nX-Slow: ");
    // One more byte of a header value now and then: never silent, never done.
    let mut cut = false;
    for _ in 0..200 {
        thread::sleep(Duration::from_millis(100));
        if client.write_all(b"a").is_err() {
            cut = true;
            break;
        }
    }
    assert!(
        cut || closed_by_server(client),
        "still open after 20 s of trickling"
    );
}

#[test]
fn a_connection_still_waiting_for_its_request_gives_its_slot_to_a_new_one() {
    let registry = registry();
    let exporter = Exporter::builder()
        .max_connections(1)
        .header_read_timeout(Duration::from_secs(120))
        .bind("127.0.0.1:0", &registry)
        .expect("binds");
    // Takes the only slot, and would keep it for two minutes.
    let silent = stalled_client(exporter.local_addr(), b"GET /metr");
    thread::sleep(Duration::from_millis(100));
    let (done, answered) = mpsc::channel();
    let url = exporter.url();
    let scraper = thread::spawn(move || {
        // The receiver outlives this thread unless the test already failed.
        let _ = done.send(support::get(&url).map(|a| a.status));
    });
    let status = answered
        .recv_timeout(Duration::from_secs(10))
        .expect("answered without waiting for the silent client");
    assert_eq!(status.expect("a response"), 200);
    assert!(closed_by_server(silent), "the silent client was let go");
    scraper.join().expect("client thread");
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
                answer.status == 200 && content(&answer.body) == content(&expected)
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

#[test]
fn shutdown_closes_a_stalled_connection_instead_of_waiting_for_it() {
    let registry = registry();
    let exporter = Exporter::builder()
        .header_read_timeout(Duration::from_secs(120))
        .request_timeout(Duration::from_secs(120))
        .shutdown_grace(Duration::from_millis(200))
        .bind("127.0.0.1:0", &registry)
        .expect("binds");
    let addr = exporter.local_addr();
    let stalled = stalled_client(addr, b"GET /metrics HTTP/1.1\r\n");
    assert_eq!(scrape(&exporter).status, 200);

    let (done, finished) = mpsc::channel();
    let stopping = thread::spawn(move || {
        exporter.shutdown();
        // The receiver outlives this thread unless the test already failed.
        let _ = done.send(());
    });
    finished
        .recv_timeout(Duration::from_secs(20))
        .expect("shutdown returned, long before the client's timeouts");
    stopping.join().expect("shutdown thread");
    assert!(
        closed_by_server(stalled),
        "the stalled connection is still open"
    );
    Exporter::bind(addr, &registry).expect("the port is free");
}

#[test]
fn bind_failures_are_errors() {
    let registry = registry();
    let first = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let taken = Exporter::bind(first.local_addr(), &registry).expect_err("address in use");
    assert_eq!(taken.kind(), ErrorKind::AddrInUse);
    assert!(Exporter::bind("not an address", &registry).is_err());
}

/// Panics on the exporter's thread, counted by a hook installed once for
/// this test binary (tests run in parallel; only that thread's count).
static EXPORTER_PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_exporter_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if thread::current().name() == Some("metrics-exporter") {
                EXPORTER_PANICS.fetch_add(1, Ordering::SeqCst);
            }
            previous(info);
        }));
    });
}

#[test]
fn extreme_limits_are_clamped_instead_of_panicking() {
    count_exporter_panics();
    let registry = registry();
    let exporter = Exporter::builder()
        .header_read_timeout(Duration::MAX)
        .request_timeout(Duration::MAX)
        .shutdown_grace(Duration::MAX)
        .max_connections(usize::MAX)
        .max_header_bytes(0)
        .bind("127.0.0.1:0", &registry)
        .expect("binds");
    let answer = scrape(&exporter);
    assert_eq!(
        (answer.status, content(&answer.body)),
        (200, content(&registry.encode_text()))
    );
    exporter.shutdown();

    let zero = Exporter::builder()
        .max_connections(0)
        .bind("127.0.0.1:0", &registry)
        .expect("binds");
    assert_eq!(
        scrape(&zero).status,
        200,
        "at least one connection is served"
    );
    zero.shutdown();
    assert_eq!(EXPORTER_PANICS.load(Ordering::SeqCst), 0);
}

#[test]
fn malformed_requests_get_400_and_no_panic() {
    count_exporter_panics();
    let registry = registry();
    let exporter = Exporter::bind("127.0.0.1:0", &registry).expect("binds");
    let addr = exporter.local_addr();
    let malformed: [&[u8]; 10] = [
        b"\0\0\0\0\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET /metrics HTTP/9.9\r\n\r\n",
        b"GET /metrics HTTP/1.1\r\nno colon here\r\n\r\n",
        b"GET /metrics HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        b"GET /metrics HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        b"G\x01T /metrics HTTP/1.1\r\n\r\n",
        b"GET /\xff\xfe HTTP/1.1\r\nHost: \xc3\x28\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
        b"GET http://[::1 HTTP/1.1\r\n\r\n",
    ];
    for request in malformed {
        let answer = support::raw_exchange(addr, request);
        assert_eq!(
            status_line(&answer),
            "HTTP/1.1 400 Bad Request",
            "{:?}",
            String::from_utf8_lossy(request)
        );
        let after = scrape(&exporter);
        assert_eq!(
            (after.status, content(&after.body)),
            (200, content(&registry.encode_text()))
        );
    }
    exporter.shutdown();
    assert_eq!(EXPORTER_PANICS.load(Ordering::SeqCst), 0);
}
