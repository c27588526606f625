use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `subsystem = ""` leaves the middle segment out.
#[derive(Metrics)]
#[metrics(component = "orders", namespace = "shop", subsystem = "")]
pub struct OrderMetrics {
    /// Orders placed.
    pub orders_total: IntCounter,
}

/// And with no namespace either, the field name is the full name.
#[derive(Metrics)]
#[metrics(component = "bare", subsystem = "")]
pub struct BareMetrics {
    /// Wake-ups.
    pub wakeups_total: IntCounter,
}

fn main() {
    assert_eq!(OrderMetrics::descriptors()[0].name(), "shop_orders_total");
    assert_eq!(BareMetrics::descriptors()[0].name(), "wakeups_total");
    let m = OrderMetrics::for_test();
    m.orders_total.inc();
    assert_eq!(m.value("shop_orders_total", &[]), Some(1.0));
}
