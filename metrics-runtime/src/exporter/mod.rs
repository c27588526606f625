//! Serving a [`Registry`] on `GET /metrics` from a background thread
//! (feature `http`).
//!
//! HTTP parsing is [`hyper`]'s, run by a current-thread `tokio` runtime on
//! a dedicated thread, so the exporter neither needs nor disturbs an async
//! runtime of the application's.

mod exporter_metrics;
pub(crate) mod scrape;
mod server;

use std::fmt;
use std::io;
use std::net::{SocketAddr, TcpListener as StdTcpListener, ToSocketAddrs};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::component::metrics::Metrics;
use crate::encoding::encode_options::EncodeOptions;
use crate::registry::Registry;
use exporter_metrics::ExporterMetrics;
use server::Server;

/// The path the exposition is served on.
///
/// ```
/// let exporter = prometheus_component::Exporter::bind("127.0.0.1:0", &Default::default())?;
/// assert!(exporter.url().ends_with(prometheus_component::METRICS_PATH));
/// # Ok::<(), std::io::Error>(())
/// ```
pub const METRICS_PATH: &str = "/metrics";

/// An HTTP server exposing one [`Registry`] on `GET /metrics`.
///
/// It runs on a thread of its own, named `metrics-exporter`, with a
/// single-threaded `tokio` runtime inside, and stops, freeing its port, on
/// [`shutdown`](Exporter::shutdown) or when dropped. It answers as
/// [`scrape`](crate::scrape) does: OpenMetrics or text as the scraper's
/// `Accept` prefers, gzip when `Accept-Encoding` allows it, `HEAD` with the
/// headers only, `405 Method Not Allowed` with `Allow: GET, HEAD` for
/// other methods, and a 500 when a collector panics. Every other path is
/// answered with `404 Not Found`.
///
/// When every connection slot is taken, a new connection takes the slot
/// of the one that has waited longest without sending a whole request, so
/// idle or trickling sockets never keep a real scraper waiting; the cap
/// holds for requests in progress.
///
/// ```
/// use std::io::{Read, Write};
/// use prometheus_component::{Exporter, Registry};
///
/// let registry = Registry::new();
/// let exporter = Exporter::bind("127.0.0.1:0", &registry)?;
///
/// let mut client = std::net::TcpStream::connect(exporter.local_addr())?;
/// client.write_all(b"GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n")?;
/// let mut response = String::new();
/// client.read_to_string(&mut response)?;
/// assert!(response.starts_with("HTTP/1.1 200 OK"));
/// assert!(response.contains("content-type: text/plain; version=0.0.4"));
///
/// exporter.shutdown();
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct Exporter {
    local_addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Limits and timeouts of an [`Exporter`], from [`Exporter::builder`].
///
/// Each connection serves one request (no keep-alive), so the limits below
/// bound one scrape each, and an idle connection never holds a slot.
/// Timeouts longer than a year count as a year.
///
/// ```
/// use std::time::Duration;
/// use prometheus_component::{Exporter, Registry};
///
/// let exporter = Exporter::builder()
///     .header_read_timeout(Duration::from_secs(2))
///     .request_timeout(Duration::from_secs(5))
///     .max_header_bytes(16 * 1024)
///     .max_connections(64)
///     .bind("127.0.0.1:0", Registry::global())?;
/// assert!(exporter.local_addr().ip().is_loopback());
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ExporterBuilder {
    header_read_timeout: Duration,
    request_timeout: Duration,
    max_header_bytes: usize,
    max_connections: usize,
    shutdown_grace: Duration,
    self_metrics: bool,
    encode_options: EncodeOptions,
}

impl Exporter {
    /// Serves `registry` on `addr` with the default limits (see
    /// [`ExporterBuilder`]). Port 0 picks a free port; read it back with
    /// [`local_addr`](Exporter::local_addr).
    ///
    /// Fails with the `bind` error if the address is taken or invalid.
    ///
    /// ```
    /// use prometheus_component::{Exporter, Registry};
    ///
    /// let exporter = Exporter::bind("127.0.0.1:0", Registry::global())?;
    /// let taken = Exporter::bind(exporter.local_addr(), Registry::global());
    /// assert_eq!(taken.unwrap_err().kind(), std::io::ErrorKind::AddrInUse);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn bind(addr: impl ToSocketAddrs, registry: &Registry) -> io::Result<Exporter> {
        Exporter::builder().bind(addr, registry)
    }

    /// A builder to change the limits before binding.
    ///
    /// ```
    /// let exporter = prometheus_component::Exporter::builder()
    ///     .max_connections(8)
    ///     .bind("127.0.0.1:0", prometheus_component::Registry::global())?;
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn builder() -> ExporterBuilder {
        ExporterBuilder::default()
    }

    /// The address the exporter listens on, with the actual port if it was
    /// bound to port 0.
    ///
    /// ```
    /// let exporter = prometheus_component::Exporter::bind("127.0.0.1:0", &Default::default())?;
    /// assert_ne!(exporter.local_addr().port(), 0);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The URL of the exposition, e.g. `http://127.0.0.1:9898/metrics`.
    ///
    /// ```
    /// let exporter = prometheus_component::Exporter::bind("127.0.0.1:0", &Default::default())?;
    /// let port = exporter.local_addr().port();
    /// assert_eq!(exporter.url(), format!("http://127.0.0.1:{port}/metrics"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn url(&self) -> String {
        format!("http://{}{METRICS_PATH}", self.local_addr)
    }

    /// Stops accepting connections, lets requests in progress finish (for
    /// at most the [shutdown grace](ExporterBuilder::shutdown_grace)), closes
    /// the rest and waits for the serving thread to end. The port is free
    /// when this returns. Dropping the exporter does the same.
    ///
    /// ```
    /// use prometheus_component::{Exporter, Registry};
    ///
    /// let exporter = Exporter::bind("127.0.0.1:0", Registry::global())?;
    /// let addr = exporter.local_addr();
    /// exporter.shutdown();
    /// let again = Exporter::bind(addr, Registry::global())?; // the port is free
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        if let Some(stop) = self.stop.take() {
            // Fails only if the thread already ended; joining below is all that is left.
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            // A panic on the serving thread has already been reported by the
            // panic hook; there is nothing more to clean up here.
            let _ = thread.join();
        }
    }
}

