mod front {
    use prometheus_component::prometheus::IntCounter;
    use prometheus_component::Metrics;

    /// The HTTP front end.
    #[derive(Metrics)]
    #[metrics(component = "http", namespace = "front")]
    pub struct HttpMetrics {
        /// Requests received.
        pub requests_total: IntCounter,
    }
}

mod back {
    use prometheus_component::prometheus::IntCounter;
    use prometheus_component::Metrics;

    /// The HTTP back end, under the same component name.
    #[derive(Metrics)]
    #[metrics(component = "http", namespace = "back")]
    pub struct HttpMetrics {
        /// Requests received.
        pub requests_total: IntCounter,
    }
}

fn main() {}
