//! The log records a test binary writes, captured for the tests that check
//! that something is reported rather than failing silently.

use std::sync::{Mutex, Once};

static RECORDS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        let line = format!("{} {}", record.level(), record.args());
        RECORDS.lock().unwrap().push(line);
    }

    fn flush(&self) {}
}

/// Sends this test binary's log records (warnings and worse) to the
/// capture, from now on.
pub fn capture_logs() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        log::set_logger(&Capture).unwrap();
        log::set_max_level(log::LevelFilter::Warn);
    });
}

/// The captured records that contain `text`, as `LEVEL message`.
pub fn records_mentioning(text: &str) -> Vec<String> {
    let records = RECORDS.lock().unwrap();
    records
        .iter()
        .filter(|r| r.contains(text))
        .cloned()
        .collect()
}
