//! The `push` feature against a real Pushgateway, and its errors.

use metrics_tests::support;

use std::error::Error as _;
use std::time::Duration;

use prometheus_component::prometheus::IntCounter;
use prometheus_component::{Metrics, PushError, Pushgateway, Registry};

/// A batch job's own metric, pushed beside the checkout component.
#[derive(Metrics)]
#[metrics(component = "batch", namespace = "it")]
struct BatchMetrics {
    /// Rows the batch wrote.
    rows_total: IntCounter,
}

/// The value of the sample `name{...}` in the gateway's exposition whose
/// labels include every `key="value"` of `labels`.
fn sample(exposition: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    exposition
        .lines()
        .filter(|line| line.starts_with(&format!("{name}{{")))
        .find(|line| {
            labels
                .iter()
                .all(|(k, v)| line.contains(&format!("{k}=\"{v}\"")))
        })
        .and_then(|line| line.rsplit(' ').next()?.parse().ok())
}

#[test]
fn push_replaces_push_add_merges_and_delete_removes_a_group() {
    let Some(gateway_server) = support::pushgateway() else {
        return;
    };
    let url = gateway_server.url("");
    let group: &[(&str, &str)] = &[("shard", "eu/1"), ("region", "zürich")];
    let labels = [("job", "nightly"), ("shard", "eu/1"), ("region", "zürich")];
    let exposition = || {
        let answer = support::get(&gateway_server.url("/metrics")).expect("gateway answers");
        assert_eq!(answer.status, 200);
        answer.body
    };

    let checkout = Registry::new();
    support::components::checkout(&checkout);
    checkout
        .push(&url, "nightly", group)
        .expect("push accepted");
    let text = exposition();
    assert_eq!(
        sample(&text, "it_checkout_orders_total", &labels),
        Some(42.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "it_checkout_payments_total",
            &[("method", "card"), ("shard", "eu/1")]
        ),
        Some(30.0)
    );
    assert_eq!(
        sample(&text, "it_checkout_duration_seconds_count", &labels),
        Some(40.0)
    );

    // POST keeps the group's other metrics.
    let batch = Registry::new();
    BatchMetrics::register(&batch)
        .expect("registers")
        .rows_total
        .inc_by(1200);
    let gateway = Pushgateway::new(&url);
    gateway
        .push_add(&batch, "nightly", group)
        .expect("push_add accepted");
    let text = exposition();
    assert_eq!(sample(&text, "it_batch_rows_total", &labels), Some(1200.0));
    assert_eq!(
        sample(&text, "it_checkout_orders_total", &labels),
        Some(42.0)
    );

    // PUT replaces the whole group.
    gateway
        .push(&batch, "nightly", group)
        .expect("push accepted");
    let text = exposition();
    assert_eq!(sample(&text, "it_batch_rows_total", &labels), Some(1200.0));
    assert_eq!(
        sample(&text, "it_checkout_orders_total", &labels),
        None,
        "{text}"
    );

    gateway.delete("nightly", group).expect("delete accepted");
    assert_eq!(sample(&exposition(), "it_batch_rows_total", &labels), None);
}

#[test]
fn an_unreachable_gateway_is_a_clear_error() {
    // Bound and released: nothing listens there now.
    let port = support::free_port();
    let url = format!("http://127.0.0.1:{port}");
    let err = Registry::new()
        .push(&url, "batch", &[])
        .expect_err("nothing listens");
    assert!(matches!(err, PushError::Unreachable { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "cannot reach the Pushgateway at {url}/metrics/job/batch: "
        )),
        "{message}"
    );
    assert!(err.source().is_some());

    // Same with a timeout of "never": an error, not a panic or a hang.
    let err = Pushgateway::new(&url)
        .timeout(Duration::MAX)
        .delete("batch", &[])
        .expect_err("nothing listens");
    assert!(matches!(err, PushError::Unreachable { .. }), "{err:?}");
}

