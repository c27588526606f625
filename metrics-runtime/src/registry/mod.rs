//! The registry: a `prometheus::Registry` plus which component owns each
//! metric name. Every `impl Registry` lives in this folder, one block per
//! concern: the core here, registration, direct exposition, and the
//! methods whose work lives in `push` and `catalog` (`elsewhere.rs`).
//!
//! May use: `encoding`, `field`, `labels`, `component`, `error`. `push`
//! and `catalog` are called only from `elsewhere.rs`, one call a method.

mod elsewhere;
pub(crate) mod exposition;
pub(crate) mod global;
pub(crate) mod name_map;
pub(crate) mod own_series;
pub(crate) mod registration;
pub(crate) mod tracked;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use once_cell::sync::{Lazy, OnceCell};
use prometheus::proto::MetricFamily;

use crate::component::info::ComponentInfo;
use crate::component::instance::Instance;
use crate::encoding::encode_options::EncodeOptions;
use crate::encoding::format::{Format, TextFormat};
use crate::timestamp::Timestamp;

use crate::field::descriptor::MetricDescriptor;
use crate::registry::exposition::{Output, OwnFamily};
use crate::registry::name_map::{NameMap, NameSet, TypeMap};
use crate::registry::own_series::keep_own_series;
use crate::registry::tracked::Presence;

/// A set of registered components around a [`prometheus::Registry`].
///
/// Cloning is cheap: clones share the same metrics. Besides the inner
/// `prometheus` registry, it records which component owns each metric name,
/// so a clash is refused with both owners named, and which component
/// instance it holds, so that [`Metrics::register`](crate::Metrics::register) returns the same
/// instance on every call.
///
/// ```
/// use prometheus_component::prometheus::IntGauge;
/// use prometheus_component::{Metrics, Registry};
///
/// /// Connection pool.
/// #[derive(Metrics)]
/// #[metrics(component = "pool")]
/// struct PoolMetrics {
///     /// Open connections.
///     open: IntGauge,
/// }
///
/// let registry = Registry::new();
/// let pool = PoolMetrics::register(&registry)?;
/// pool.open.set(3);
/// assert_eq!(registry.components(), ["pool"]);
/// assert!(registry.encode_text().contains("pool_open 3\n"));
/// # Ok::<(), prometheus_component::Error>(())
/// ```
#[derive(Clone)]
pub struct Registry {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) prometheus: prometheus::Registry,
    /// Tells this registry's collectors from others' (never 0).
    pub(crate) id: u64,
    /// Whether components are written straight from their fields. Not for
    /// a wrapped registry, which may add a prefix and labels of its own
    /// that only its `gather()` applies.
    pub(crate) direct: bool,
    /// Set once the inner registry is handed out (or came from outside):
    /// until then only components are in it, and registration need not
    /// look for foreign series.
    shared: AtomicBool,
    state: Mutex<State>,
}

#[derive(Default)]
pub(crate) struct State {
    pub(crate) components: TypeMap<Registered>,
    /// Each metric name a component declares, with its descriptor. Made
    /// when first needed (a second component, or foreign series meeting a
    /// scrape), then kept up to date: a registry that only ever holds one
    /// component, as a test's does, never pays for it.
    metric_owners: Option<NameMap<&'static MetricDescriptor>>,
    /// The names under which foreign series were left out of the output,
    /// each reported once.
    pub(crate) reported_intrusions: NameSet,
    /// Every component's families sorted by name, as the direct encoder
    /// writes them; `None` once a component came or went.
    pub(crate) own_families: Option<Arc<[Arc<OwnFamily>]>>,
}

pub(crate) struct Registered {
    pub(crate) info: &'static ComponentInfo,
    pub(crate) instance: Instance,
    /// Whether the component's collector is still in the registry.
    pub(crate) presence: Presence,
    /// The component's families, made on its first encoding.
    pub(crate) own_families: OnceCell<Vec<Arc<OwnFamily>>>,
    /// When it was registered, with every series at zero.
    pub(crate) created: Timestamp,
}

