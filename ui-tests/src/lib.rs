//! The UI suite lives in `tests/`: `tests/ui/pass/*.rs` compile and run,
//! `tests/ui/fail/*.rs` fail to compile with the errors in their `.stderr`.
//!
//! This library holds components of *another crate* for the test files:
//! names are unique within a crate at compile time, and
//! `prometheus_component::assert_unique!` is what catches a clash across crates.
//!
//! ```
//! use metrics_ui_tests::shop::HttpMetrics;
//!
//! let m = HttpMetrics::for_test();
//! m.requests_total.inc();
//! assert_eq!(m.value("shop_http_requests_total", &[]), Some(1.0));
//! ```

/// Components of a shop, as a library crate would declare them.
pub mod shop {
    use prometheus_component::prometheus::IntCounter;
    use prometheus_component::Metrics;

    /// The HTTP front end of the shop.
    ///
    /// ```
    /// use prometheus_component::Metrics;
    ///
    /// assert_eq!(metrics_ui_tests::shop::HttpMetrics::COMPONENT, "http");
    /// ```
    #[derive(Metrics)]
    #[metrics(component = "http", namespace = "shop")]
    pub struct HttpMetrics {
        /// Requests received.
        pub requests_total: IntCounter,
    }
}
