//! Writing a `*Vec` field's family. Its children can only be reached
//! through `collect()`, which hands them out in its hash map's order, so
//! they must be sorted as `gather()` sorts them. A map that gained or
//! lost no child since the last scrape hands them out in the same order,
//! though: the order found and the labels' text written on one scrape
//! serve every later scrape that finds the same children at the same
//! places, which is checked child by child.

use std::sync::{Arc, Mutex};

use prometheus::core::Collector;
use prometheus::proto::{self, MetricFamily};

use crate::encoding::family_writer::{
    compare_label_values, labels_protobuf as labels_protobuf_of, FamilyText, FamilyWriter,
};
use crate::encoding::format::Format;
use crate::encoding::gathered::{self, label_pairs};
use crate::encoding::protobuf_family as pb;
use crate::encoding::sample_line::write_label_pairs;
use crate::exemplar::cell::{ChildExemplars, SeriesExemplars};
use crate::timestamp::Timestamp;

/// A `*Vec` field.
pub(crate) struct CollectedSeries<C> {
    collector: C,
    text: FamilyText,
    /// What the last scrape found; `None` before the first.
    layout: Mutex<Option<Layout>>,
    /// The children's exemplars, for an `Exemplars<*Vec>` field.
    exemplars: Option<ChildSource>,
}

/// Where a `*Vec`'s children keep their exemplars, and the names of its
/// variable labels, in the order their values are given.
pub(crate) struct ChildSource {
    pub(crate) children: Arc<ChildExemplars>,
    pub(crate) label_names: &'static [&'static str],
}

impl ChildSource {
    /// The exemplars of the child `series`, if it keeps any.
    fn of(&self, series: &proto::Metric) -> Option<Arc<SeriesExemplars>> {
        let values: Option<Vec<&str>> = self
            .label_names
            .iter()
            .map(|name| {
                series
                    .get_label()
                    .iter()
                    .find(|pair| pair.name() == *name)
                    .map(|pair| pair.value())
            })
            .collect();
        self.children.get(&values?)
    }
}

/// The children of one scrape, in `collect()`'s order.
struct Layout {
    /// Every child's label values, one after the other.
    values: String,
    /// Where each child's values end in `values`, one entry per value.
    value_ends: Vec<usize>,
    /// Child positions in exposition order.
    order: Vec<usize>,
    /// Each child's label pairs as sample lines write them, one after the
    /// other in exposition order, so that a scrape reads them in one pass.
    labels: String,
    /// Where each child's pairs end in `labels`, in exposition order.
    label_ends: Vec<usize>,
    /// The same pairs as protobuf `Metric.label` fields.
    labels_protobuf: Vec<u8>,
    /// Where each child's fields end in `labels_protobuf`.
    protobuf_ends: Vec<usize>,
}

impl<C: Collector + Clone> CollectedSeries<C> {
    pub(crate) fn new(collector: &C, text: FamilyText) -> Self {
        CollectedSeries {
            collector: collector.clone(),
            text,
            layout: Mutex::new(None),
            exemplars: None,
        }
    }

    /// A `*Vec` field whose children keep exemplars in `source`.
    pub(crate) fn with_exemplars(collector: &C, text: FamilyText, source: ChildSource) -> Self {
        CollectedSeries {
            exemplars: Some(source),
            ..CollectedSeries::new(collector, text)
        }
    }
}

impl<C: Collector> FamilyWriter for CollectedSeries<C> {
    fn write_family(&self, format: Format, created: Option<Timestamp>, out: &mut String) {
        self.each_family(|family, layout| {
            self.write_in_order(family, layout, format, created, out)
        });
    }

    fn write_protobuf(&self, created: Option<Timestamp>, out: &mut Vec<u8>) {
        self.each_family(|family, layout| {
            let series = family.get_metric();
            let metric_type = family.get_field_type();
            pb::family(out, self.text.protobuf_header(), |out| {
                let mut start = 0;
                for (&position, &end) in layout.order.iter().zip(&layout.protobuf_ends) {
                    let exemplars = self.exemplars_of(&series[position]);
                    pb::series(out, &layout.labels_protobuf[start..end], |out| {
                        let exemplars = exemplars.as_deref();
                        pb::gathered_value(out, &series[position], metric_type, created, exemplars)
                    });
                    start = end;
                }
            });
        });
    }
}

impl<C: Collector> CollectedSeries<C> {
    /// Calls `write` with each collected family that has series, and the
    /// layout of its children.
    fn each_family(&self, mut write: impl FnMut(&MetricFamily, &Layout)) {
        for family in self.collector.collect() {
            if family.get_metric().is_empty() {
                continue;
            }
            // A scrape racing another waits for it; the layout is the
            // same for both unless a child came or went in between.
            let mut layout = self
                .layout
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let series = family.get_metric();
            if !layout.as_ref().is_some_and(|l| l.fits(series)) {
                *layout = Some(Layout::new(series));
            }
            let Some(layout) = layout.as_ref() else {
                unreachable!("set just above")
            };
            write(&family, layout);
        }
    }
}

