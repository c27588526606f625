//! Test scopes: production code that calls `global()` tested in isolation,
//! in parallel, unchanged.

use std::sync::{Arc, Barrier};

use prometheus_component::prometheus::{Histogram, IntCounter, IntCounterVec};
use prometheus_component::{Metrics, Registry, TestRegistry};

/// The HTTP handlers.
#[derive(Metrics)]
#[metrics(component = "handlers", namespace = "scoped")]
struct HandlerMetrics {
    /// Requests handled, by route.
    #[metric(labels = ["route"])]
    requests_total: IntCounterVec,
    /// Time spent per request.
    #[metric(buckets = [0.1, 1.0])]
    duration_seconds: Histogram,
}

/// The cache behind the handlers.
#[derive(Metrics)]
#[metrics(component = "cache", namespace = "scoped")]
struct CacheMetrics {
    /// Lookups that missed.
    misses_total: IntCounter,
}

/// Production code: reaches its metrics through `global()` only.
fn handle(route: &str) {
    HandlerMetrics::global()
        .requests_total
        .with_label_values(&[route])
        .inc();
    HandlerMetrics::global().duration_seconds.observe(0.5);
    CacheMetrics::global().misses_total.inc();
}

fn global_requests(route: &str) -> u64 {
    HandlerMetrics::register(Registry::global())
        .unwrap()
        .requests_total
        .with_label_values(&[route])
        .get()
}

#[test]
fn parallel_threads_each_see_only_their_own_scope() {
    const THREADS: usize = 8;
    let barrier = Barrier::new(THREADS);
    std::thread::scope(|s| {
        for thread in 0..THREADS {
            let barrier = &barrier;
            s.spawn(move || {
                let m = HandlerMetrics::for_test();
                let _scope = m.enter();
                barrier.wait();
                for _ in 0..=thread {
                    handle("/parallel");
                }
                barrier.wait();
                let expected = (thread + 1) as f64;
                assert_eq!(
                    m.value("scoped_handlers_requests_total", &[("route", "/parallel")]),
                    Some(expected)
                );
                assert_eq!(
                    m.histogram("scoped_handlers_duration_seconds", &[])
                        .unwrap()
                        .count,
                    thread as u64 + 1
                );
            });
        }
    });
}

#[test]
fn nothing_of_a_scope_reaches_the_global_registry() {
    let m = HandlerMetrics::for_test();
    {
        let _scope = m.enter();
        handle("/isolated");
        assert!(std::ptr::eq(
            HandlerMetrics::global(),
            HandlerMetrics::try_global().unwrap()
        ));
    }
    // Read before `global_requests`, which creates the child at zero.
    assert!(!Registry::global()
        .encode_text()
        .contains("route=\"/isolated\""));
    assert_eq!(global_requests("/isolated"), 0);
    assert_eq!(
        m.value("scoped_handlers_requests_total", &[("route", "/isolated")]),
        Some(1.0)
    );
}

#[test]
fn a_scope_covers_only_its_own_component() {
    let m = HandlerMetrics::for_test();
    let _scope = m.enter();
    let global_cache = CacheMetrics::register(Registry::global()).unwrap();
    let before = global_cache.misses_total.get();
    handle("/one-component");
    // The cache is not in this scope: its `global()` is the real one.
    assert!(global_cache.misses_total.get() > before);
    assert_eq!(
        m.value(
            "scoped_handlers_requests_total",
            &[("route", "/one-component")]
        ),
        Some(1.0)
    );
}

#[test]
fn nested_scopes_innermost_wins_and_drop_restores() {
    let outer = HandlerMetrics::for_test();
    let inner = HandlerMetrics::for_test();
    let _outer_scope = outer.enter();
    handle("/nested");
    {
        let _inner_scope = inner.enter();
        handle("/nested");
        handle("/nested");
    }
    handle("/nested");
    let read = |m: &prometheus_component::TestMetrics<HandlerMetrics>| {
        m.value("scoped_handlers_requests_total", &[("route", "/nested")])
    };
    assert_eq!(read(&outer), Some(2.0));
    assert_eq!(read(&inner), Some(2.0));
}

