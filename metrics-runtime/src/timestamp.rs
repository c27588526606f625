//! A point in time as the exposition formats write it: a created
//! timestamp (when a series started counting from zero, so that `rate()`
//! and `increase()` are right across restarts and for series that appear
//! between scrapes), or an exemplar's.
//!
//! A component's series are all zero until it is registered (registration
//! builds a new instance), so its registration time is a correct created
//! time for every one of them, with nothing kept per child.
//!
//! The vocabulary of every folder, like `Format`; it uses nothing.

use std::time::{SystemTime, UNIX_EPOCH};

/// A time, as `google.protobuf.Timestamp` holds it. `pub` in a private
/// module, as the writer traits that take it are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    pub(crate) seconds: i64,
    pub(crate) nanos: i32,
}

impl Timestamp {
    /// `time`, or the epoch for a time before it (a clock set wrong).
    pub(crate) fn at(time: SystemTime) -> Timestamp {
        let since_epoch = time.duration_since(UNIX_EPOCH).unwrap_or_default();
        Timestamp {
            seconds: i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX),
            nanos: since_epoch.subsec_nanos() as i32,
        }
    }

    /// Seconds since the epoch, as OpenMetrics writes times.
    pub(crate) fn as_seconds(self) -> f64 {
        self.seconds as f64 + f64::from(self.nanos) / 1e9
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn splits_seconds_and_nanoseconds() {
        let created = Timestamp::at(UNIX_EPOCH + Duration::new(1_765_000_000, 250_000_000));
        assert_eq!(
            (created.seconds, created.nanos),
            (1_765_000_000, 250_000_000)
        );
        assert_eq!(created.as_seconds(), 1_765_000_000.25);
        let before = Timestamp::at(UNIX_EPOCH - Duration::from_secs(5));
        assert_eq!((before.seconds, before.nanos), (0, 0));
    }
}
