//! The components the real-server tests serve, with known values.

use prometheus_component::prometheus::{
    Counter, Gauge, Histogram, IntCounter, IntCounterVec, IntGauge,
};
use prometheus_component::{Metrics, Registry};

/// A checkout service: one metric of every kind, with values set by [`checkout`].
#[derive(Metrics)]
// `it_checkout`: this crate also has `OtherCheckoutMetrics`, named
// `checkout`; the subsystem keeps the metric names `it_checkout_*`.
#[metrics(component = "it_checkout", namespace = "it", subsystem = "checkout")]
pub struct CheckoutMetrics {
    /// Orders placed.
    pub orders_total: IntCounter,
    /// Payments, by method.
    #[metric(labels = ["method"])]
    pub payments_total: IntCounterVec,
    /// Bytes of receipts sent.
    pub receipt_bytes_total: Counter,
    /// Time to place an order.
    #[metric(buckets = [0.1, 0.2, 0.5, 1.0])]
    pub duration_seconds: Histogram,
    /// Carts open right now.
    pub open_carts: IntGauge,
    /// Share of the payment provider's quota in use.
    #[metric(const_labels = [("provider", "acme")])]
    pub quota_ratio: Gauge,
}

/// Label values that must survive exposition and ingestion unchanged.
pub const TRICKY_VALUES: [&str; 6] = [
    r#"say "hi""#,
    r"C:\temp\new",
    "two\nlines",
    "naïve café, 日本語, emoji 🚀",
    "trailing backslash \\",
    "all at once: \"\\\n\" ✓ }{,=",
];

/// Events keyed by label values that need escaping in the text format.
#[derive(Metrics)]
#[metrics(component = "tricky", namespace = "it")]
pub struct TrickyMetrics {
    /// Events, by a free-text label.
    #[metric(labels = ["text"])]
    pub events_total: IntCounterVec,
}

/// Registers [`CheckoutMetrics`] in `registry` and sets its known values:
/// orders 42; payments card 30, cash 12; receipts 1536.5 bytes; 40
/// durations (10 of 0.05 s, 10 of 0.15 s, 20 of 0.3 s); 7 open carts;
/// quota 0.25.
pub fn checkout(registry: &Registry) -> std::sync::Arc<CheckoutMetrics> {
    let m = CheckoutMetrics::register(registry).expect("checkout registers");
    m.orders_total.inc_by(42);
    m.payments_total.with_label_values(&["card"]).inc_by(30);
    m.payments_total.with_label_values(&["cash"]).inc_by(12);
    m.receipt_bytes_total.inc_by(1536.5);
    for (value, times) in [(0.05, 10), (0.15, 10), (0.3, 20)] {
        for _ in 0..times {
            m.duration_seconds.observe(value);
        }
    }
    m.open_carts.set(7);
    m.quota_ratio.set(0.25);
    m
}

/// Registers [`TrickyMetrics`] with one event per [`TRICKY_VALUES`] entry
/// (the `i`th value counted `i + 1` times).
pub fn tricky(registry: &Registry) -> std::sync::Arc<TrickyMetrics> {
    let m = TrickyMetrics::register(registry).expect("tricky registers");
    for (i, value) in TRICKY_VALUES.iter().enumerate() {
        m.events_total
            .with_label_values(&[value])
            .inc_by(i as u64 + 1);
    }
    m
}

/// A new registry with [`CheckoutMetrics`] registered and filled, as
/// [`checkout`] leaves it: what the exporter tests serve.
pub fn checkout_registry() -> Registry {
    let registry = Registry::new();
    checkout(&registry);
    registry
}
