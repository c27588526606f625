/// The runtime re-exported under another path, as a facade crate would.
pub mod facade {
    pub use metrics_runtime as rt;
}

use facade::rt::prometheus::IntCounter;

/// Generated code names `crate::facade::rt`, not `::metrics_runtime`.
#[derive(facade::rt::Metrics)]
#[metrics(component = "billing", crate = "crate::facade::rt")]
pub struct BillingMetrics {
    /// Invoices sent.
    pub invoices_total: IntCounter,
}

fn main() {
    let m = BillingMetrics::for_test();
    m.invoices_total.inc();
    assert_eq!(m.value("billing_invoices_total", &[]), Some(1.0));
}
