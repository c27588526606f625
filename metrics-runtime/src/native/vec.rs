//! `NativeHistogramVec`: native histograms by label values.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, RwLock};

use prometheus::core::{Collector, Desc, Metric};
use prometheus::proto::{LabelPair, MetricFamily};

use crate::native::histogram::{family, sorted, NativeHistogram};
use crate::native::opts::{NativeHistogramOpts, NativeParams};

/// Native histograms by label values, the native form of `HistogramVec`.
///
/// ```
/// use prometheus_component::{Metrics, NativeHistogramVec};
///
/// /// The API.
/// #[derive(Metrics)]
/// #[metrics(component = "api")]
/// struct ApiMetrics {
///     /// Time to answer, by route.
///     #[metric(labels = ["route"])]
///     answer_seconds: NativeHistogramVec,
/// }
///
/// let m = ApiMetrics::for_test();
/// m.answer_seconds.with_label_values(&["/cart"]).observe(0.02);
/// let h = m.native_histogram("api_answer_seconds", &[("route", "/cart")]).unwrap();
/// assert_eq!(h.count, 1);
/// ```
#[derive(Clone)]
pub struct NativeHistogramVec {
    shared: Arc<Shared>,
}

struct Shared {
    desc: Desc,
    params: NativeParams,
    classic: Option<Arc<[f64]>>,
    children: RwLock<HashMap<Vec<String>, NativeHistogram>>,
}

impl NativeHistogramVec {
    /// Native histograms with `opts`, by the labels `label_names`.
    ///
    /// ```
    /// use prometheus_component::{NativeHistogramOpts, NativeHistogramVec};
    /// let vec = NativeHistogramVec::new(NativeHistogramOpts::new("rpc_seconds", "RPC time."), &["method"])?;
    /// vec.with_label_values(&["get"]).observe(0.1);
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn new(opts: NativeHistogramOpts, label_names: &[&str]) -> prometheus::Result<Self> {
        let names = label_names.iter().map(|name| (*name).to_owned()).collect();
        let desc = opts.desc(names)?;
        Ok(NativeHistogramVec {
            shared: Arc::new(Shared {
                desc,
                params: opts.params,
                classic: opts.classic(),
                children: RwLock::new(HashMap::new()),
            }),
        })
    }

    /// The histogram of `values`, one per label, in the declared order;
    /// made on first use.
    ///
    /// # Panics
    ///
    /// When the number of values is not the number of labels, as the
    /// `prometheus` crate's `with_label_values` does; see
    /// [`get_metric_with_label_values`](Self::get_metric_with_label_values).
    pub fn with_label_values(&self, values: &[&str]) -> NativeHistogram {
        self.get_metric_with_label_values(values)
            .unwrap_or_else(|error| panic!("{error}"))
    }

    /// The histogram of `values`, or an error when the number of values
    /// is not the number of labels.
    pub fn get_metric_with_label_values(
        &self,
        values: &[&str],
    ) -> prometheus::Result<NativeHistogram> {
        self.check_arity(values)?;
        let key: Vec<String> = values.iter().map(|value| (*value).to_owned()).collect();
        if let Some(child) = self.read().get(&key) {
            return Ok(child.clone());
        }
        let mut children = self
            .shared
            .children
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let child = children
            .entry(key)
            .or_insert_with_key(|key| self.child(key));
        Ok(child.clone())
    }

    /// Removes the histogram of `values`; an error when there is none.
    pub fn remove_label_values(&self, values: &[&str]) -> prometheus::Result<()> {
        self.check_arity(values)?;
        let key: Vec<String> = values.iter().map(|value| (*value).to_owned()).collect();
        let mut children = self
            .shared
            .children
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match children.remove(&key) {
            Some(_) => Ok(()),
            None => Err(prometheus::Error::Msg(format!(
                "no series with label values {values:?}"
            ))),
        }
    }

    /// Removes every histogram.
    pub fn reset(&self) {
        self.shared
            .children
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }

    /// Every child, ordered by label values as `gather()` orders series.
    pub(crate) fn children(&self) -> Vec<NativeHistogram> {
        let mut children: Vec<NativeHistogram> = self.read().values().cloned().collect();
        // As `gather()` orders series: by label values, labels by name.
        children.sort_by(|a, b| {
            let values = |h: &NativeHistogram| {
                let pairs = h.label_pairs();
                (
                    pairs.len(),
                    pairs
                        .iter()
                        .map(|p| p.value().to_owned())
                        .collect::<Vec<_>>(),
                )
            };
            values(a).cmp(&values(b))
        });
        children
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<Vec<String>, NativeHistogram>> {
        self.shared
            .children
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn check_arity(&self, values: &[&str]) -> prometheus::Result<()> {
        let expect = self.shared.desc.variable_labels.len();
        if values.len() == expect {
            Ok(())
        } else {
            Err(prometheus::Error::InconsistentCardinality {
                expect,
                got: values.len(),
            })
        }
    }

    fn child(&self, values: &[String]) -> NativeHistogram {
        let desc = &self.shared.desc;
        let mut pairs: Vec<LabelPair> = desc.const_label_pairs.clone();
        for (name, value) in desc.variable_labels.iter().zip(values) {
            let mut pair = LabelPair::default();
            pair.set_name(name.clone());
            pair.set_value(value.clone());
            pairs.push(pair);
        }
        NativeHistogram::from_parts(
            desc.clone(),
            sorted(pairs),
            self.shared.params,
            self.shared.classic.clone(),
        )
    }
}

impl Collector for NativeHistogramVec {
    fn desc(&self) -> Vec<&Desc> {
        vec![&self.shared.desc]
    }

    fn collect(&self) -> Vec<MetricFamily> {
        let metrics = self.children().iter().map(Metric::metric).collect();
        vec![family(&self.shared.desc, metrics)]
    }
}

impl fmt::Debug for NativeHistogramVec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NativeHistogramVec")
            .field("name", &self.shared.desc.fq_name)
            .field("children", &self.read().len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_carry_their_labels_and_are_ordered_by_value() {
        let opts = NativeHistogramOpts::new("rpc_seconds", "RPC.").const_label("zone", "a");
        let vec = NativeHistogramVec::new(opts, &["method"]).unwrap();
        vec.with_label_values(&["put"]).observe(1.0);
        vec.with_label_values(&["get"]).observe(2.0);
        vec.with_label_values(&["get"]).observe(3.0);
        let children = vec.children();
        let labels: Vec<Vec<(String, String)>> = children
            .iter()
            .map(|c| {
                c.label_pairs()
                    .iter()
                    .map(|p| (p.name().to_owned(), p.value().to_owned()))
                    .collect()
            })
            .collect();
        assert_eq!(
            labels[0],
            [("method".into(), "get".into()), ("zone".into(), "a".into())]
        );
        assert_eq!(children[0].snapshot().count, 2);
        assert!(vec.get_metric_with_label_values(&[]).is_err());
        vec.remove_label_values(&["put"]).unwrap();
        assert!(vec.remove_label_values(&["put"]).is_err());
        assert_eq!(vec.collect()[0].get_metric().len(), 1);
    }
}
