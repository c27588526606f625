//! Where exemplars are kept: one cell per series, or per bucket of a
//! classic histogram, holding the latest.
//!
//! An update writes its exemplar with `try_lock`: if a scrape (which
//! holds the lock only to clone the exemplar out) or another update holds
//! it at that instant, this exemplar is dropped, never waited for. The
//! update itself has counted already.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use std::time::SystemTime;

use crate::exemplar::recorded::{check, Exemplar, Refusal};

/// The latest exemplar of one series or bucket.
#[derive(Debug, Default)]
pub(crate) struct ExemplarCell {
    latest: Mutex<Option<Exemplar>>,
}

impl ExemplarCell {
    /// Keeps an exemplar of `labels` (checked already) and `value`, now,
    /// as the latest, refilling the one it holds; unless the cell is busy
    /// this very instant.
    pub(crate) fn offer(&self, labels: &[(&str, &str)], value: f64) {
        if let Ok(mut latest) = self.latest.try_lock() {
            let now = SystemTime::now();
            match &mut *latest {
                Some(exemplar) => exemplar.refill(labels, value, now),
                empty => *empty = Some(Exemplar::new(labels, value, now)),
            }
        }
    }

    /// The latest exemplar, if any.
    pub(crate) fn latest(&self) -> Option<Exemplar> {
        self.latest
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

/// The cells of one series: one for a counter, one per bucket (the `+Inf`
/// one last) for a histogram.
#[derive(Debug)]
pub(crate) struct SeriesExemplars {
    cells: Box<[ExemplarCell]>,
    /// A histogram's bucket bounds, `+Inf` left out; empty for a counter.
    bounds: Box<[f64]>,
    /// Whether a refused exemplar was logged already: once per series.
    warned: AtomicBool,
}

impl SeriesExemplars {
    /// The one cell of a counter series.
    pub(crate) fn counter() -> Self {
        SeriesExemplars::histogram(&[])
    }

    /// A cell per bucket of a histogram series with these bounds, and one
    /// for `+Inf`.
    pub(crate) fn histogram(bounds: &[f64]) -> Self {
        SeriesExemplars {
            cells: (0..=bounds.len())
                .map(|_| ExemplarCell::default())
                .collect(),
            bounds: bounds.into(),
            warned: AtomicBool::new(false),
        }
    }

    /// The cell of `value`: a histogram's bucket that holds it, the first
    /// whose bound is at or above it (`+Inf`'s past them); 0 for a counter.
    pub(crate) fn cell_of(&self, value: f64) -> usize {
        self.bounds.partition_point(|&bound| bound < value)
    }

    /// Records an exemplar of `labels` and `value` in the cell of `value`
    /// (see [`cell_of`](Self::cell_of)), or logs (once per series) why
    /// OpenMetrics refuses it, naming the series with `name`.
    pub(crate) fn record(
        &self,
        labels: &[(&str, &str)],
        value: f64,
        name: impl FnOnce() -> String,
    ) {
        match check(labels) {
            Ok(()) => {
                if let Some(cell) = self.cells.get(self.cell_of(value)) {
                    cell.offer(labels, value);
                }
            }
            Err(refusal) => self.refused(&refusal, name),
        }
    }

    fn refused(&self, refusal: &Refusal, name: impl FnOnce() -> String) {
        log_refusal(&self.warned, refusal, name);
    }

    /// How many cells the series has.
    pub(crate) fn cell_count(&self) -> usize {
        self.cells.len()
    }

    /// The latest exemplar of cell `index`.
    pub(crate) fn latest(&self, index: usize) -> Option<Exemplar> {
        self.cells.get(index).and_then(ExemplarCell::latest)
    }
}

/// Logs why an exemplar of the series `name` was refused, once per
/// series: `warned` says whether it was logged already.
fn log_refusal(warned: &AtomicBool, refusal: &Refusal, name: impl FnOnce() -> String) {
    if !warned.swap(true, Ordering::Relaxed) {
        log::warn!(
            "an exemplar of `{}` was refused: {refusal}; the update counted without it \
             (logged once per series)",
            name()
        );
    }
}

/// A native histogram's exemplars: the latest few, whatever their bucket,
/// as client_golang keeps them (Prometheus reads a list on a native
/// histogram, not one per bucket).
#[derive(Debug)]
pub(crate) struct RecentExemplars {
    latest: Mutex<VecDeque<Exemplar>>,
    warned: AtomicBool,
}

/// How many exemplars a native histogram keeps, as client_golang.
pub(crate) const RECENT_EXEMPLARS: usize = 10;

impl Default for RecentExemplars {
    fn default() -> Self {
        RecentExemplars {
            latest: Mutex::new(VecDeque::with_capacity(RECENT_EXEMPLARS)),
            warned: AtomicBool::new(false),
        }
    }
}

impl RecentExemplars {
    /// Keeps an exemplar of `labels` and `value` among the latest, the
    /// oldest leaving, unless another thread holds the list this instant;
    /// or logs (once) why OpenMetrics refuses it.
    pub(crate) fn record(
        &self,
        labels: &[(&str, &str)],
        value: f64,
        name: impl FnOnce() -> String,
    ) {
        match check(labels) {
            Ok(()) => {
                if let Ok(mut latest) = self.latest.try_lock() {
                    let now = SystemTime::now();
                    // The oldest leaves, its buffers reused.
                    if latest.len() == RECENT_EXEMPLARS {
                        if let Some(mut oldest) = latest.pop_front() {
                            oldest.refill(labels, value, now);
                            latest.push_back(oldest);
                        }
                    } else {
                        latest.push_back(Exemplar::new(labels, value, now));
                    }
                }
            }
            Err(refusal) => log_refusal(&self.warned, &refusal, name),
        }
    }

    /// The exemplars kept, oldest first.
    pub(crate) fn all(&self) -> Vec<Exemplar> {
        self.latest
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .iter()
            .cloned()
            .collect()
    }
}

/// One child's label values and exemplars.
type Child = (Box<[Box<str>]>, Arc<SeriesExemplars>);

/// The series exemplars of a `*Vec`'s children, by label values: hashed
/// from the values as given, so that finding a child allocates no key.
#[derive(Debug, Default)]
pub(crate) struct ChildExemplars {
    hasher: RandomState,
    /// Children by the hash of their values; colliding ones share a list.
    children: RwLock<HashMap<u64, Vec<Child>>>,
}

impl ChildExemplars {
    /// The exemplars of the child with `values`, made by `make` on first
    /// use.
    pub(crate) fn of(
        &self,
        values: &[&str],
        make: impl FnOnce() -> SeriesExemplars,
    ) -> Arc<SeriesExemplars> {
        let hash = self.hash(values);
        if let Some(found) = self.lookup(hash, values) {
            return found;
        }
        let mut write = self
            .children
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let same_hash = write.entry(hash).or_default();
        if let Some((_, found)) = same_hash.iter().find(|(key, _)| same(key, values)) {
            return found.clone();
        }
        let made = Arc::new(make());
        let key = values.iter().map(|v| Box::from(*v)).collect();
        same_hash.push((key, made.clone()));
        made
    }

    /// The exemplars of the child with `values`, if it has any.
    pub(crate) fn get(&self, values: &[&str]) -> Option<Arc<SeriesExemplars>> {
        self.lookup(self.hash(values), values)
    }

    /// Forgets the child with `values`, as its `*Vec` forgets it.
    pub(crate) fn remove(&self, values: &[&str]) {
        let hash = self.hash(values);
        let mut write = self
            .children
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(same_hash) = write.get_mut(&hash) {
            same_hash.retain(|(key, _)| !same(key, values));
            if same_hash.is_empty() {
                write.remove(&hash);
            }
        }
    }

    /// Forgets every child, as its `*Vec` does on `reset`.
    pub(crate) fn clear(&self) {
        self.children
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }

    fn hash(&self, values: &[&str]) -> u64 {
        self.hasher.hash_one(values)
    }

    fn lookup(&self, hash: u64, values: &[&str]) -> Option<Arc<SeriesExemplars>> {
        let read = self
            .children
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        read.get(&hash)?
            .iter()
            .find(|(key, _)| same(key, values))
            .map(|(_, exemplars)| exemplars.clone())
    }
}

fn same(key: &[Box<str>], values: &[&str]) -> bool {
    key.len() == values.len() && key.iter().zip(values).all(|(k, v)| &**k == *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_exemplar_is_kept_and_a_refused_one_leaves_it() {
        let series = SeriesExemplars::histogram(&[0.5, 1.0]);
        let name = || "x".to_owned();
        series.record(&[("trace_id", "a")], 0.6, name);
        series.record(&[("trace_id", "b")], 0.7, name);
        series.record(&[("bad-name", "c")], 0.9, name);
        let latest = series.latest(1).unwrap();
        assert_eq!(latest.value, 0.7);
        assert_eq!(
            latest.label_pairs().collect::<Vec<_>>(),
            [("trace_id", "b")]
        );
        assert!(series.latest(0).is_none());
        // A bound is its bucket's; past the last, `+Inf`'s.
        assert_eq!(series.cell_of(0.5), 0);
        assert_eq!(series.cell_of(1.5), 2);
        series.record(&[("trace_id", "c")], f64::INFINITY, name);
        assert!(series.latest(2).is_some());
        assert!(series.latest(9).is_none());
    }

    #[test]
    fn a_native_histogram_keeps_the_latest_ten() {
        let recent = RecentExemplars::default();
        for n in 0..15 {
            recent.record(&[("n", &n.to_string())], f64::from(n), || "x".to_owned());
        }
        let kept: Vec<f64> = recent.all().iter().map(|e| e.value).collect();
        assert_eq!(kept, (5..15).map(f64::from).collect::<Vec<_>>());
    }

    #[test]
    fn children_are_found_by_their_values() {
        let children = ChildExemplars::default();
        let a = children.of(&["GET", "200"], SeriesExemplars::counter);
        a.record(&[("trace_id", "t")], 1.0, || "x".to_owned());
        assert!(children.get(&["GET", "200"]).unwrap().latest(0).is_some());
        assert!(children.get(&["GET", "500"]).is_none());
        children.remove(&["GET", "200"]);
        assert!(children.get(&["GET", "200"]).is_none());
        children.of(&["GET", "404"], SeriesExemplars::counter);
        children.clear();
        assert!(children.get(&["GET", "404"]).is_none());
    }
}