// `prometheus::default_registry()` has no prefix and no labels of its own.
static GLOBAL: Lazy<Registry> =
    Lazy::new(|| Registry::wrap(prometheus::default_registry().clone(), true, true));

impl Registry {
    /// A new, empty registry with its own `prometheus::Registry`.
    pub fn new() -> Self {
        Registry::wrap(prometheus::Registry::new(), false, true)
    }

    /// The process-wide registry, which wraps
    /// [`prometheus::default_registry()`]: metrics registered there with
    /// plain `prometheus` calls appear in the same scrape.
    ///
    /// ```
    /// let registry = prometheus_component::Registry::global();
    /// assert!(std::ptr::eq(registry, prometheus_component::Registry::global()));
    /// ```
    pub fn global() -> &'static Registry {
        &GLOBAL
    }

    /// `prometheus`, in which collectors of others may already be when
    /// `shared` says so, and which adds nothing of its own to what it
    /// gathers when `direct` says so.
    fn wrap(prometheus: prometheus::Registry, shared: bool, direct: bool) -> Self {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Registry {
            inner: Arc::new(Inner {
                prometheus,
                id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
                direct,
                shared: AtomicBool::new(shared),
                state: Mutex::new(State::default()),
            }),
        }
    }

    /// The inner `prometheus` registry, for collectors registered by hand.
    pub fn prometheus(&self) -> &prometheus::Registry {
        self.inner.shared.store(true, Ordering::Relaxed);
        &self.inner.prometheus
    }

    /// Whether collectors other than components' may be in the inner
    /// registry: it was handed out, or came from outside.
    pub(crate) fn may_hold_foreign_collectors(&self) -> bool {
        self.inner.shared.load(Ordering::Relaxed)
    }

    /// Collects every registered metric, as the `prometheus` crate does,
    /// except that under a name a component declares only the component's
    /// own series are kept.
    ///
    /// A collector registered directly on [`prometheus()`](Self::prometheus)
    /// after a component, under one of its names, cannot be refused; the
    /// `prometheus` registry would merge its series into the component's
    /// family under one `# TYPE`, exporting wrong values. Its series are
    /// left out instead, and a warning naming the metric is logged once
    /// (through the `log` crate).
    pub fn gather(&self) -> Vec<MetricFamily> {
        let mut families = self.inner.prometheus.gather();
        let mut state = self.state();
        if state.components.is_empty() {
            return families;
        }
        let owners = state.metric_owners();
        let intruded = keep_own_series(&mut families, |name| owners.get(name).copied());
        for name in intruded {
            state.report_intrusion(name);
        }
        families
    }

    /// Every registered metric in the text exposition format
    /// ([`TEXT_CONTENT_TYPE`](crate::TEXT_CONTENT_TYPE)), as served on `/metrics`.
    pub fn encode_text(&self) -> String {
        let mut text = String::new();
        self.encode_text_into(TextFormat::Text, &mut text);
        text
    }

    /// Appends the exposition in `format` to `out`, a buffer a scraper can
    /// reuse from one scrape to the next: text 0.0.4 (byte for byte what
    /// the `prometheus` crate's `TextEncoder` writes), OpenMetrics 1.0.0,
    /// or the delimited protobuf stream, the one that carries native
    /// histograms' buckets. [`encode_text_into`](Self::encode_text_into)
    /// writes the text formats into a `String`.
    ///
    /// ```
    /// use prometheus_component::prometheus::IntCounter;
    /// use prometheus_component::{Format, Metrics, Registry};
    ///
    /// /// The mailer.
    /// #[derive(Metrics)]
    /// #[metrics(component = "mailer")]
    /// struct MailerMetrics {
    ///     /// Mails sent.
    ///     sent_total: IntCounter,
    /// }
    ///
    /// let registry = Registry::new();
    /// MailerMetrics::register(&registry)?.sent_total.inc();
    /// let mut out = Vec::new();
    /// registry.encode(Format::OpenMetrics, &mut out);
    /// assert!(out.ends_with(b"mailer_sent_total 1\n# EOF\n"));
    /// # Ok::<(), prometheus_component::Error>(())
    /// ```
    pub fn encode(&self, format: Format, out: &mut Vec<u8>) {
        self.encode_with(format, EncodeOptions::new(), out);
    }

    /// [`encode`](Self::encode) with `options`: OpenMetrics with created
    /// timestamps, for example (see [`EncodeOptions`]).
    ///
    /// ```
    /// use prometheus_component::{EncodeOptions, Format, Registry};
    /// let mut out = Vec::new();
    /// let options = EncodeOptions::new().created_timestamps(true);
    /// Registry::new().encode_with(Format::OpenMetrics, options, &mut out);
    /// assert_eq!(out, b"# EOF\n");
    /// ```
    pub fn encode_with(&self, format: Format, options: EncodeOptions, out: &mut Vec<u8>) {
        if format == Format::Protobuf {
            self.encode_into(Output::Protobuf(out));
            return;
        }
        // The text is appended to `out`'s own allocation when `out` holds
        // UTF-8 (an empty buffer does), and copied in otherwise.
        match String::from_utf8(std::mem::take(out)) {
            Ok(mut text) => {
                self.encode_into(Output::Text(format, options, &mut text));
                *out = text.into_bytes();
            }
            Err(not_text) => {
                *out = not_text.into_bytes();
                let mut text = String::new();
                self.encode_into(Output::Text(format, options, &mut text));
                out.extend_from_slice(text.as_bytes());
            }
        }
    }

    /// Appends the exposition in one of the text formats to `out`.
    ///
    /// ```
    /// use prometheus_component::{Registry, TextFormat};
    /// let mut out = String::new();
    /// Registry::new().encode_text_into(TextFormat::OpenMetrics, &mut out);
    /// assert_eq!(out, "# EOF\n");
    /// ```
    pub fn encode_text_into(&self, format: TextFormat, out: &mut String) {
        self.encode_into(Output::Text(format.into(), EncodeOptions::new(), out));
    }

    fn encode_into(&self, mut out: Output<'_>) {
        if self.inner.direct {
            self.encode_directly(out);
        } else {
            // Components' families carry their registration time here too.
            let created = self.created_by_name();
            for family in self.gather() {
                let time = created.get(family.name()).copied();
                out.gathered(&family, time);
            }
            out.end();
        }
    }

    /// Writes the text exposition into `writer`.
    ///
    /// ```
    /// let mut out = Vec::new();
    /// prometheus_component::Registry::new().write_text(&mut out)?;
    /// assert!(out.is_empty());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn write_text<W: std::io::Write>(&self, mut writer: W) -> std::io::Result<()> {
        writer.write_all(self.encode_text().as_bytes())
    }

    /// Registers the `prometheus` crate's process collector here:
    /// `process_cpu_seconds_total`, `process_resident_memory_bytes`,
    /// `process_open_fds` and the other `process_*` series of the running
    /// process (feature `process`, Linux). Registering it twice is an
    /// error (`AlreadyReg`).
    ///
    /// ```
    /// let registry = prometheus_component::Registry::new();
    /// registry.register_process_collector()?;
    /// assert!(registry.encode_text().contains("\nprocess_resident_memory_bytes "));
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    #[cfg(all(feature = "process", target_os = "linux"))]
    #[cfg_attr(docsrs, doc(cfg(all(feature = "process", target_os = "linux"))))]
    pub fn register_process_collector(&self) -> prometheus::Result<()> {
        let collector = prometheus::process_collector::ProcessCollector::for_self();
        self.prometheus().register(Box::new(collector))
    }

    /// The names of the components registered here, sorted.
    pub fn components(&self) -> Vec<&'static str> {
        let mut names: Vec<_> = self
            .state()
            .components
            .values()
            .map(|r| r.info.component())
            .collect();
        names.sort_unstable();
        names
    }

    /// The full names of the metrics of every component registered here.
    pub(crate) fn declared_names(&self) -> Vec<&'static str> {
        self.state()
            .components
            .values()
            .flat_map(|r| r.info.descriptors())
            .map(MetricDescriptor::name)
            .collect()
    }

    /// The constant labels of the metric named `full_name`, when a
    /// component registered here declares it.
    pub(crate) fn const_labels_of(
        &self,
        full_name: &str,
    ) -> &'static [(&'static str, &'static str)] {
        self.state()
            .components
            .values()
            .flat_map(|r| r.info.descriptors())
            .find(|d| d.name() == full_name)
            .map_or(&[], |d| d.const_labels())
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        // A panic while the lock was held cannot leave `State` half-updated:
        // every mutation below is a single insert after all checks passed.
        self.inner
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Wraps an existing `prometheus` registry: one made with
/// [`prometheus::Registry::new_custom`] (a prefix or labels from
/// configuration), or the one a framework serves. Components register
/// there like anywhere else; collectors already in it count as foreign
/// owners of their names. Wrap a registry once and clone the wrapper: two
/// wrappers of one registry keep separate books, so the second sees the
/// first one's components as foreign. For
/// `prometheus::default_registry()`, use [`Registry::global`].
///
/// ```
/// use std::collections::HashMap;
/// use prometheus_component::prometheus::{self, IntCounter};
/// use prometheus_component::{Metrics, Registry};
///
/// /// The relay.
/// #[derive(Metrics)]
/// #[metrics(component = "relay")]
/// struct RelayMetrics {
///     /// Events relayed.
///     #[metric(full_name = "events_total")]
///     events_total: IntCounter,
/// }
///
/// let labels = HashMap::from([("instance".to_owned(), "eu-1".to_owned())]);
/// let custom = prometheus::Registry::new_custom(Some("nostr".into()), Some(labels))?;
/// let registry = Registry::from(custom);
/// RelayMetrics::register(&registry)?.events_total.inc();
/// assert!(registry
///     .encode_text()
///     .contains("nostr_events_total{instance=\"eu-1\"} 1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl From<prometheus::Registry> for Registry {
    fn from(registry: prometheus::Registry) -> Self {
        Registry::wrap(registry, true, false)
    }
}