#[test]
fn a_refusal_names_the_status_and_the_reason() {
    let Some(gateway_server) = support::pushgateway() else {
        return;
    };
    // Not the gateway's API: a path under which it has nothing.
    let url = gateway_server.url("/not-the-api");
    let err = Pushgateway::new(&url)
        .push(&Registry::new(), "batch", &[])
        .expect_err("refused");
    match &err {
        PushError::Rejected {
            status,
            url: refused,
            ..
        } => {
            assert_eq!(*status, 404);
            assert!(refused.starts_with(&url));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(
        err.to_string()
            .contains("refused the request with status 404"),
        "{err}"
    );
}

#[test]
fn invalid_groupings_are_refused_before_sending() {
    let gateway = Pushgateway::new("http://127.0.0.1:9");
    let registry = Registry::new();
    for (job, grouping) in [
        ("", &[][..]),
        ("batch", &[("job", "x")][..]),
        ("batch", &[("bad-name", "x")][..]),
        ("batch", &[("a", "1"), ("a", "2")][..]),
    ] {
        let err = gateway.push(&registry, job, grouping).expect_err("invalid");
        assert!(matches!(err, PushError::InvalidGrouping(_)), "{err:?}");
    }
}

/// A one-shot HTTP server on loopback: answers one request with `status`
/// and `body`, and hands back the request's head.
fn answer_once(status: &str, body: String) -> (String, std::thread::JoinHandle<String>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
    let url = format!("http://{}", listener.local_addr().unwrap());
    let status = status.to_owned();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("a request");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
            if stream.read(&mut byte).unwrap_or(0) == 0 {
                break;
            }
            head.push(byte[0]);
        }
        let reply = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(reply.as_bytes());
        String::from_utf8_lossy(&head).into_owned()
    });
    (url, server)
}

#[test]
fn a_long_refusal_is_cut_short_not_dropped() {
    let reason = format!("quota exceeded: {}", "x".repeat(10_000));
    let (url, server) = answer_once("429 Too Many Requests", reason);
    let err = Pushgateway::new(&url)
        .push(&Registry::new(), "batch", &[])
        .expect_err("refused");
    server.join().unwrap();
    match err {
        PushError::Rejected { status, body, .. } => {
            assert_eq!(status, 429);
            assert!(body.starts_with("quota exceeded: xxx"), "{body}");
            assert!(body.ends_with(" [...]"), "{body}");
            assert_eq!(body.len(), 4 * 1024 + " [...]".len());
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn basic_and_bearer_authentication_are_sent() {
    let (url, server) = answer_once("200 OK", String::new());
    Pushgateway::new(&url)
        .basic_auth("batch", "s3cret")
        .push(&Registry::new(), "batch", &[])
        .expect("accepted");
    let head = server.join().unwrap().to_ascii_lowercase();
    // base64("batch:s3cret")
    assert!(
        head.contains("\r\nauthorization: basic ymf0y2g6cznjcmv0\r\n"),
        "{head}"
    );

    let (url, server) = answer_once("200 OK", String::new());
    Pushgateway::new(&url)
        .bearer_token("t0ken")
        .delete("batch", &[])
        .expect("accepted");
    let head = server.join().unwrap();
    assert!(
        head.to_ascii_lowercase()
            .contains("\r\nauthorization: bearer t0ken\r\n"),
        "{head}"
    );
}

#[test]
fn an_https_gateway_is_trusted_through_the_given_root_and_only_through_it() {
    let Some(gateway_server) = support::pushgateway_tls() else {
        return;
    };
    let url = format!("https://{}", gateway_server.addr);
    let registry = Registry::new();
    BatchMetrics::register(&registry)
        .unwrap()
        .rows_total
        .inc_by(12);

    // Mozilla's roots do not know the test authority: the push is refused
    // before anything is sent.
    let err = Pushgateway::new(&url)
        .push(&registry, "tls_job", &[])
        .unwrap_err();
    assert!(matches!(err, PushError::Unreachable { .. }), "{err}");
    assert!(err.to_string().contains("UnknownIssuer"), "{err}");

    let gateway = Pushgateway::new(&url)
        .root_certificates_pem(support::TEST_CA_PEM)
        .expect("a PEM certificate");
    gateway
        .push(&registry, "tls_job", &[])
        .expect("push over TLS");
    let metrics = || {
        let answer = support::get_tls(&format!("{url}/metrics"), support::TEST_CA_PEM)
            .expect("gateway answers over TLS");
        assert_eq!(answer.status, 200);
        answer.body
    };
    let text = metrics();
    assert_eq!(
        sample(&text, "it_batch_rows_total", &[("job", "tls_job")]),
        Some(12.0),
        "{text}"
    );
    gateway.delete("tls_job", &[]).expect("delete over TLS");
    let text = metrics();
    assert_eq!(
        sample(&text, "it_batch_rows_total", &[("job", "tls_job")]),
        None
    );
}

#[test]
fn root_certificates_must_be_pem_certificates() {
    let gateway = Pushgateway::new("https://127.0.0.1:9");
    for input in [&b""[..], b"not pem at all", support::TLS_SERVER_KEY_PEM] {
        let err = gateway.clone().root_certificates_pem(input).unwrap_err();
        assert!(matches!(err, PushError::InvalidCertificate(_)), "{err}");
        assert!(err
            .to_string()
            .starts_with("cannot read the root certificates: "));
    }
}
