//! Native histograms as a user declares and reads them: the derive and
//! `metrics_component!`, every field form, compile-time parameters, the
//! text formats' view, Prometheus' rules for special values, and the
//! bucket of every value at every schema against Prometheus' formula.

use metrics_tests::support::metrics_proto;
use prometheus_component::{
    metrics_component, Format, LabelValue, Labeled, Metrics, NativeHistogram, NativeHistogramVec,
    Registry,
};
use proptest::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, LabelValue)]
enum Route {
    Cart,
    Pay,
}

/// Checkout latencies.
#[derive(Metrics)]
#[metrics(component = "nh", namespace = "it")]
struct LatencyMetrics {
    /// Time to answer, native only.
    answer_seconds: NativeHistogram,
    /// Time to pay, native with classic buckets for text scrapers.
    #[metric(native(schema = 2, max_buckets = 20, zero_threshold = 0.001), buckets = [0.1, 1.0])]
    pay_seconds: NativeHistogram,
    /// Time per backend.
    #[metric(labels = ["backend"], native(schema = -1))]
    backend_seconds: NativeHistogramVec,
    /// Time per route.
    #[metric(labels = [route: Route])]
    route_seconds: Labeled<NativeHistogram, Route>,
}

metrics_component! {
    /// The terse form.
    struct TerseMetrics: "terse" in "it" {
        /// Parse time.
        parse_seconds: NativeHistogram,
        /// Parse time per format, with classic buckets.
        format_seconds: NativeHistogramVec["format"] = [0.5],
    }
}

#[test]
fn every_form_reads_back_its_native_buckets() {
    let m = LatencyMetrics::for_test();
    m.answer_seconds.observe(1.0);
    m.answer_seconds.observe(1.0);
    m.answer_seconds.observe(3.0);
    let h = m.native_histogram("it_nh_answer_seconds", &[]).unwrap();
    assert_eq!((h.count, h.sum, h.schema, h.zero_count), (3, 5.0, 3, 0));
    // 1 closes bucket 0; 3 is in (2^(12/8), 2^(13/8)] at schema 3.
    let b = 2f64.powf(1.0 / 8.0);
    assert_eq!(h.buckets[0], (1.0 / b, 1.0, 2));
    assert_eq!(h.buckets[1].2, 1);
    assert!(h.buckets[1].0 < 3.0 && 3.0 <= h.buckets[1].1);
    assert!((h.buckets[1].1 - 2f64.powf(13.0 / 8.0)).abs() < 1e-12);

    m.pay_seconds.observe(0.0005);
    m.pay_seconds.observe(-0.5);
    let h = m.native_histogram("it_nh_pay_seconds", &[]).unwrap();
    assert_eq!(
        (h.count, h.zero_count, h.zero_threshold, h.schema),
        (2, 1, 0.001, 2)
    );
    // -0.5 closes its mirrored bucket [-0.5, -0.5 / 2^(1/4)).
    let [(lower, upper, 1)] = h.buckets[..] else {
        panic!("{h:?}")
    };
    assert_eq!(lower, -0.5);
    assert!((upper + 0.5 / 2f64.powf(0.25)).abs() < 1e-15, "{upper}");

    m.backend_seconds.with_label_values(&["db"]).observe(5.0);
    let h = m
        .native_histogram("it_nh_backend_seconds", &[("backend", "db")])
        .unwrap();
    // Schema -1: buckets span two powers of two; 5 is in (4, 16].
    assert_eq!(h.buckets, [(4.0, 16.0, 1)]);
    assert_eq!(
        m.native_histogram("it_nh_backend_seconds", &[("backend", "cache")]),
        None
    );

    m.route_seconds.get(Route::Pay).observe(0.25);
    m.route_seconds.get(Route::Cart).observe(0.5);
    m.route_seconds.get(Route::Cart).observe(0.5);
    let pay = m
        .native_histogram("it_nh_route_seconds", &[("route", "pay")])
        .unwrap();
    let cart = m
        .native_histogram("it_nh_route_seconds", &[("route", "cart")])
        .unwrap();
    assert_eq!((pay.count, cart.count), (1, 2));

    let t = TerseMetrics::for_test();
    t.parse_seconds.observe(0.1);
    t.format_seconds.with_label_values(&["json"]).observe(0.7);
    assert_eq!(
        t.native_histogram("it_terse_parse_seconds", &[])
            .unwrap()
            .count,
        1
    );
    let json = t
        .histogram("it_terse_format_seconds", &[("format", "json")])
        .unwrap();
    assert_eq!((json.count, json.buckets.as_slice()), (1, &[(0.5, 0)][..]));
}