impl State {
    /// Each metric name a component declares, with its descriptor.
    pub(crate) fn metric_owners(&mut self) -> &NameMap<&'static MetricDescriptor> {
        let components = &self.components;
        self.metric_owners.get_or_insert_with(|| {
            components
                .values()
                .flat_map(|registered| registered.info.descriptors())
                .map(|descriptor| (descriptor.name(), descriptor))
                .collect()
        })
    }

    /// Records that `descriptors` are registered (or, when `registered`
    /// is false, no longer are).
    pub(crate) fn note_owners(
        &mut self,
        descriptors: &'static [MetricDescriptor],
        registered: bool,
    ) {
        let Some(owners) = &mut self.metric_owners else {
            return;
        };
        for descriptor in descriptors {
            if registered {
                owners.insert(descriptor.name(), descriptor);
            } else {
                owners.remove(descriptor.name());
            }
        }
    }

    /// The component registered here that declares the metric `name`.
    pub(crate) fn owner_of(&self, name: &str) -> Option<&'static str> {
        self.components
            .values()
            .find(|r| r.info.descriptors().iter().any(|d| d.name() == name))
            .map(|r| r.info.component())
    }

    /// Logs, once per name, that foreign series under the component's
    /// metric `name` were left out of the output.
    pub(crate) fn report_intrusion(&mut self, name: &'static str) {
        if self.reported_intrusions.insert(name) {
            let component = self.owner_of(name).unwrap_or_default();
            log::warn!(
                "metric `{name}` of component `{component}`: a collector registered directly on the `prometheus` registry exports series under this name; they are left out of the output, since they would be exported with the component's type and help"
            );
        }
    }
}

impl Default for Registry {
    fn default() -> Self {
        Registry::new()
    }
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("components", &self.components())
            .finish_non_exhaustive()
    }
}
