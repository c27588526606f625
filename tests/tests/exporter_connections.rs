//! The `http` exporter's connections: size limits, header and request
//! timeouts, idle and trickling clients that never keep a real scraper
//! waiting, shutdown with a stalled connection, clamped limits, and no
//! panic whatever arrives. Loopback only; every loop bounded.
//!
//! Timeouts here are liveness bounds (a scrape answers at all while a slow
//! client is connected), never speed claims.

use metrics_tests::support;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Once};
use std::thread;
use std::time::{Duration, Instant};

use prometheus_component::Exporter;

use support::components::checkout_registry as registry;

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
        (after.status, support::content(&after.body)),
        (200, support::content(&registry.encode_text()))
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
            (answer.status, support::content(&answer.body)),
            (200, support::content(&registry.encode_text()))
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
        let (status, _, body) = support::exchange(
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
        (answer.status, support::content(&answer.body)),
        (200, support::content(&registry.encode_text()))
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
            (after.status, support::content(&after.body)),
            (200, support::content(&registry.encode_text()))
        );
    }
    exporter.shutdown();
    assert_eq!(EXPORTER_PANICS.load(Ordering::SeqCst), 0);
}