#[test]
fn unwinding_out_of_a_scope_restores_the_global_instance() {
    let m = HandlerMetrics::for_test();
    let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _scope = m.enter();
        handle("/unwind");
        panic!("the handler failed");
    }));
    assert!(unwound.is_err());
    let real = HandlerMetrics::register(Registry::global()).unwrap();
    // Outside the scope again: the update lands in the global registry.
    let before = real
        .requests_total
        .with_label_values(&["/after-unwind"])
        .get();
    handle("/after-unwind");
    assert_eq!(global_requests("/after-unwind"), before + 1);
    assert_eq!(
        m.value(
            "scoped_handlers_requests_total",
            &[("route", "/after-unwind")]
        ),
        None
    );
}

#[test]
fn a_thread_spawned_inside_a_scope_does_not_inherit_it_but_can_enter() {
    let m = HandlerMetrics::for_test();
    let _scope = m.enter();
    std::thread::scope(|s| {
        s.spawn(|| {
            handle("/spawned-unscoped");
        });
        s.spawn(|| {
            let _scope = m.enter();
            handle("/spawned-scoped");
        });
    });
    assert_eq!(
        m.value(
            "scoped_handlers_requests_total",
            &[("route", "/spawned-unscoped")]
        ),
        None
    );
    assert_eq!(global_requests("/spawned-unscoped"), 1);
    assert_eq!(
        m.value(
            "scoped_handlers_requests_total",
            &[("route", "/spawned-scoped")]
        ),
        Some(1.0)
    );
}

#[test]
fn a_test_registry_covers_every_component_the_code_touches() {
    let registry = TestRegistry::new();
    {
        let _scope = registry.enter();
        handle("/registry");
        handle("/registry");
        // Registered once, on first use: the same instance every time.
        assert!(std::ptr::eq(CacheMetrics::global(), CacheMetrics::global()));
    }
    assert_eq!(registry.registry().components(), ["cache", "handlers"]);
    assert_eq!(
        registry.value("scoped_handlers_requests_total", &[("route", "/registry")]),
        Some(2.0)
    );
    assert_eq!(registry.value("scoped_cache_misses_total", &[]), Some(2.0));
    assert_eq!(
        registry
            .histogram("scoped_handlers_duration_seconds", &[])
            .unwrap()
            .buckets,
        [(0.1, 0), (1.0, 2)]
    );
    registry
        .compare_text(
            "# HELP scoped_cache_misses_total Lookups that missed.
             # TYPE scoped_cache_misses_total counter
             scoped_cache_misses_total 2",
            &["scoped_cache_misses_total"],
        )
        .unwrap();
    assert_eq!(global_requests("/registry"), 0);
}

#[test]
fn every_scope_of_one_test_registry_hands_out_the_same_instance() {
    // What keeps memory bounded: a test registry makes each component's
    // instance once, however often it (or a clone) is entered.
    let registry = TestRegistry::new();
    let first: *const CacheMetrics = {
        let _scope = registry.enter();
        CacheMetrics::global()
    };
    for _ in 0..1000 {
        let _scope = registry.enter();
        assert!(std::ptr::eq(CacheMetrics::global(), first));
    }
    let clone = registry.clone();
    let _scope = clone.enter();
    assert!(std::ptr::eq(CacheMetrics::global(), first));
    let other = TestRegistry::new();
    let _inner = other.enter();
    assert!(!std::ptr::eq(CacheMetrics::global(), first));
}

#[test]
fn a_test_metrics_scope_inside_a_test_registry_scope_wins_for_its_component() {
    let registry = TestRegistry::new();
    let handlers = HandlerMetrics::for_test();
    let _registry_scope = registry.enter();
    {
        let _scope = handlers.enter();
        handle("/mixed");
    }
    assert_eq!(
        handlers.value("scoped_handlers_requests_total", &[("route", "/mixed")]),
        Some(1.0)
    );
    assert_eq!(registry.value("scoped_cache_misses_total", &[]), Some(1.0));
    assert_eq!(registry.registry().components(), ["cache"]);
}

