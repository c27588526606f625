use prometheus_component::prometheus::IntGauge;
use prometheus_component::Metrics;

const NAME: &str = "version";
const EMPTY: &str = "";

/// Build information.
#[derive(Metrics)]
#[metrics(component = "app")]
pub struct AppMetrics {
    /// Label names stay literals.
    #[metric(const_labels = [(NAME, "1.0")])]
    pub build_info: IntGauge,
    /// An empty value from a constant is caught by the compiler.
    #[metric(const_labels = [("region", EMPTY)])]
    pub region_info: IntGauge,
    /// Not an expression.
    #[metric(const_labels = [("zone", "a" "b")])]
    pub zone_info: IntGauge,
}

fn main() {}