impl<C> CollectedSeries<C> {
    fn exemplars_of(&self, series: &proto::Metric) -> Option<Arc<SeriesExemplars>> {
        self.exemplars.as_ref().and_then(|source| source.of(series))
    }

    fn write_in_order(
        &self,
        family: &MetricFamily,
        layout: &Layout,
        format: Format,
        created: Option<Timestamp>,
        out: &mut String,
    ) {
        out.push_str(self.text.header(format));
        let series = family.get_metric();
        let metric_type = family.get_field_type();
        let mut start = 0;
        for (&position, &end) in layout.order.iter().zip(&layout.label_ends) {
            let labels = &layout.labels[start..end];
            let sample = self.text.sample(labels, format);
            let exemplars = self.exemplars_of(&series[position]);
            gathered::write_series_with_exemplars(
                &series[position],
                metric_type,
                &sample,
                exemplars.as_deref(),
                format,
                out,
            );
            self.text.write_created(labels, created, format, out);
            start = end;
        }
    }
}

impl Layout {
    fn new(series: &[proto::Metric]) -> Self {
        let mut values = String::new();
        let mut value_ends = Vec::new();
        for metric in series {
            for pair in metric.get_label() {
                values.push_str(pair.value());
                value_ends.push(values.len());
            }
        }
        let mut order: Vec<usize> = (0..series.len()).collect();
        order.sort_unstable_by(|&a, &b| compare_label_values(&series[a], &series[b]));
        let mut labels = String::new();
        let mut labels_protobuf = Vec::new();
        let mut label_ends = Vec::with_capacity(order.len());
        let mut protobuf_ends = Vec::with_capacity(order.len());
        for &position in &order {
            write_label_pairs(label_pairs(&series[position]), &mut labels);
            label_ends.push(labels.len());
            labels_protobuf.extend(labels_protobuf_of(&series[position]));
            protobuf_ends.push(labels_protobuf.len());
        }
        Layout {
            values,
            value_ends,
            order,
            labels,
            label_ends,
            labels_protobuf,
            protobuf_ends,
        }
    }

    /// Whether `series` are the children this layout was made of, each at
    /// the same place.
    fn fits(&self, series: &[proto::Metric]) -> bool {
        if series.len() != self.order.len() {
            return false;
        }
        let mut ends = self.value_ends.iter();
        let mut start = 0;
        series.iter().flat_map(|m| m.get_label()).all(|pair| {
            let Some(&end) = ends.next() else {
                return false;
            };
            let same = self.values.get(start..end) == Some(pair.value());
            start = end;
            same
        }) && ends.next().is_none()
    }
}

#[cfg(test)]
mod tests {
    use prometheus::{IntCounterVec, Opts};

    use super::*;

    fn collected(vec: &IntCounterVec) -> Vec<proto::Metric> {
        vec.collect().remove(0).take_metric().into_iter().collect()
    }

    #[test]
    fn a_layout_fits_only_the_same_children_at_the_same_places() {
        let vec = IntCounterVec::new(Opts::new("v_total", "V."), &["a", "b"]).unwrap();
        for (a, b) in [("x", "1"), ("y", "2"), ("z", "3")] {
            vec.with_label_values(&[a, b]).inc();
        }
        let series = collected(&vec);
        let layout = Layout::new(&series);
        assert!(layout.fits(&series));
        assert!(layout.fits(&collected(&vec)), "values may change");
        let mut reversed = series.clone();
        reversed.reverse();
        assert!(!layout.fits(&reversed));
        assert!(!layout.fits(&series[..2]));
        // One child replaced by another: same count, other labels.
        vec.remove_label_values(&["y", "2"]).unwrap();
        vec.with_label_values(&["y", "22"]).inc();
        assert!(!layout.fits(&collected(&vec)));
        // Values that only concatenate alike do not fit either.
        let one = |a: &str, b: &str| {
            let vec = IntCounterVec::new(Opts::new("w_total", "W."), &["a", "b"]).unwrap();
            vec.with_label_values(&[a, b]).inc();
            collected(&vec)
        };
        assert!(!Layout::new(&one("x", "1")).fits(&one("x1", "")));
        assert!(Layout::new(&one("x", "1")).fits(&one("x", "1")));
    }

    #[test]
    fn a_layout_orders_children_as_gather_does() {
        let vec = IntCounterVec::new(Opts::new("v_total", "V."), &["a"]).unwrap();
        for a in ["m", "b", "z", "a"] {
            vec.with_label_values(&[a]).inc();
        }
        let series = collected(&vec);
        let layout = Layout::new(&series);
        let ordered: Vec<&str> = layout
            .order
            .iter()
            .map(|&i| series[i].get_label()[0].value())
            .collect();
        assert_eq!(ordered, ["a", "b", "m", "z"]);
    }
}
