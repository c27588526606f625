//! [`assert_unique!`](crate::assert_unique): name clashes between components
//! of different crates, turned into compile errors.
//!
//! Within one crate the derive makes a second component name or full metric
//! name a compile error on its own (rustc's E0428, pointing at both
//! declarations). Across crates nothing is shared at compile time, so a
//! binary lists the components it links and the names are compared in a
//! const item: a clash panics during const evaluation, which `cargo check`
//! reports as an error naming both types and the name they share.

use crate::catalog::clash::{SHARE_COMPONENT, SHARE_METRIC};
use crate::field::descriptor::MetricDescriptor;

/// Fails to compile when two of the listed component types share a
/// component name or a full metric name.
///
/// For binaries that link components from several crates: within one crate,
/// duplicates are already compile errors. The registry still refuses a clash
/// at run time ([`Error`](crate::Error)); this moves the clash of the listed
/// components to compile time. Works at item level and inside functions.
///
/// ```
/// use prometheus_component::assert_unique;
///
/// mod http {
///     use prometheus_component::prometheus::IntCounter;
///     use prometheus_component::Metrics;
///
///     /// The HTTP front end.
///     #[derive(Metrics)]
///     #[metrics(component = "http", namespace = "shop")]
///     pub struct HttpMetrics {
///         /// Requests received.
///         pub requests_total: IntCounter,
///     }
/// }
///
/// mod db {
///     use prometheus_component::prometheus::IntGauge;
///     use prometheus_component::Metrics;
///
///     /// The database pool.
///     #[derive(Metrics)]
///     #[metrics(component = "db", namespace = "shop")]
///     pub struct DbMetrics {
///         /// Open connections.
///         pub connections: IntGauge,
///     }
/// }
///
/// // Compiles: no two of them share a name. Had `db::DbMetrics` come from
/// // another crate with `component = "http"`, this line would fail with
/// // "`http::HttpMetrics` and `db::DbMetrics` both declare the component name
/// // `http`: ...".
/// assert_unique!(http::HttpMetrics, db::DbMetrics);
/// ```
///
/// The check compares every pair, so its cost grows with the square of the
/// number of metrics listed: fine for the components of one binary.
#[macro_export]
macro_rules! assert_unique {
    ($($component:ty),+ $(,)?) => {
        const _: () = {
            let clash = $crate::__private::assert_unique(&[$(
                $crate::__private::Names {
                    ty: ::core::stringify!($component),
                    component: <$component as $crate::Metrics>::COMPONENT,
                    metrics: <$component as $crate::Metrics>::__DESCRIPTORS,
                }
            ),+]);
            // Panicking here rather than in `assert_unique` puts the error
            // on the macro call, without notes pointing into this crate.
            if let ::core::option::Option::Some(message) = clash {
                ::core::panic!("{}", message.as_str());
            }
        };
    };
}

/// What [`assert_unique!`](crate::assert_unique) knows of one listed type.
#[doc(hidden)]
pub struct Names {
    /// The type as written in the macro call.
    pub ty: &'static str,
    /// [`Metrics::COMPONENT`](crate::Metrics::COMPONENT); empty for a
    /// component whose declaration has errors.
    pub component: &'static str,
    /// The declarations of its metrics.
    pub metrics: &'static [MetricDescriptor],
}

/// The first clash among `list`, as a message naming both types.
#[doc(hidden)]
pub const fn assert_unique(list: &[Names]) -> Option<Message> {
    let mut i = 0;
    while i < list.len() {
        let mut j = i + 1;
        while j < list.len() {
            if let Some(message) = clash(&list[i], &list[j]) {
                return Some(message);
            }
            j += 1;
        }
        i += 1;
    }
    None
}

const fn clash(a: &Names, b: &Names) -> Option<Message> {
    if !a.component.is_empty() && same(a.component, b.component) {
        return Some(Message::new(&[
            "`",
            a.ty,
            "` and `",
            b.ty,
            "` ",
            SHARE_COMPONENT,
            " `",
            a.component,
            "`: rename one of them (`#[metrics(component = \"...\")]`)",
        ]));
    }
    let mut x = 0;
    while x < a.metrics.len() {
        let mut y = 0;
        while y < b.metrics.len() {
            if same(a.metrics[x].name(), b.metrics[y].name()) {
                return Some(Message::new(&[
                    "`",
                    a.ty,
                    "` and `",
                    b.ty,
                    "` ",
                    SHARE_METRIC,
                    " `",
                    a.metrics[x].name(),
                    "`: give one of them another namespace, subsystem or metric name",
                ]));
            }
            y += 1;
        }
        x += 1;
    }
    None
}

