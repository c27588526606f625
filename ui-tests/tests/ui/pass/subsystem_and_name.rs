use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `subsystem` replaces the component; `name` replaces the field name.
#[derive(Metrics)]
#[metrics(component = "checkout_v2", namespace = "shop", subsystem = "checkout")]
pub struct CheckoutMetrics {
    /// Carts paid.
    #[metric(name = "paid_total")]
    pub carts_paid: IntCounter,
    /// A keyword as a field name.
    #[metric(name = "type_changes_total")]
    pub r#type: IntCounter,
}

fn main() {
    let names: Vec<_> = CheckoutMetrics::descriptors().iter().map(|d| d.name()).collect();
    assert_eq!(names, ["shop_checkout_paid_total", "shop_checkout_type_changes_total"]);
    assert_eq!(CheckoutMetrics::descriptors()[1].field(), "type");
    let m = CheckoutMetrics::for_test();
    m.carts_paid.inc();
    m.r#type.inc();
    assert_eq!(m.value("shop_checkout_paid_total", &[]), Some(1.0));
}
