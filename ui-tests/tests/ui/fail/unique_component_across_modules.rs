mod front {
    use metrics_runtime::prometheus::IntCounter;
    use metrics_runtime::Metrics;

    /// The HTTP front end.
    #[derive(Metrics)]
    #[metrics(component = "http", namespace = "front")]
    pub struct HttpMetrics {
        /// Requests received.
        pub requests_total: IntCounter,
    }
}

mod back {
    use metrics_runtime::prometheus::IntCounter;
    use metrics_runtime::Metrics;

    /// The HTTP back end, under the same component name.
    #[derive(Metrics)]
    #[metrics(component = "http", namespace = "back")]
    pub struct HttpMetrics {
        /// Requests received.
        pub requests_total: IntCounter,
    }
}

fn main() {}
