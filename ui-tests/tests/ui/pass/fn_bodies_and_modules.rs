use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

mod jobs {
    use prometheus_component::prometheus::IntCounter;
    use prometheus_component::Metrics;

    /// Jobs of the scheduler.
    #[derive(Metrics)]
    #[metrics(component = "jobs")]
    pub struct JobMetrics {
        /// Jobs done.
        pub done_total: IntCounter,
    }
}

fn mailer() -> f64 {
    /// Declared inside a function body.
    #[derive(Metrics)]
    #[metrics(component = "mailer")]
    struct MailerMetrics {
        /// Mails sent.
        sent_total: IntCounter,
    }
    let m = MailerMetrics::for_test();
    m.sent_total.inc();
    m.value("mailer_sent_total", &[]).unwrap()
}

/// Same field name as the other two, other component: no clash.
#[derive(Metrics)]
#[metrics(component = "batch")]
pub struct BatchMetrics {
    /// Batches done.
    pub done_total: IntCounter,
}

fn main() {
    assert_eq!(mailer(), 1.0);
    let jobs = jobs::JobMetrics::for_test();
    jobs.done_total.inc();
    assert_eq!(jobs.value("jobs_done_total", &[]), Some(1.0));
    assert_eq!(BatchMetrics::descriptors()[0].name(), "batch_done_total");
}
