//! The idempotent `register` path and typed-label updates allocate nothing.
//!
//! A counting global allocator needs `unsafe impl GlobalAlloc`; it lives in
//! this test binary only, and the library crates keep `forbid(unsafe_code)`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use prometheus_component::prometheus::{IntCounter, IntCounterVec};
use prometheus_component::{LabelValue, Labeled, Metrics, Registry};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// only addition is a thread-local counter, which does not allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations made on this thread while `f` runs.
fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[derive(LabelValue)]
enum Outcome {
    Ok,
    Failed,
}

/// A worker.
#[derive(Metrics)]
#[metrics(component = "worker", namespace = "alloc")]
struct WorkerMetrics {
    /// Jobs, by outcome.
    #[metric(labels = [outcome: Outcome])]
    jobs_total: Labeled<IntCounter, Outcome>,
    /// Jobs, by queue.
    #[metric(labels = ["queue"])]
    queued_total: IntCounterVec,
}

#[test]
fn registering_again_allocates_nothing() {
    let registry = Registry::new();
    let first = WorkerMetrics::register(&registry).expect("registers");
    let counted = allocations_in(|| {
        for _ in 0..100 {
            let again = WorkerMetrics::register(&registry).expect("idempotent");
            assert!(std::sync::Arc::ptr_eq(&first, &again));
        }
    });
    assert_eq!(counted, 0);
    // The counter does see allocations: a first registration makes many.
    assert!(allocations_in(|| drop(WorkerMetrics::register(&Registry::new()))) > 0);
}

#[test]
fn typed_label_updates_and_global_allocate_nothing() {
    let m = WorkerMetrics::for_test();
    let _ = WorkerMetrics::global();
    let counted = allocations_in(|| {
        for _ in 0..100 {
            m.jobs_total.get(Outcome::Ok).inc();
            m.jobs_total.get(Outcome::Failed).inc();
            WorkerMetrics::global().jobs_total.get(Outcome::Ok).inc();
        }
    });
    assert_eq!(counted, 0);
    assert_eq!(m.jobs_total.get(Outcome::Ok).get(), 100);
}
