//! The demo: three components served on `/metrics` while fake traffic
//! updates them, until Ctrl-C.
//!
//! ```sh
//! cargo run -p prometheus-component --example demo --features http
//! cargo run -p prometheus-component --example demo --features http -- --addr 127.0.0.1:9100
//! METRICS_ADDR=0.0.0.0:9898 cargo run -p prometheus-component --example demo --features http
//! ```

#[path = "demo/components.rs"]
mod components;

use std::process::ExitCode;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use prometheus_component::{Exporter, Registry};

use components::{simulate, CacheMetrics, DbMetrics, HttpMetrics};

const DEFAULT_ADDR: &str = "127.0.0.1:9898";
const USAGE: &str =
    "usage: demo [--addr HOST:PORT]   (or METRICS_ADDR=HOST:PORT; default 127.0.0.1:9898)";

fn main() -> ExitCode {
    let addr = match listen_addr(std::env::args().skip(1)) {
        Ok(addr) => addr,
        Err(message) => {
            eprintln!("demo: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // Every component of the binary, registered before the first scrape:
    // every series is there, at zero, from the start.
    if let Err(errors) = Registry::global().register_all() {
        for error in errors {
            eprintln!("demo: not exported: {error}");
        }
    }
    let exporter = match Exporter::bind(addr.as_str(), Registry::global()) {
        Ok(exporter) => exporter,
        Err(err) => {
            eprintln!("demo: cannot serve on {addr}: {err}");
            return ExitCode::FAILURE;
        }
    };

    let (stop, stopped) = mpsc::channel();
    if let Err(err) = ctrlc::set_handler(move || {
        // Fails only once main has stopped listening, when nothing is left to do.
        let _ = stop.send(());
    }) {
        eprintln!("demo: cannot handle Ctrl-C: {err}");
        return ExitCode::FAILURE;
    }

    let (http, db, cache) = (
        HttpMetrics::global(),
        DbMetrics::global(),
        CacheMetrics::global(),
    );
    println!("Serving metrics at {}", exporter.url());
    println!("  curl -s {}", exporter.url());
    println!("Generating traffic; press Ctrl-C to stop.");

    let mut round = 0;
    loop {
        simulate(http, db, cache, round);
        round += 1;
        match stopped.recv_timeout(Duration::from_millis(100)) {
            Err(RecvTimeoutError::Timeout) => continue,
            Ok(()) | Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    exporter.shutdown();
    println!("Stopped after {round} rounds; the port is free.");
    ExitCode::SUCCESS
}

/// `--addr HOST:PORT` or `--addr=HOST:PORT`, else `METRICS_ADDR`, else the default.
fn listen_addr(mut args: impl Iterator<Item = String>) -> Result<String, String> {
    let mut addr = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--addr" => addr = Some(args.next().ok_or("--addr needs a value")?),
            "-h" | "--help" => return Err("help requested".to_owned()),
            _ => match arg.strip_prefix("--addr=") {
                Some(value) => addr = Some(value.to_owned()),
                None => return Err(format!("unknown argument `{arg}`")),
            },
        }
    }
    Ok(addr
        .or_else(|| std::env::var("METRICS_ADDR").ok().filter(|a| !a.is_empty()))
        .unwrap_or_else(|| DEFAULT_ADDR.to_owned()))
}
