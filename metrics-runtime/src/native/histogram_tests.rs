//! The tests of `histogram`: halving, Prometheus' rules, the coarsest
//! schema, and observers racing a halving.

use super::*;

fn histogram(schema: i32, max_buckets: u32) -> NativeHistogram {
    NativeHistogram::with_opts(
        NativeHistogramOpts::new("h", "H.")
            .schema(schema)
            .max_buckets(max_buckets),
    )
    .expect("valid")
}

#[test]
fn halves_the_resolution_past_max_buckets() {
    let h = histogram(3, 10);
    for n in 0..40 {
        h.observe(1.1f64.powi(n));
    }
    let snapshot = h.snapshot();
    assert!(snapshot.schema < 3, "schema {}", snapshot.schema);
    assert!(snapshot.positive.len() <= 10, "{:?}", snapshot.positive);
    assert_eq!(snapshot.count, 40);
    let in_buckets: u64 = snapshot.positive.iter().map(|(_, c)| c).sum();
    assert_eq!(in_buckets, 40);
}

#[test]
fn follows_prometheus_rules_for_special_values() {
    let h = histogram(0, 160);
    for value in [
        0.0,
        -0.0,
        1e-300,
        -2.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ] {
        h.observe(value);
    }
    let s = h.snapshot();
    // The default threshold, 2^-128, takes 0, -0 and 1e-300.
    assert_eq!(s.zero_count, 3);
    assert_eq!(s.count, 7);
    assert!(s.sum.is_nan());
    let top = schema::bucket_index(f64::MAX, 0) + 1;
    assert_eq!(s.positive, [(top, 1)]);
    assert_eq!(s.negative, [(1, 1), (top, 1)]);
}

#[test]
fn coarsest_schema_keeps_every_bucket() {
    let h = histogram(-3, 1);
    let mut value = f64::MIN_POSITIVE;
    for _ in 0..200 {
        h.observe(value);
        value *= 1e3;
        if value.is_infinite() {
            break;
        }
    }
    let s = h.snapshot();
    assert_eq!(s.schema, MIN_SCHEMA);
    // Below 2^-128, the default zero threshold, values are in the zero bucket.
    let in_buckets = s.positive.iter().map(|(_, c)| c).sum::<u64>();
    assert_eq!((s.count, s.zero_count + in_buckets), (200, 200));
    assert!(s.zero_count > 0 && in_buckets > 100);
}

#[test]
fn concurrent_observers_while_halving_lose_nothing() {
    let h = histogram(8, 20);
    std::thread::scope(|s| {
        for t in 0..4 {
            let h = &h;
            s.spawn(move || {
                for n in 0..5_000 {
                    h.observe(f64::from(n * 4 + t + 1) * 1e-3);
                }
            });
        }
    });
    let s = h.snapshot();
    assert_eq!(s.count, 20_000);
    let in_buckets: u64 = s.positive.iter().map(|(_, c)| c).sum();
    assert_eq!(in_buckets, 20_000);
    assert!(s.positive.len() <= 20 + 4, "{}", s.positive.len());
}