/// `a == b`, which `str`'s `PartialEq` cannot do in const context.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A message built in const context, where `format!` is not available.
#[doc(hidden)]
pub struct Message {
    bytes: [u8; Message::CAPACITY],
    len: usize,
}

impl Message {
    /// Longer messages are cut (at a character boundary).
    const CAPACITY: usize = 1024;

    const fn new(parts: &[&str]) -> Message {
        let mut message = Message {
            bytes: [0; Message::CAPACITY],
            len: 0,
        };
        let mut p = 0;
        while p < parts.len() {
            let part = parts[p].as_bytes();
            let mut i = 0;
            while i < part.len() && message.len < Message::CAPACITY {
                message.bytes[message.len] = part[i];
                message.len += 1;
                i += 1;
            }
            p += 1;
        }
        message
    }

    /// The message; `&str` because that is what a const panic can show.
    pub const fn as_str(&self) -> &str {
        let bytes = self.bytes.split_at(self.len).0;
        match core::str::from_utf8(bytes) {
            Ok(text) => text,
            // Only a cut through a multi-byte character gets here.
            Err(error) => match core::str::from_utf8(bytes.split_at(error.valid_up_to()).0) {
                Ok(text) => text,
                Err(_) => "",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::metric_field::MetricField;

    /// A counter's descriptor named `name`.
    const fn counter(name: &'static str) -> MetricDescriptor {
        MetricDescriptor::__new(name, name, "", prometheus::IntCounter::__KIND)
    }

    fn names(ty: &'static str, component: &'static str, metrics: &[&'static str]) -> Names {
        let metrics: Vec<MetricDescriptor> = metrics.iter().map(|name| counter(name)).collect();
        Names {
            ty,
            component,
            metrics: metrics.leak(),
        }
    }

    #[test]
    fn distinct_names_pass() {
        let list = [
            names("a::Http", "http", &["shop_http_requests_total"]),
            names("b::Db", "db", &["shop_db_queries_total"]),
        ];
        assert!(assert_unique(&list).is_none());
    }

    #[test]
    fn a_shared_component_name_names_both_types() {
        let list = [
            names("a::Http", "http", &["a_requests_total"]),
            names("b::Db", "db", &[]),
            names("c::Http", "http", &["c_requests_total"]),
        ];
        let message = assert_unique(&list).expect("clash");
        assert_eq!(
            message.as_str(),
            "`a::Http` and `c::Http` both declare the component name `http`: rename one of them (`#[metrics(component = \"...\")]`)"
        );
    }

    #[test]
    fn a_shared_metric_name_names_both_types_and_the_metric() {
        let list = [
            names("a::Http", "http", &["shop_x_total", "shop_requests_total"]),
            names("b::Front", "front", &["shop_requests_total"]),
        ];
        let message = assert_unique(&list).expect("clash");
        assert!(message
            .as_str()
            .starts_with("`a::Http` and `b::Front` both declare the metric `shop_requests_total`"));
    }

    #[test]
    fn components_with_errors_have_no_name_to_clash_on() {
        let list = [names("a::Broken", "", &[]), names("b::Broken", "", &[])];
        assert!(assert_unique(&list).is_none());
    }

    #[test]
    fn long_messages_are_cut_at_a_character_boundary() {
        let long = "é".repeat(Message::CAPACITY);
        let long: &'static str = Box::leak(long.into_boxed_str());
        let message = Message::new(&["x", long]);
        let text = message.as_str();
        assert!(text.len() <= Message::CAPACITY && text.len() >= Message::CAPACITY - 2);
        assert!(text.starts_with("xé"));
    }

    #[test]
    fn works_in_const_context() {
        const CLASH: bool = assert_unique(&[
            Names {
                ty: "A",
                component: "a",
                metrics: &[counter("m_total")],
            },
            Names {
                ty: "B",
                component: "b",
                metrics: &[counter("m_total")],
            },
        ])
        .is_some();
        const { assert!(CLASH) };
    }
}
