//! Test scopes that follow the work a scoped test spawns onto its tokio
//! runtime (feature `tokio`): tasks, nested tasks, `spawn_blocking`
//! closures, and the connection tasks of a server started in the test.
//!
//! Every test counts under route labels of its own, so that the global
//! registry, which the tests of this binary share, shows whether anything
//! leaked out of a scope.

use std::sync::{Arc, Barrier};
use std::time::Duration;

use axum::routing::get;
use axum::Router;
use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::{Metrics, Registry, TestRegistry};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Requests of the service under test.
#[derive(Metrics)]
#[metrics(component = "service", namespace = "spawned")]
struct ServiceMetrics {
    /// Requests handled, by route.
    #[metric(labels = ["route"])]
    requests_total: IntCounterVec,
}

/// A background worker of the service.
#[derive(Metrics)]
#[metrics(component = "worker", namespace = "spawned")]
struct WorkerMetrics {
    /// Jobs run, by route.
    #[metric(labels = ["route"])]
    jobs_total: IntCounterVec,
}

const REQUESTS: &str = "spawned_service_requests_total";

/// Production code: reaches its metrics through `global()` only.
fn handle(route: &str) {
    ServiceMetrics::global()
        .requests_total
        .with_label_values(&[route])
        .inc();
}

fn scoped_count(registry: &TestRegistry, route: &str) -> Option<f64> {
    registry.value(REQUESTS, &[("route", route)])
}

fn global_count(route: &str) -> u64 {
    ServiceMetrics::register(Registry::global())
        .unwrap()
        .requests_total
        .with_label_values(&[route])
        .get()
}

/// A task, a task it spawns, and a `spawn_blocking` closure, each counting
/// once under `route`.
async fn spawn_all_kinds(route: &'static str) {
    tokio::spawn(async move { handle(route) }).await.unwrap();
    tokio::spawn(async move {
        tokio::task::yield_now().await;
        tokio::spawn(async move { handle(route) }).await.unwrap();
    })
    .await
    .unwrap();
    tokio::task::spawn_blocking(move || handle(route))
        .await
        .unwrap();
}

