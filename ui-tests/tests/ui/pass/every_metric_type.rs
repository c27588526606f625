use prometheus_component::prometheus::{
    Counter, CounterVec, Gauge, GaugeVec, Histogram, HistogramVec, IntCounter, IntCounterVec,
    IntGauge, IntGaugeVec,
};
use prometheus_component::{Metrics, MetricType};

/// One field of each supported type.
#[derive(Metrics)]
#[metrics(component = "all")]
pub struct AllMetrics {
    /// Alpha.
    pub alpha_total: Counter,
    /// Beta.
    pub beta_total: IntCounter,
    /// Gamma.
    pub gamma: Gauge,
    /// Delta.
    pub delta: IntGauge,
    /// Epsilon.
    pub epsilon_seconds: Histogram,
    /// Zeta.
    #[metric(labels = ["x"])]
    pub zeta_total: CounterVec,
    /// Eta.
    #[metric(labels = ["x"])]
    pub eta_total: IntCounterVec,
    /// Theta.
    #[metric(labels = ["x"])]
    pub theta: GaugeVec,
    /// Iota.
    #[metric(labels = ["x"])]
    pub iota: IntGaugeVec,
    /// Kappa.
    #[metric(labels = ["x"])]
    pub kappa_seconds: HistogramVec,
}

fn main() {
    let types: Vec<_> = AllMetrics::descriptors().iter().map(|d| d.metric_type()).collect();
    use MetricType::{Counter as C, Gauge as G, Histogram as H};
    assert_eq!(types, [C, C, G, G, H, C, C, G, G, H]);
    let m = AllMetrics::for_test();
    m.alpha_total.inc_by(1.5);
    m.kappa_seconds.with_label_values(&["y"]).observe(1.0);
    assert_eq!(m.value("all_alpha_total", &[]), Some(1.5));
    assert_eq!(m.histogram("all_kappa_seconds", &[("x", "y")]).unwrap().count, 1);
}
