use prometheus_component::prometheus::IntGauge;
use prometheus_component::Metrics;

/// Help from doc comments (lines joined) or from `help`.
#[derive(Metrics)]
#[metrics(component = "pool")]
pub struct PoolMetrics {
    /// Open connections,
    ///   counted when the handshake is done.
    pub open: IntGauge,
    /// Rust documentation only: `help` is the HELP text.
    #[metric(help = "Idle connections.")]
    pub idle: IntGauge,
    #[doc = "Waiting callers."]
    pub waiting: IntGauge,
}

fn main() {
    let help: Vec<_> = PoolMetrics::descriptors().iter().map(|d| d.help()).collect();
    assert_eq!(
        help,
        ["Open connections, counted when the handshake is done.", "Idle connections.", "Waiting callers."]
    );
    let m = PoolMetrics::for_test();
    m.idle.set(2);
    assert!(m.encode_text().contains("# HELP pool_idle Idle connections.\n"));
}
