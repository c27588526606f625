//! `global()`: registered in the global registry exactly once, never panics.

use std::sync::{Arc, Barrier};

use prometheus_component::prometheus::{self, IntCounter, IntGauge, Opts};
use prometheus_component::{Metrics, Registry};

/// Sessions.
#[derive(Metrics)]
#[metrics(component = "sessions", namespace = "race")]
struct SessionMetrics {
    /// Sessions opened.
    opened_total: IntCounter,
    /// Sessions open now.
    open: IntGauge,
}

/// Uploads, whose name someone registered by hand first.
#[derive(Metrics)]
#[metrics(component = "uploads", namespace = "clash")]
struct UploadMetrics {
    /// Uploads received.
    received_total: IntCounter,
}

/// Downloads, registered through `register` before `global`.
#[derive(Metrics)]
#[metrics(component = "downloads", namespace = "order")]
struct DownloadMetrics {
    /// Downloads served.
    served_total: IntCounter,
}

#[test]
fn racing_threads_register_once_and_share_one_instance() {
    const THREADS: usize = 16;
    let barrier = Barrier::new(THREADS);
    let addresses: Vec<usize> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                s.spawn(|| {
                    barrier.wait();
                    let metrics = SessionMetrics::global();
                    metrics.opened_total.inc();
                    metrics as *const SessionMetrics as usize
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(addresses.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(SessionMetrics::global().opened_total.get(), THREADS as u64);
    assert!(SessionMetrics::try_global().is_ok());

    // `register` on the global registry hands out the very same metrics.
    let registered = SessionMetrics::register(Registry::global()).expect("registered");
    assert_eq!(registered.opened_total.get(), THREADS as u64);
    registered.opened_total.inc();
    assert_eq!(
        SessionMetrics::global().opened_total.get(),
        THREADS as u64 + 1
    );
    let again = SessionMetrics::register(Registry::global()).expect("idempotent");
    assert!(Arc::ptr_eq(&registered, &again));
    let names: Vec<_> = Registry::global().components();
    assert_eq!(names.iter().filter(|n| **n == "sessions").count(), 1);
    let text = Registry::global().encode_text();
    assert_eq!(
        text.matches("# TYPE race_sessions_opened_total counter")
            .count(),
        1
    );
    assert!(text.contains(&format!("race_sessions_opened_total {}\n", THREADS + 1)));
}

#[test]
fn global_shows_in_the_prometheus_default_registry() {
    SessionMetrics::global().open.set(2);
    let families = prometheus::gather();
    assert!(families.iter().any(|f| f.name() == "race_sessions_open"));
}

#[test]
fn a_clash_with_a_hand_registered_collector_keeps_global_working() {
    let by_hand = IntCounter::with_opts(Opts::new(
        "clash_uploads_received_total",
        "Registered by hand.",
    ))
    .expect("counter");
    by_hand.inc_by(7);
    prometheus::register(Box::new(by_hand)).expect("hand registration");

    // No panic, and a working (if unexported) instance.
    let metrics = UploadMetrics::global();
    metrics.received_total.inc();
    assert_eq!(metrics.received_total.get(), 1);

    let Err(err) = UploadMetrics::try_global() else {
        panic!("the clash is kept");
    };
    assert_eq!(
        err.to_string(),
        "cannot register component `uploads`: metric `clash_uploads_received_total` is \
         already registered by a collector registered outside this crate"
    );
    let text = Registry::global().encode_text();
    assert!(text.contains("clash_uploads_received_total 7\n"), "{text}");
    assert!(!Registry::global().components().contains(&"uploads"));
}

#[test]
fn register_before_global_gives_global_the_same_instance() {
    let registered: Arc<DownloadMetrics> =
        DownloadMetrics::register(Registry::global()).expect("registered");
    registered.served_total.inc_by(2);
    assert_eq!(DownloadMetrics::global().served_total.get(), 2);
    DownloadMetrics::global().served_total.inc();
    assert_eq!(registered.served_total.get(), 3);
    assert!(std::ptr::eq(
        DownloadMetrics::global(),
        DownloadMetrics::global()
    ));
}
