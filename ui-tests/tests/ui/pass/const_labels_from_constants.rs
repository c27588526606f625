use prometheus_component::prometheus::IntGauge;
use prometheus_component::{metrics_component, Metrics};

const REGION: &str = "eu-west";

mod build {
    pub const COMMIT: &str = "abc123";
}

/// A `build_info` metric: constant labels from constants.
#[derive(Metrics)]
#[metrics(component = "app")]
pub struct AppMetrics {
    /// Build information; the value is always 1.
    #[metric(const_labels = [
        ("version", env!("CARGO_PKG_VERSION")),
        ("commit", build::COMMIT),
        ("region", REGION),
        ("tag", concat!("v", env!("CARGO_PKG_VERSION"))),
        ("channel", "stable"),
    ])]
    pub build_info: IntGauge,
}

metrics_component! {
    /// The same through the macro's shorthand.
    pub struct EdgeMetrics: "edge" {
        /// Build information; the value is always 1.
        build_info: IntGauge { "version" = env!("CARGO_PKG_VERSION"), "region" = REGION },
    }
}

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    let m = AppMetrics::for_test();
    m.build_info.set(1);
    let labels = AppMetrics::descriptors()[0].const_labels();
    assert_eq!(labels[0], ("version", version));
    assert_eq!(labels[1], ("commit", "abc123"));
    assert_eq!(labels[2], ("region", "eu-west"));
    assert_eq!(labels[3].1, format!("v{version}"));
    assert_eq!(m.value("app_build_info", &[]), Some(1.0));
    assert!(m.encode_text().contains(&format!("app_build_info{{channel=\"stable\",commit=\"abc123\",region=\"eu-west\",tag=\"v{version}\",version=\"{version}\"}} 1")));
    assert_eq!(EdgeMetrics::descriptors()[0].const_labels(), [("version", version), ("region", "eu-west")]);
}
