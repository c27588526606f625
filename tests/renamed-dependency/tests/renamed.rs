//! The components of a crate that renamed its dependency work as any other.

use metrics_renamed_dependency::{BackMetrics, FrontMetrics, Method};

#[test]
fn components_through_a_renamed_dependency_register_count_and_encode() {
    let front = FrontMetrics::for_test();
    front.requests_total.inc();
    front.methods_total.get(Method::Post).inc();
    assert_eq!(front.value("renamed_front_requests_total", &[]), Some(1.0));
    assert_eq!(
        front.value("renamed_front_methods_total", &[("method", "post")]),
        Some(1.0)
    );
    let back = BackMetrics::for_test();
    back.query_seconds.observe(0.05);
    assert_eq!(
        back.histogram("renamed_back_query_seconds", &[])
            .unwrap()
            .count,
        1
    );
    assert!(metrics::catalog::components().any(|entry| entry.component() == "front"));
}
