/// The runtime re-exported under another path, as a facade crate would.
pub mod facade {
    pub use prometheus_component as rt;
}

use facade::rt::prometheus::IntCounter;

/// Generated code names `crate::facade::rt`, not `::prometheus_component`.
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
