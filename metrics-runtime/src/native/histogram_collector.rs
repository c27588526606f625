//! `NativeHistogram` as the `prometheus` crate sees it: its classic view
//! (count, sum, declared buckets) through `Metric` and `Collector`.

use super::*;

impl Metric for NativeHistogram {
    /// The classic view of the series, which is what the `prometheus`
    /// crate's model can hold: count, sum, and the declared classic
    /// buckets.
    // `.into()`: a `Vec` in `prometheus`'s plain model, a `RepeatedField`
    // in its protobuf one (see `encoding::gathered`).
    #[allow(clippy::useless_conversion)]
    fn metric(&self) -> proto::Metric {
        let snapshot = self.snapshot();
        let mut histogram = proto::Histogram::default();
        histogram.set_sample_count(snapshot.exposed_count());
        histogram.set_sample_sum(snapshot.sum);
        if let Some(classic) = &snapshot.classic {
            let buckets: Vec<proto::Bucket> = classic
                .buckets
                .iter()
                .map(|&(bound, count)| {
                    let mut bucket = proto::Bucket::default();
                    bucket.set_upper_bound(bound);
                    bucket.set_cumulative_count(count);
                    bucket
                })
                .collect();
            histogram.set_bucket(buckets.into());
        }
        let mut metric = proto::Metric::default();
        metric.set_label(self.core.label_pairs.clone().into());
        metric.set_histogram(histogram);
        metric
    }
}

impl Collector for NativeHistogram {
    fn desc(&self) -> Vec<&Desc> {
        vec![&self.core.desc]
    }

    fn collect(&self) -> Vec<MetricFamily> {
        vec![family(&self.core.desc, vec![self.metric()])]
    }
}

/// A histogram family of `desc` holding `metrics`.
#[allow(clippy::useless_conversion)] // as in `metric`
pub(crate) fn family(desc: &Desc, metrics: Vec<proto::Metric>) -> MetricFamily {
    let mut family = MetricFamily::default();
    family.set_name(desc.fq_name.clone());
    family.set_help(desc.help.clone());
    family.set_field_type(proto::MetricType::HISTOGRAM);
    family.set_metric(metrics.into());
    family
}

impl fmt::Debug for NativeHistogram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let snapshot = self.snapshot();
        f.debug_struct("NativeHistogram")
            .field("name", &self.core.desc.fq_name)
            .field("schema", &snapshot.schema)
            .field("count", &snapshot.count)
            .field("sum", &snapshot.sum)
            .finish()
    }
}