#[test]
fn the_text_formats_show_count_sum_and_declared_classic_buckets() {
    let m = LatencyMetrics::for_test();
    m.answer_seconds.observe(0.2);
    m.pay_seconds.observe(0.2);
    m.pay_seconds.observe(5.0);
    let text = m.encode_text();
    assert!(
        text.contains("# TYPE it_nh_answer_seconds histogram\n"),
        "{text}"
    );
    assert!(text.contains("\nit_nh_answer_seconds_bucket{le=\"+Inf\"} 1\nit_nh_answer_seconds_sum 0.2\nit_nh_answer_seconds_count 1\n"), "{text}");
    assert!(
        !text.contains("it_nh_answer_seconds_bucket{le=\"0.005\"}"),
        "no default classic buckets: {text}"
    );
    assert!(text.contains("it_nh_pay_seconds_bucket{le=\"0.1\"} 0\nit_nh_pay_seconds_bucket{le=\"1\"} 1\nit_nh_pay_seconds_bucket{le=\"+Inf\"} 2\n"), "{text}");
    // Every route exists from the start, at zero; backends once used.
    assert!(
        text.contains("it_nh_route_seconds_count{route=\"cart\"} 0\n"),
        "{text}"
    );
    assert!(
        text.contains("it_nh_route_seconds_count{route=\"pay\"} 0\n"),
        "{text}"
    );
    assert!(!text.contains("it_nh_backend_seconds"), "{text}");
    let classic = m.histogram("it_nh_pay_seconds", &[]).unwrap();
    assert_eq!(
        (classic.count, classic.buckets),
        (2, vec![(0.1, 0), (1.0, 1)])
    );
}

#[test]
fn declared_parameters_reach_the_descriptor_and_classic_buckets_default_to_none() {
    let d = LatencyMetrics::descriptors();
    assert_eq!(
        d[0].buckets(),
        None,
        "a native histogram has no classic buckets unless declared"
    );
    assert_eq!(d[1].buckets(), Some(&[0.1, 1.0][..]));
}

#[test]
fn halving_keeps_the_bucket_count_bounded() {
    let m = LatencyMetrics::for_test();
    // Values across 20 powers of ten: far more than 20 buckets at schema 2.
    for step in 0..2_000 {
        m.pay_seconds.observe(1e-10 * 1.0233f64.powi(step));
    }
    let h = m.native_histogram("it_nh_pay_seconds", &[]).unwrap();
    assert!(h.buckets.len() <= 20, "{} buckets", h.buckets.len());
    assert!(h.schema < 2, "schema {}", h.schema);
    let in_buckets: u64 = h.buckets.iter().map(|b| b.2).sum();
    assert_eq!(in_buckets + h.zero_count, 2_000);
}

#[test]
fn special_values_follow_prometheus_rules() {
    let m = LatencyMetrics::for_test();
    for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0] {
        m.answer_seconds.observe(value);
    }
    let h = m.native_histogram("it_nh_answer_seconds", &[]).unwrap();
    assert_eq!(h.count, 5);
    assert_eq!(h.zero_count, 2);
    assert!(h.sum.is_nan());
    // NaN is counted but in no bucket; ±Inf are in the buckets past ±f64::MAX.
    assert_eq!(h.buckets.len(), 2);
    assert!(h.buckets[0].0 == f64::NEG_INFINITY || h.buckets[0].0 < -f64::MAX);
    assert!(h.buckets[1].1 == f64::INFINITY && h.buckets[1].0 >= f64::MAX);
}

