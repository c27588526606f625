//! A crate that forbids unsafe code can declare components: their catalog
//! entries do not trip the lint.
#![forbid(unsafe_code)]

use prometheus_component::prometheus::IntCounter;
use prometheus_component::{catalog, metrics_component, Metrics};

/// The mailer.
#[derive(Metrics)]
#[metrics(component = "mailer")]
pub struct MailerMetrics {
    /// Mails sent.
    pub sent_total: IntCounter,
}

metrics_component! {
    /// The queue.
    pub struct QueueMetrics: "queue" {
        /// Items queued.
        queued_total: IntCounter,
    }
}

fn main() {
    let names: Vec<&str> = catalog::components().map(|e| e.component()).collect();
    assert!(names.contains(&"mailer") && names.contains(&"queue"), "{names:?}");
}
