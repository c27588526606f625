//! Shared by the tests that need the real thing: finding `promtool`,
//! `prometheus` and `prometheus-pushgateway`, running them on loopback,
//! and talking HTTP to them.
//!
//! Every address used here is on 127.0.0.1.

pub mod components;
mod http;
pub mod logs;
pub mod metrics_proto;

pub use http::{content, exchange, get, get_json, get_tls, header, raw_exchange, Answer};

use std::cell::RefCell;
use std::fs;
use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long a server may take to become ready or to show a scraped value.
/// A liveness bound, not a performance claim.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// Whether missing binaries fail the tests instead of skipping them.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The path of the first of `names` found on `PATH` (or in `/usr/bin`), or
/// `None` after a loud message. Under `CI=true` a missing binary panics.
pub fn binary(names: &[&str], package: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin"), PathBuf::from("/usr/local/bin")])
        .collect();
    let found = names
        .iter()
        .flat_map(|name| dirs.iter().map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file());
    if found.is_none() {
        let message = format!(
            "`{}` is not installed: install the Debian package `{package}` \
             (apt-get install {package}) to run this test",
            names[0]
        );
        assert!(!in_ci(), "{message}; with CI=true this is a failure");
        eprintln!("\n******** SKIPPED: {message} ********\n");
    }
    found
}

/// Parses `exposition` with Python's `prometheus_client` OpenMetrics
/// parser, which is strict (it refuses what the specification refuses):
/// `None` when it is not installed (a failure with `CI=true`), otherwise
/// the samples it read as `name{labels} value` lines, or its error.
pub fn openmetrics_parse(exposition: &str) -> Option<Result<Vec<String>, String>> {
    const SCRIPT: &str = "\
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
try:
    for family in text_string_to_metric_families(sys.stdin.read()):
        for s in family.samples:
            labels = ','.join('%s=%r' % kv for kv in sorted(s.labels.items()))
            print('%s{%s} %r' % (s.name, labels, s.value))
except Exception as error:
    print('refused: %s' % error, file=sys.stderr)
    sys.exit(3)
";
    let python = binary(&["python3"], "python3")?;
    let probe = Command::new(&python)
        .args(["-c", "import prometheus_client"])
        .output()
        .ok()?;
    if !probe.status.success() {
        let message = "Python's `prometheus_client` is not installed: \
                       `pip install prometheus_client` to run this test";
        assert!(!in_ci(), "{message}; with CI=true this is a failure");
        eprintln!("\n******** SKIPPED: {message} ********\n");
        return None;
    }
    let mut child = Command::new(&python)
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(exposition.as_bytes())
        .expect("exposition written");
    let out = child.wait_with_output().expect("python3 ends");
    Some(if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    })
}

/// `promtool`, from the `prometheus` package.
pub fn promtool() -> Option<PathBuf> {
    binary(&["promtool"], "prometheus")
}

/// Runs `promtool check metrics` on `exposition` and returns what it printed
/// (stdout and stderr) if it printed anything or failed.
pub fn promtool_findings(promtool: &Path, exposition: &str) -> Option<String> {
    let mut child = Command::new(promtool)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool starts");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(exposition.as_bytes())
        .expect("promtool reads its input");
    let output = child.wait_with_output().expect("promtool finishes");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (!output.status.success() || !printed.trim().is_empty())
        .then(|| format!("{}: {printed}", output.status))
}

/// A loopback port that was free a moment ago (bound, then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// A fresh directory under the system's temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new directory whose name starts with `label`.
    pub fn new(label: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("metrics-tests-{label}-{}-{n}", std::process::id()));
        // A leftover from a killed earlier run with the same pid is stale.
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("temp dir created");
        TempDir(path)
    }

    /// Where the directory is.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A server process on 127.0.0.1, killed when dropped (also while a failed
/// assertion unwinds), before its temp dir is removed.
pub struct Server {
    // In a cell so waiting (which checks whether it exited) needs only `&self`,
    // letting probes borrow the server too.
    child: RefCell<Child>,
    name: &'static str,
    /// The loopback address it listens on.
    pub addr: SocketAddr,
    log: PathBuf,
    // Held for its drop: the server's files go with the server.
    _dir: TempDir,
}

impl Server {
    /// Starts `binary` on a free loopback port, with the arguments `args`
    /// makes for that address and a fresh temp dir, output to a log file
    /// there, and waits until `/-/ready` answers 200. Another process may
    /// take the port between `free_port` and the start: then it tries anew.
    fn start(
        name: &'static str,
        binary: &Path,
        args: impl Fn(SocketAddr, &TempDir) -> Vec<String>,
    ) -> Server {
        Server::start_probed(name, binary, args, |addr| {
            get(&format!("http://{addr}/-/ready")).is_ok_and(|answer| answer.status == 200)
        })
    }