#[test]
fn protobuf_is_what_the_registry_writes_when_asked() {
    let registry = Registry::new();
    LatencyMetrics::register(&registry)
        .unwrap()
        .answer_seconds
        .observe(1.0);
    let mut out = Vec::new();
    registry.encode(Format::Protobuf, &mut out);
    let name = b"it_nh_answer_seconds";
    assert!(out.windows(name.len()).any(|w| w == name));
    assert!(!out.ends_with(b"# EOF\n"));
}

/// One field per schema, no zero bucket, so that a value's bucket shows.
#[derive(Metrics)]
#[metrics(component = "schemas")]
struct SchemaMetrics {
    /// Schema -4.
    #[metric(native(schema = -4, zero_threshold = 0))]
    at_m4: NativeHistogram,
    /// Schema -3.
    #[metric(native(schema = -3, zero_threshold = 0))]
    at_m3: NativeHistogram,
    /// Schema -2.
    #[metric(native(schema = -2, zero_threshold = 0))]
    at_m2: NativeHistogram,
    /// Schema -1.
    #[metric(native(schema = -1, zero_threshold = 0))]
    at_m1: NativeHistogram,
    /// Schema 0.
    #[metric(native(schema = 0, zero_threshold = 0))]
    at_0: NativeHistogram,
    /// Schema 1.
    #[metric(native(schema = 1, zero_threshold = 0))]
    at_1: NativeHistogram,
    /// Schema 2.
    #[metric(native(schema = 2, zero_threshold = 0))]
    at_2: NativeHistogram,
    /// Schema 3.
    #[metric(native(schema = 3, zero_threshold = 0))]
    at_3: NativeHistogram,
    /// Schema 4.
    #[metric(native(schema = 4, zero_threshold = 0))]
    at_4: NativeHistogram,
    /// Schema 5.
    #[metric(native(schema = 5, zero_threshold = 0))]
    at_5: NativeHistogram,
    /// Schema 6.
    #[metric(native(schema = 6, zero_threshold = 0))]
    at_6: NativeHistogram,
    /// Schema 7.
    #[metric(native(schema = 7, zero_threshold = 0))]
    at_7: NativeHistogram,
    /// Schema 8.
    #[metric(native(schema = 8, zero_threshold = 0))]
    at_8: NativeHistogram,
}

