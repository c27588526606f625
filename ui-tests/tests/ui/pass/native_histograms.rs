use prometheus_component::{
    metrics_component, LabelValue, Labeled, Metrics, NativeHistogram, NativeHistogramVec,
};

type Latency = NativeHistogram;

#[derive(Debug, Clone, Copy, PartialEq, LabelValue)]
enum Route {
    Cart,
    Pay,
}

/// Every native form, with and without parameters.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Defaults.
    pub answer_seconds: NativeHistogram,
    /// Every parameter, negative schema, and classic buckets too.
    #[metric(native(schema = -4, max_buckets = 4096, zero_threshold = 0), buckets = [0.1, 1.0])]
    pub pay_seconds: NativeHistogram,
    /// By backend.
    #[metric(labels = ["backend"], native(schema = 8))]
    pub backend_seconds: NativeHistogramVec,
    /// By route.
    #[metric(labels = [route: Route], native(max_buckets = 10))]
    pub route_seconds: Labeled<NativeHistogram, Route>,
    /// Through an alias.
    #[metric(native(zero_threshold = 1e-9))]
    pub alias_seconds: Latency,
}

metrics_component! {
    /// The terse form.
    pub struct TerseMetrics: "terse" {
        /// Parse time.
        #[metric(native(schema = 1))]
        parse_seconds: NativeHistogram = [0.5],
    }
}

fn main() {
    let m = HttpMetrics::for_test();
    m.route_seconds.get(Route::Cart).observe(1.0);
    m.route_seconds.get(Route::Pay).observe(1.0);
    m.backend_seconds.with_label_values(&["db"]).observe(0.1);
    TerseMetrics::for_test().parse_seconds.observe(0.1);
}