#[test]
fn register_inside_a_scope_still_means_the_registry_it_is_given() {
    let m = HandlerMetrics::for_test();
    let _scope = m.enter();
    let real = HandlerMetrics::register(Registry::global()).unwrap();
    // The scope redirects `global()` only; `register` names its registry.
    assert!(!std::ptr::eq(HandlerMetrics::global(), &*real));
    real.requests_total.with_label_values(&["/explicit"]).inc();
    assert_eq!(
        m.value("scoped_handlers_requests_total", &[("route", "/explicit")]),
        None
    );
    assert_eq!(global_requests("/explicit"), 1);
    let private = m.registry();
    assert!(Arc::ptr_eq(
        &HandlerMetrics::register(private).unwrap(),
        &m.instance()
    ));
}

async fn handle_async(route: &'static str) {
    handle(route);
    for _ in 0..20 {
        tokio::task::yield_now().await;
        handle(route);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_scoped_future_follows_its_polls_across_worker_threads() {
    let m = HandlerMetrics::for_test();
    let threads = Arc::new(std::sync::Mutex::new(std::collections::HashSet::new()));
    let seen = threads.clone();
    let task = m.scope(async move {
        for _ in 0..50 {
            handle("/async");
            seen.lock().unwrap().insert(std::thread::current().id());
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        handle_async("/async").await;
    });
    // `tokio::spawn` needs `Send + 'static`: the scoped future is both.
    tokio::spawn(task).await.unwrap();
    assert_eq!(
        m.value("scoped_handlers_requests_total", &[("route", "/async")]),
        Some(71.0)
    );
    assert_eq!(global_requests("/async"), 0);
    // Not an assertion on the scheduler: recorded so a failure shows it.
    eprintln!("polled on {} worker threads", threads.lock().unwrap().len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_registry_scope_over_a_future_and_its_spawned_task() {
    let registry = TestRegistry::new();
    let inner = registry.scope(handle_async("/spawned-task"));
    registry
        .scope(async move {
            handle("/outer-task");
            // A spawned task is not covered unless wrapped as well.
            tokio::spawn(inner).await.unwrap();
        })
        .await;
    assert_eq!(
        registry.value(
            "scoped_handlers_requests_total",
            &[("route", "/spawned-task")]
        ),
        Some(21.0)
    );
    assert_eq!(
        registry.value(
            "scoped_handlers_requests_total",
            &[("route", "/outer-task")]
        ),
        Some(1.0)
    );
}

fn poll<F: std::future::Future>(task: &mut std::pin::Pin<Box<F>>) -> std::task::Poll<F::Output> {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    task.as_mut().poll(&mut cx)
}

/// Pending on its first poll, ready on the second.
struct YieldOnce(bool);

impl std::future::Future for YieldOnce {
    type Output = ();

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if std::mem::replace(&mut self.0, true) {
            std::task::Poll::Ready(())
        } else {
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}

#[test]
fn a_scoped_future_polled_on_two_threads_is_in_scope_on_both() {
    let m = HandlerMetrics::for_test();
    let mut task = Box::pin(m.scope(async {
        handle("/first-thread");
        let first = std::thread::current().id();
        YieldOnce(false).await;
        handle("/second-thread");
        (first, std::thread::current().id())
    }));
    let mut task = std::thread::spawn(move || {
        assert!(poll(&mut task).is_pending());
        task
    })
    .join()
    .unwrap();
    let (first, second) = std::thread::spawn(move || match poll(&mut task) {
        std::task::Poll::Ready(ids) => ids,
        std::task::Poll::Pending => panic!("the second poll completes"),
    })
    .join()
    .unwrap();
    assert_ne!(first, second);
    for route in ["/first-thread", "/second-thread"] {
        assert_eq!(
            m.value("scoped_handlers_requests_total", &[("route", route)]),
            Some(1.0),
            "{route}"
        );
        assert_eq!(global_requests(route), 0, "{route}");
    }
}