async fn spawned_work_counts_into_the_scope(route: &'static str) {
    let registry = TestRegistry::new();
    registry.scope(spawn_all_kinds(route)).await;
    assert_eq!(scoped_count(&registry, route), Some(3.0));
    assert_eq!(global_count(route), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spawned_tasks_nested_tasks_and_blocking_closures_count_into_the_scope_multi_thread() {
    spawned_work_counts_into_the_scope("/all-kinds-multi-thread").await;
}

#[tokio::test(flavor = "current_thread")]
async fn spawned_tasks_nested_tasks_and_blocking_closures_count_into_the_scope_current_thread() {
    spawned_work_counts_into_the_scope("/all-kinds-current-thread").await;
}

/// Each kind alone, so that a failure names the kind that leaked.
async fn each_kind_counts_into_the_scope(prefix: &'static str) {
    let registry = TestRegistry::new();
    let routes: [&'static str; 3] = match prefix {
        "mt" => ["/task-mt", "/nested-mt", "/blocking-mt"],
        _ => ["/task-ct", "/nested-ct", "/blocking-ct"],
    };
    let [task, nested, blocking] = routes;
    registry
        .scope(async move {
            tokio::spawn(async move { handle(task) }).await.unwrap();
            tokio::spawn(async move {
                tokio::spawn(async move {
                    tokio::spawn(async move { handle(nested) }).await.unwrap();
                })
                .await
                .unwrap();
            })
            .await
            .unwrap();
            tokio::task::spawn_blocking(move || handle(blocking))
                .await
                .unwrap();
        })
        .await;
    for route in routes {
        assert_eq!(scoped_count(&registry, route), Some(1.0), "{route}");
        assert_eq!(global_count(route), 0, "{route}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_kind_of_spawned_work_counts_into_the_scope_multi_thread() {
    each_kind_counts_into_the_scope("mt").await;
}

#[tokio::test(flavor = "current_thread")]
async fn each_kind_of_spawned_work_counts_into_the_scope_current_thread() {
    each_kind_counts_into_the_scope("ct").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enter_as_the_first_line_of_a_tokio_test_covers_what_it_spawns() {
    let registry = TestRegistry::new();
    let _scope = registry.enter();
    handle("/entered");
    spawn_all_kinds("/entered").await;
    assert_eq!(scoped_count(&registry, "/entered"), Some(4.0));
    assert_eq!(global_count("/entered"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_metrics_scope_follows_spawned_work_for_its_own_component_only() {
    let m = ServiceMetrics::for_test();
    m.scope(async {
        tokio::spawn(async {
            handle("/instance-scope");
            WorkerMetrics::global()
                .jobs_total
                .with_label_values(&["/instance-scope"])
                .inc();
        })
        .await
        .unwrap();
    })
    .await;
    assert_eq!(
        m.value(REQUESTS, &[("route", "/instance-scope")]),
        Some(1.0)
    );
    assert_eq!(global_count("/instance-scope"), 0);
    // Another component is not covered by this scope: it counts globally.
    let worker = WorkerMetrics::register(Registry::global()).unwrap();
    assert_eq!(
        worker
            .jobs_total
            .with_label_values(&["/instance-scope"])
            .get(),
        1
    );
}

/// Sends `GET path` to `addr` and returns the status line.
async fn get_status(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    tokio::time::timeout(
        Duration::from_secs(10),
        stream.read_to_string(&mut response),
    )
    .await
    .expect("the server answers within 10 s")
    .unwrap();
    response.lines().next().unwrap_or_default().to_owned()
}

async fn order() -> &'static str {
    handle("/axum");
    "ordered"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_axum_server_spawned_in_the_test_counts_its_handlers_into_the_scope() {
    let registry = TestRegistry::new();
    let _scope = registry.enter();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new().route("/order", get(order));
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    for _ in 0..3 {
        assert_eq!(get_status(addr, "/order").await, "HTTP/1.1 200 OK");
    }

    assert_eq!(scoped_count(&registry, "/axum"), Some(3.0));
    assert_eq!(global_count("/axum"), 0);
    server.abort();
}

#[tokio::test(flavor = "current_thread")]
async fn an_axum_server_on_a_current_thread_runtime_inside_a_scoped_future() {
    let registry = TestRegistry::new();
    registry
        .scope(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let app = Router::new().route("/order-ct", get(|| async { handle("/axum-ct") }));
            let server = tokio::spawn(async move { axum::serve(listener, app).await });
            assert_eq!(get_status(addr, "/order-ct").await, "HTTP/1.1 200 OK");
            server.abort();
        })
        .await;
    assert_eq!(scoped_count(&registry, "/axum-ct"), Some(1.0));
    assert_eq!(global_count("/axum-ct"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_code_counts_globally_again_after_the_scope() {
    let registry = TestRegistry::new();
    registry
        .scope(async {
            tokio::spawn(async { handle("/after-scope") })
                .await
                .unwrap();
        })
        .await;
    // The scoped future has completed: its runtime binding is gone.
    tokio::spawn(async { handle("/after-scope") })
        .await
        .unwrap();
    tokio::task::spawn_blocking(|| handle("/after-scope"))
        .await
        .unwrap();
    assert_eq!(scoped_count(&registry, "/after-scope"), Some(1.0));
    assert_eq!(global_count("/after-scope"), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_std_thread_spawned_inside_a_scope_does_not_inherit_it() {
    let registry = TestRegistry::new();
    let _scope = registry.enter();
    handle("/std-thread-own");
    std::thread::spawn(|| handle("/std-thread")).join().unwrap();
    assert_eq!(scoped_count(&registry, "/std-thread-own"), Some(1.0));
    assert_eq!(scoped_count(&registry, "/std-thread"), None);
    assert_eq!(global_count("/std-thread"), 1);
}

/// Counts `n` times under `route`, from `n` spawned tasks that each yield
/// first, so that the tests running beside it interleave with it.
async fn count_from_spawned_tasks(route: &'static str, n: usize) -> TestRegistry {
    let registry = TestRegistry::new();
    registry
        .scope(async move {
            let tasks: Vec<_> = (0..n)
                .map(|_| {
                    tokio::spawn(async move {
                        tokio::time::sleep(Duration::from_millis(2)).await;
                        handle(route);
                    })
                })
                .collect();
            for task in tasks {
                task.await.unwrap();
            }
        })
        .await;
    registry
}

// Three `#[tokio::test]`s, run in parallel by the test harness, count the
// same route a different number of times: each sees only its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_tokio_test_one_counts_7() {
    let registry = count_from_spawned_tasks("/parallel-tests", 7).await;
    assert_eq!(scoped_count(&registry, "/parallel-tests"), Some(7.0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_tokio_test_two_counts_11() {
    let registry = count_from_spawned_tasks("/parallel-tests", 11).await;
    assert_eq!(scoped_count(&registry, "/parallel-tests"), Some(11.0));
}

#[tokio::test(flavor = "current_thread")]
async fn parallel_tokio_test_three_counts_13() {
    let registry = count_from_spawned_tasks("/parallel-tests", 13).await;
    assert_eq!(scoped_count(&registry, "/parallel-tests"), Some(13.0));
    assert_eq!(global_count("/parallel-tests"), 0);
}

/// The harness may run fewer tests at once than the three above; here
/// three runtimes surely run at once, one per thread, started together.
#[test]
fn three_runtimes_running_at_once_each_count_only_their_own() {
    let start = Arc::new(Barrier::new(3));
    let counts = std::thread::scope(|s| {
        let threads: Vec<_> = [5usize, 9, 17]
            .into_iter()
            .map(|n| {
                let start = start.clone();
                s.spawn(move || {
                    let runtime = tokio::runtime::Builder::new_multi_thread()
                        .worker_threads(2)
                        .enable_time()
                        .build()
                        .unwrap();
                    start.wait();
                    let registry = runtime.block_on(count_from_spawned_tasks("/three-runtimes", n));
                    (n, scoped_count(&registry, "/three-runtimes"))
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|thread| thread.join().unwrap())
            .collect::<Vec<_>>()
    });
    for (n, count) in counts {
        assert_eq!(count, Some(n as f64));
    }
    assert_eq!(global_count("/three-runtimes"), 0);
}

fn panic_text(error: tokio::task::JoinError) -> String {
    let payload = error.into_panic();
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|text| text.to_string()))
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_scopes_bound_to_one_runtime_refuse_spawned_work_instead_of_guessing() {
    let first = TestRegistry::new();
    let second = TestRegistry::new();
    // The second scope stays bound until the first one's task has run.
    let (done, until_done) = tokio::sync::oneshot::channel::<()>();
    let (spawned, ()) = tokio::join!(
        first.scope(async {
            // Its own code runs in its own scope, on whichever thread.
            handle("/two-scopes-own");
            tokio::task::yield_now().await;
            let spawned = tokio::spawn(async { handle("/two-scopes-spawned") }).await;
            done.send(()).unwrap();
            spawned
        }),
        second.scope(async {
            handle("/two-scopes-own");
            until_done.await.unwrap();
        }),
    );
    let refusal = panic_text(spawned.expect_err("the spawned task is refused"));
    assert!(
        refusal.contains("component `service`") && refusal.contains("2 different test scopes"),
        "{refusal}"
    );
    assert!(refusal.contains("registry.scope(fut)"), "{refusal}");
    // The scoped futures' own counts went where they belong, and the
    // refused task's went nowhere.
    for registry in [&first, &second] {
        assert_eq!(scoped_count(registry, "/two-scopes-own"), Some(1.0));
        assert_eq!(scoped_count(registry, "/two-scopes-spawned"), None);
    }
    assert_eq!(global_count("/two-scopes-spawned"), 0);
    assert_eq!(global_count("/two-scopes-own"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spawned_future_wrapped_in_its_own_scope_wins_over_two_bound_scopes() {
    let first = TestRegistry::new();
    let second = TestRegistry::new();
    let (done, until_done) = tokio::sync::oneshot::channel::<()>();
    let wrapped = first.scope(async { handle("/wrapped") });
    let ((), ()) = tokio::join!(
        first.scope(async {
            tokio::task::yield_now().await;
            tokio::spawn(wrapped).await.unwrap();
            done.send(()).unwrap();
        }),
        second.scope(async {
            handle("/wrapped-second");
            until_done.await.unwrap();
        }),
    );
    assert_eq!(scoped_count(&second, "/wrapped-second"), Some(1.0));
    assert_eq!(scoped_count(&first, "/wrapped"), Some(1.0));
    assert_eq!(scoped_count(&second, "/wrapped"), None);
    assert_eq!(global_count("/wrapped"), 0);
}

#[test]
fn scopes_one_after_another_on_a_shared_runtime_each_get_their_own_counts() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    for n in 1..=3 {
        let registry = TestRegistry::new();
        runtime.block_on(registry.scope(async move {
            for _ in 0..n {
                tokio::spawn(async { handle("/shared-runtime") })
                    .await
                    .unwrap();
            }
        }));
        assert_eq!(
            scoped_count(&registry, "/shared-runtime"),
            Some(n as f64),
            "scope {n}"
        );
    }
    assert_eq!(global_count("/shared-runtime"), 0);
}