impl SchemaMetrics {
    fn all(&self) -> [(i32, &NativeHistogram, &'static str); 13] {
        [
            (-4, &self.at_m4, "schemas_at_m4"),
            (-3, &self.at_m3, "schemas_at_m3"),
            (-2, &self.at_m2, "schemas_at_m2"),
            (-1, &self.at_m1, "schemas_at_m1"),
            (0, &self.at_0, "schemas_at_0"),
            (1, &self.at_1, "schemas_at_1"),
            (2, &self.at_2, "schemas_at_2"),
            (3, &self.at_3, "schemas_at_3"),
            (4, &self.at_4, "schemas_at_4"),
            (5, &self.at_5, "schemas_at_5"),
            (6, &self.at_6, "schemas_at_6"),
            (7, &self.at_7, "schemas_at_7"),
            (8, &self.at_8, "schemas_at_8"),
        ]
    }
}

/// Prometheus' bucket index of `v > 0` at `schema`: the smallest `i` with
/// `v <= 2^(i / 2^schema)`, that is `ceil(log2(v) * 2^schema)`, computed
/// from the exact binary exponent and `log2` of the mantissa. `None` when
/// `v` is too close to a bucket boundary for `f64`'s `log2` to decide
/// (exact powers of two, which are boundaries, are decided exactly).
fn reference_index(v: f64, schema: i32) -> Option<i64> {
    let bits = v.to_bits();
    let (mantissa, exponent) = if (bits >> 52) & 0x7ff == 0 {
        // Subnormal: v = m * 2^-1074 with m an integer.
        let m = (bits & ((1 << 52) - 1)) as f64;
        let e = m.log2().floor();
        (m / 2f64.powi(e as i32), e as i64 - 1074)
    } else {
        let e = ((bits >> 52) & 0x7ff) as i64 - 1023;
        (f64::from_bits((bits & ((1 << 52) - 1)) | (1023 << 52)), e)
    };
    let scale = 2f64.powi(schema);
    if mantissa == 1.0 {
        // v = 2^e: the upper bound of bucket e * 2^schema (for schema < 0,
        // of the bucket whose range holds it).
        return Some((exponent as f64 * scale).ceil() as i64);
    }
    let x = (exponent as f64 + mantissa.log2()) * scale;
    let nearest = x.round();
    if (x - nearest).abs() < 1e-9 * scale.max(1.0) {
        return None;
    }
    Some(x.ceil() as i64)
}

/// The index of each family's one native bucket, as an independent
/// protobuf decoder reads the registry's exposition.
fn exported_indices(registry: &Registry) -> Vec<(String, i32, i32)> {
    let mut bytes = Vec::new();
    registry.encode(Format::Protobuf, &mut bytes);
    metrics_proto::decode_stream(&bytes)
        .into_iter()
        .map(|family| {
            let histogram = family.metric[0].histogram.clone().expect("a histogram");
            let buckets = histogram.positive();
            assert_eq!(buckets.len(), 1, "{}: {buckets:?}", family.name);
            (family.name, histogram.schema, buckets[0].0)
        })
        .collect()
}

fn any_positive_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        // Any normal number up to 2^1000 (the top buckets' bounds overflow).
        (1u64..(1000 + 1023) << 52).prop_map(f64::from_bits),
        // Subnormals.
        (1u64..1 << 52).prop_map(f64::from_bits),
        // Exact powers of two, each a bucket boundary.
        (-1074i32..1000).prop_map(
            |e| 2f64.powi(e.max(-1022)) * if e < -1022 { 2f64.powi(e + 1022) } else { 1.0 }
        ),
        // Everyday magnitudes.
        (1e-9f64..1e9),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_value_lands_in_prometheus_bucket_at_every_schema(v in any_positive_value()) {
        let m = SchemaMetrics::for_test();
        for (_, histogram, _) in m.all() {
            histogram.observe(v);
        }
        let exported = exported_indices(m.registry());
        prop_assert_eq!(exported.len(), 13);
        for (schema, _, name) in m.all() {
            let h = m.native_histogram(name, &[]).unwrap();
            prop_assert_eq!(h.buckets.len(), 1);
            let (lower, upper, count) = h.buckets[0];
            prop_assert_eq!(count, 1);
            // Bounds of neighbouring subnormal buckets may round to one value.
            prop_assert!((lower < v || lower == upper) && v <= upper, "{} not in ({}, {}] at schema {}", v, lower, upper, schema);
            let (_, exported_schema, index) = exported.iter().find(|(n, ..)| n == name).expect("exported");
            prop_assert_eq!(*exported_schema, schema);
            if let Some(expected) = reference_index(v, schema) {
                prop_assert_eq!(i64::from(*index), expected, "value {} at schema {}", v, schema);
            }
        }
    }

    #[test]
    fn negative_values_mirror_positive_ones(v in 1e-300f64..1e300) {
        let m = SchemaMetrics::for_test();
        m.at_3.observe(v);
        m.at_5.observe(-v);
        let positive = m.native_histogram("schemas_at_3", &[]).unwrap().buckets[0];
        let negative = m.native_histogram("schemas_at_5", &[]).unwrap().buckets[0];
        prop_assert!(negative.0 <= -v && -v < negative.1);
        prop_assert!(positive.0 < v && v <= positive.1);
    }
}

#[test]
fn the_reference_decides_boundaries_exactly() {
    assert_eq!(reference_index(1.0, 3), Some(0));
    assert_eq!(reference_index(2.0, 3), Some(8));
    assert_eq!(reference_index(4.0, -1), Some(1));
    assert_eq!(
        reference_index(8.0, -1),
        Some(2),
        "8 = 2^3 is in (4, 16], bucket 2"
    );
    assert_eq!(reference_index(f64::from_bits(1), 0), Some(-1074));
    assert_eq!(reference_index(3.0, 0), Some(2));
}