    /// [`Server::start`], ready once `ready` says so.
    fn start_probed(
        name: &'static str,
        binary: &Path,
        args: impl Fn(SocketAddr, &TempDir) -> Vec<String>,
        ready: impl Fn(SocketAddr) -> bool,
    ) -> Server {
        let mut attempt = 1;
        loop {
            let addr = SocketAddr::from(([127, 0, 0, 1], free_port()));
            let dir = TempDir::new(name);
            let log = dir.path().join(format!("{name}.log"));
            let out = fs::File::create(&log).expect("log file");
            let child = Command::new(binary)
                .args(args(addr, &dir))
                .stdin(Stdio::null())
                .stdout(out.try_clone().expect("log file handle"))
                .stderr(out)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
            let server = Server {
                child: RefCell::new(child),
                name,
                addr,
                log,
                _dir: dir,
            };
            let started = Instant::now();
            while started.elapsed() < DEADLINE {
                if ready(addr) {
                    return server;
                }
                if let Ok(Some(status)) = server.child.borrow_mut().try_wait() {
                    let log = server.log();
                    assert!(
                        attempt < 3 && log.contains("address already in use"),
                        "{name} exited ({status}) before it was ready:\n{log}"
                    );
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            assert!(
                started.elapsed() < DEADLINE,
                "{name} not ready after {DEADLINE:?}:\n{}",
                server.log()
            );
            attempt += 1;
        }
    }

    /// Polls `probe` until it gives a value, failing after [`DEADLINE`] or
    /// as soon as the server has exited, with the server's log.
    pub fn wait_for<T>(&self, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            if let Some(value) = probe() {
                return value;
            }
            if let Ok(Some(status)) = self.child.borrow_mut().try_wait() {
                panic!(
                    "{} exited ({status}) while waiting for {what}:\n{}",
                    self.name,
                    self.log()
                );
            }
            assert!(
                start.elapsed() < DEADLINE,
                "gave up waiting {DEADLINE:?} for {what}; {} log:\n{}",
                self.name,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// What the server printed so far.
    pub fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `http://` the server's address and `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let child = self.child.get_mut();
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// A Prometheus server scraping `targets` every second, with a temporary
/// storage folder; `None` (after a loud message) if it is not installed.
pub fn prometheus(targets: &[SocketAddr]) -> Option<Server> {
    prometheus_with_features(targets, &[])
}

/// [`prometheus`] with `--enable-feature=` each of `features`, such as
/// `native-histograms` (which makes it ask for protobuf first).
pub fn prometheus_with_features(targets: &[SocketAddr], features: &[&str]) -> Option<Server> {
    let binary = binary(&["prometheus"], "prometheus")?;
    let targets: Vec<String> = targets.iter().map(|t| format!("'{t}'")).collect();
    let config = format!(
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n\
         scrape_configs:\n  - job_name: exporter\n    static_configs:\n      - targets: [{}]\n",
        targets.join(", ")
    );
    Some(Server::start("prometheus", &binary, |addr, dir| {
        let config_file = dir.path().join("prometheus.yml");
        fs::write(&config_file, &config).expect("config written");
        vec![
            format!("--config.file={}", config_file.display()),
            format!("--storage.tsdb.path={}", dir.path().join("data").display()),
            format!("--web.listen-address={addr}"),
            "--log.level=warn".to_owned(),
        ]
        .into_iter()
        .chain(features.iter().map(|f| format!("--enable-feature={f}")))
        .collect()
    }))
}

/// A Pushgateway keeping pushed metrics in memory; `None` (after a loud
/// message) if it is not installed.
pub fn pushgateway() -> Option<Server> {
    let binary = binary(
        &["prometheus-pushgateway", "pushgateway"],
        "prometheus-pushgateway",
    )?;
    Some(Server::start("pushgateway", &binary, |addr, _dir| {
        vec![
            format!("--web.listen-address={addr}"),
            "--log.level=warn".to_owned(),
        ]
    }))
}

/// The test certificate authority's certificate, which signed the TLS
/// Pushgateway's (see `fixtures/tls/README.md`).
pub const TEST_CA_PEM: &[u8] = include_bytes!("../../tests/fixtures/tls/ca.pem");

/// A private key in PEM: PEM, but no certificate.
pub const TLS_SERVER_KEY_PEM: &[u8] = include_bytes!("../../tests/fixtures/tls/server.key");

/// A Pushgateway serving `https://` only, with a certificate for
/// 127.0.0.1 that [`TEST_CA_PEM`] signed.
pub fn pushgateway_tls() -> Option<Server> {
    let binary = binary(
        &["prometheus-pushgateway", "pushgateway"],
        "prometheus-pushgateway",
    )?;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls");
    let web_config = format!(
        "tls_server_config:\n  cert_file: {}\n  key_file: {}\n",
        fixtures.join("server.pem").display(),
        fixtures.join("server.key").display()
    );
    let server = Server::start_probed(
        "pushgateway-tls",
        &binary,
        |addr, dir| {
            let web_config_file = dir.path().join("web.yml");
            fs::write(&web_config_file, &web_config).expect("web config written");
            vec![
                format!("--web.listen-address={addr}"),
                format!("--web.config.file={}", web_config_file.display()),
                "--log.level=warn".to_owned(),
            ]
        },
        |addr| {
            get_tls(&format!("https://{addr}/-/ready"), TEST_CA_PEM)
                .is_ok_and(|answer| answer.status == 200)
        },
    );
    Some(server)
}

impl Server {
    /// The result vector of a Prometheus instant query (`data.result`),
    /// or `None` while it is empty or the query fails.
    pub fn query(&self, expr: &str) -> Option<Vec<Value>> {
        let json = get_json(&self.url("/api/v1/query"), &[("query", expr)])?;
        let result = json["data"]["result"].as_array()?.clone();
        (!result.is_empty()).then_some(result)
    }

    /// The exemplars `/api/v1/query_exemplars` returns for `expr` over the
    /// last hour: each series' labels with its exemplars.
    pub fn query_exemplars(&self, expr: &str) -> Option<Vec<Value>> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        let json = get_json(
            &self.url("/api/v1/query_exemplars"),
            &[
                ("query", expr),
                ("start", &(now - 3600).to_string()),
                ("end", &(now + 60).to_string()),
            ],
        )?;
        let result = json["data"].as_array()?.clone();
        (!result.is_empty()).then_some(result)
    }

    /// The value of a query that yields exactly one series.
    pub fn query_one(&self, expr: &str) -> Option<f64> {
        match self.query(expr)?.as_slice() {
            [series] => series["value"][1].as_str()?.parse().ok(),
            _ => None,
        }
    }
}