impl Drop for Exporter {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

impl fmt::Debug for Exporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exporter")
            .field("local_addr", &self.local_addr)
            .finish_non_exhaustive()
    }
}

impl Default for ExporterBuilder {
    fn default() -> Self {
        ExporterBuilder {
            header_read_timeout: Duration::from_secs(5),
            // Prometheus's default scrape timeout: a slower answer is discarded anyway.
            request_timeout: Duration::from_secs(10),
            max_header_bytes: 16 * 1024,
            max_connections: 128,
            shutdown_grace: Duration::from_secs(1),
            self_metrics: true,
            encode_options: EncodeOptions::new(),
        }
    }
}

impl ExporterBuilder {
    /// How long a client may take to send the request line and headers
    /// (default 5 s); a client that is slower is disconnected.
    ///
    /// ```
    /// let builder = prometheus_component::Exporter::builder()
    ///     .header_read_timeout(std::time::Duration::from_secs(1));
    /// ```
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// The deadline of a whole connection, from accept to the last byte of
    /// the response (default 10 s); the connection is closed when it passes.
    ///
    /// ```
    /// let builder = prometheus_component::Exporter::builder()
    ///     .request_timeout(std::time::Duration::from_secs(30));
    /// ```
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// The largest request line plus headers accepted (default 16 KiB,
    /// at least 8 KiB: smaller values are raised to that). A larger request
    /// is answered `431 Request Header Fields Too Large`. Request bodies are
    /// never read.
    ///
    /// ```
    /// let builder = prometheus_component::Exporter::builder().max_header_bytes(32 * 1024);
    /// ```
    pub fn max_header_bytes(mut self, bytes: usize) -> Self {
        self.max_header_bytes = bytes;
        self
    }

    /// How many connections are served at once (default 128, at least 1).
    /// When all are taken, a new connection takes the slot of the one that
    /// has waited longest without sending a whole request; when every slot
    /// has a request in progress, it waits until one ends, which the
    /// timeouts above guarantee.
    ///
    /// ```
    /// let builder = prometheus_component::Exporter::builder().max_connections(16);
    /// ```
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.max_connections = connections;
        self
    }

    /// How long [`Exporter::shutdown`] waits for requests in progress before
    /// closing their connections (default 1 s).
    ///
    /// ```
    /// let builder = prometheus_component::Exporter::builder()
    ///     .shutdown_grace(std::time::Duration::ZERO);
    /// ```
    pub fn shutdown_grace(mut self, grace: Duration) -> Self {
        self.shutdown_grace = grace;
        self
    }

    /// Whether the exporter counts the requests it answers, by status
    /// code, in `prometheus_component_exporter_requests_total{code="..."}`
    /// in the registry it serves (default `true`), as promhttp does.
    ///
    /// ```
    /// let builder = prometheus_component::Exporter::builder().self_metrics(false);
    /// ```
    pub fn self_metrics(mut self, on: bool) -> Self {
        self.self_metrics = on;
        self
    }

    /// Whether OpenMetrics scrapes get a `_created` line after each
    /// counter and histogram series of a component (default `false`; see
    /// [`EncodeOptions`] for why). Protobuf scrapes always carry created
    /// timestamps.
    ///
    /// ```
    /// let builder = prometheus_component::Exporter::builder().created_timestamps(true);
    /// ```
    pub fn created_timestamps(mut self, on: bool) -> Self {
        self.encode_options = self.encode_options.created_timestamps(on);
        self
    }

    /// Binds `addr` and starts serving `registry` on a new thread.
    ///
    /// Every failure (address taken, no thread or runtime available) is
    /// returned here, before anything runs.
    ///
    /// ```
    /// use prometheus_component::{Exporter, Registry};
    ///
    /// let exporter = Exporter::builder().bind("127.0.0.1:0", &Registry::new())?;
    /// println!("serving {}", exporter.url());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn bind(self, addr: impl ToSocketAddrs, registry: &Registry) -> io::Result<Exporter> {
        // Binding with std first makes address errors synchronous and keeps
        // std's SO_REUSEADDR, so a port is reusable right after shutdown.
        let listener = StdTcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let local_addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        let listener = {
            let _context = runtime.enter();
            TcpListener::from_std(listener)?
        };
        let (stop, stopped) = oneshot::channel();
        let requests = match self.self_metrics {
            false => None,
            true => ExporterMetrics::register(registry)
                .map_err(|error| log::warn!("the exporter does not count its requests: {error}"))
                .ok(),
        };
        let server = Server {
            registry: registry.clone(),
            requests,
            config: self,
        };
        let thread = thread::Builder::new()
            .name("metrics-exporter".to_owned())
            .spawn(move || {
                runtime.block_on(server.run(listener, stopped));
                // Dropping the runtime here cancels whatever outlived the
                // grace period, closing those sockets before the join returns.
            })?;
        Ok(Exporter {
            local_addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}
