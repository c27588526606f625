//! Writing a `NativeHistogramVec` field's family from its children, whose
//! native buckets `collect()` (the `prometheus` crate's model) cannot carry.

use crate::encoding::family_writer::{FamilyText, FamilyWriter, LabelPairs, SeriesValue};
use crate::encoding::format::Format;
use crate::encoding::protobuf_family as pb;
use crate::encoding::sample_line::write_label_pairs;
use crate::native::histogram::NativeHistogram;
use crate::native::snapshot::NativeHistogramSample;
use crate::native::vec::NativeHistogramVec;
use crate::timestamp::Timestamp;

/// A `NativeHistogramVec` field.
pub(crate) struct NativeVecSeries {
    vec: NativeHistogramVec,
    text: FamilyText,
}

impl NativeVecSeries {
    pub(crate) fn new(vec: &NativeHistogramVec, text: FamilyText) -> Self {
        NativeVecSeries {
            vec: vec.clone(),
            text,
        }
    }
}

impl FamilyWriter for NativeVecSeries {
    fn write_family(&self, format: Format, created: Option<Timestamp>, out: &mut String) {
        let children = self.vec.children();
        if children.is_empty() {
            return;
        }
        out.push_str(self.text.header(format));
        for child in children {
            let mut labels = String::new();
            write_label_pairs(pairs(&child), &mut labels);
            child.write_series(&self.text.sample(&labels, format), format, out);
            self.text.write_created(&labels, created, format, out);
        }
    }

    fn write_protobuf(&self, created: Option<Timestamp>, out: &mut Vec<u8>) {
        let children = self.vec.children();
        if children.is_empty() {
            return;
        }
        pb::family(out, self.text.protobuf_header(), |out| {
            for child in children {
                pb::series(out, &pb::label_fields(pairs(&child)), |out| {
                    child.write_protobuf_value(created, out)
                });
            }
        });
    }

    fn native_samples(&self) -> Vec<(LabelPairs, NativeHistogramSample)> {
        self.vec
            .children()
            .iter()
            .filter_map(|child| {
                let labels = pairs(child).map(|(n, v)| (n.to_owned(), v.to_owned()));
                Some((labels.collect(), child.native_sample()?))
            })
            .collect()
    }
}

fn pairs(child: &NativeHistogram) -> impl Iterator<Item = (&str, &str)> {
    child.label_pairs().iter().map(|p| (p.name(), p.value()))
}
