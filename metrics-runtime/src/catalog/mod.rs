//! Every component in the binary, known at link time.
//!
//! Each component that `#[derive(Metrics)]` or
//! [`metrics_component!`](crate::metrics_component) declares adds an
//! [`Entry`] to a distributed slice (dtolnay's `linkme`): the linker
//! gathers the entries of every crate in the binary into one array, so
//! the catalog costs nothing at run time before it is read, and needs no
//! list kept by hand.
//!
//! ```
//! use prometheus_component::prometheus::IntCounter;
//! use prometheus_component::{catalog, Metrics, Registry};
//!
//! /// The mailer.
//! #[derive(Metrics)]
//! #[metrics(component = "mailer")]
//! pub struct MailerMetrics {
//!     /// Mails sent.
//!     pub sent_total: IntCounter,
//! }
//!
//! let entry = catalog::components()
//!     .find(|entry| entry.component() == "mailer")
//!     .unwrap();
//! assert!(entry.type_name().ends_with("MailerMetrics"));
//! assert_eq!(entry.descriptors()[0].name(), "mailer_sent_total");
//!
//! // At start-up: every series of every component, exported from the
//! // first scrape (a `*Vec` without children has none yet).
//! let registry = Registry::new();
//! registry.register_all().unwrap();
//! assert!(registry.encode_text().contains("mailer_sent_total 0\n"));
//! # assert!(catalog::check().is_ok());
//! ```

pub(crate) mod assert_unique;
pub(crate) mod clash;
mod markdown;
#[cfg(feature = "rules")]
mod rules;

use std::fmt;

use crate::component::info::ComponentInfo;
use crate::component::metrics::Metrics;
use crate::error::Error;
use crate::field::descriptor::MetricDescriptor;
use crate::registry::Registry;

pub use self::clash::{check, Clash};
pub use self::markdown::markdown;
#[cfg(feature = "rules")]
#[cfg_attr(docsrs, doc(cfg(feature = "rules")))]
pub use self::rules::{check_rules, check_rules_with, RuleProblem};

/// Where the derive's generated code puts each component's entry.
// `linkme` declares the slice with linker-section statics, which the
// `unsafe_code` lint counts as unsafe; this crate has no other.
#[allow(unsafe_code)]
#[linkme::distributed_slice]
#[linkme(crate = linkme)]
#[doc(hidden)]
pub static CATALOG: [Entry];

/// Adds `$entry` to [`CATALOG`]; for the generated code of the derive.
// This is what `#[distributed_slice(CATALOG)]` on the entry expands to in
// the end, without the attribute's own work: linkme's proc macro and the
// function with two closures it type-checks to prove the element's type,
// for every component. That was the largest part of what `cargo check`
// pays per component (BENCHMARKS.md); here the type is fixed by this
// macro. The input is the protocol of the macro linkme generates with the
// slice (linkme 0.3.34 and later): a detail of linkme, kept in this one
// place, so that a linkme release that changes it breaks this crate's
// build and its catalog tests, not code the derive wrote into users'
// crates.
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_entry {
    ($entry:expr) => {
        $crate::__private::CATALOG! {
            #![linkme_macro = $crate::__private::CATALOG]
            static __CATALOG_ENTRY: $crate::__private::Entry = $entry;
        }
    };
}

/// Every component linked into this binary, in no particular order.
pub fn components() -> impl Iterator<Item = &'static Entry> {
    CATALOG.iter()
}

/// One component of the catalog: its names, its metrics, and a way to
/// register it.
pub struct Entry {
    info: &'static ComponentInfo,
    module_path: &'static str,
}

impl Entry {
    /// The entry of `T`, declared in module `module_path`; for the derive.
    #[doc(hidden)]
    pub const fn __of<T: Metrics>(module_path: &'static str) -> Entry {
        Entry {
            info: T::__INFO,
            module_path,
        }
    }

    /// The component name.
    pub fn component(&self) -> &'static str {
        self.info.component()
    }

    /// The Rust type that declares the component.
    pub fn type_name(&self) -> &'static str {
        self.info.type_name()
    }

    /// The module the component is declared in (`module_path!()` there).
    pub fn module_path(&self) -> &'static str {
        self.module_path
    }

    /// The declaration of each metric, in field order.
    pub fn descriptors(&self) -> &'static [MetricDescriptor] {
        self.info.descriptors()
    }

    /// Registers the component in `registry`, as
    /// [`Metrics::register`] does (idempotently).
    pub fn register(&self, registry: &Registry) -> Result<(), Error> {
        registry.register_component(self.info).map(drop)
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("component", &self.component())
            .field("type_name", &self.type_name())
            .field("module_path", &self.module_path)
            .finish_non_exhaustive()
    }
}

/// [`Registry::register_all`]: every catalogued component registered in
/// `registry`, every error returned together.
pub(crate) fn register_all(registry: &Registry) -> Result<(), Vec<Error>> {
    let errors: Vec<Error> = components()
        .filter_map(|entry| entry.register(registry).err())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
