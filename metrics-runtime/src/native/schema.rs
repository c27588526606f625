//! Prometheus' exponential bucket schemas: which bucket an observation
//! falls in, where a bucket's bounds are, and where a bucket goes when the
//! resolution is halved.
//!
//! At schema `s` the bucket of index `i` is `(2^((i-1)/2^s), 2^(i/2^s)]`:
//! its upper bound is inclusive, 1 is the upper bound of bucket 0, and
//! each power of two is split into `2^s` buckets (or, for `s < 0`, one
//! bucket spans `2^-s` powers of two).

use std::sync::OnceLock;

/// The finest schema Prometheus accepts.
pub const MAX_SCHEMA: i32 = 8;
/// The coarsest schema Prometheus accepts.
pub const MIN_SCHEMA: i32 = -4;

/// The bucket index of a positive `magnitude` (infinity included) at
/// `schema`, as client_golang computes it: from the binary exponent, and
/// for `schema > 0` from where the fraction falls among the bounds of one
/// power of two.
#[inline]
pub(crate) fn bucket_index(magnitude: f64, schema: i32) -> i32 {
    // +Inf goes one bucket past the largest finite value's.
    let (magnitude, past_max) = if magnitude.is_infinite() {
        (f64::MAX, 1)
    } else {
        (magnitude, 0)
    };
    let (fraction, exponent) = frexp(magnitude);
    let index = if schema > 0 {
        let bounds = fraction_bounds(schema);
        let within = count_below(bounds, fraction) as i32;
        within + (exponent - 1) * bounds.len() as i32
    } else {
        // An exact power of two is the upper bound of its bucket.
        let key = if fraction == 0.5 {
            exponent - 1
        } else {
            exponent
        };
        let shift = -schema;
        (key + (1 << shift) - 1) >> shift
    };
    index + past_max
}

/// How many of `bounds` (sorted, a power of two long) are below `value`:
/// a binary search whose steps select rather than branch, since an
/// observation's place among the bounds is unpredictable.
#[inline]
fn count_below(bounds: &[f64], value: f64) -> usize {
    let mut base = 0;
    let mut size = bounds.len();
    while size > 1 {
        let half = size / 2;
        let middle = base + half;
        base = if bounds[middle] < value { middle } else { base };
        size -= half;
    }
    base + usize::from(bounds[base] < value)
}

/// The upper bound of bucket `index` at `schema`: `2^(index / 2^schema)`.
pub(crate) fn upper_bound(index: i32, schema: i32) -> f64 {
    if schema > 0 {
        let per_power = 1i32 << schema;
        let power = index.div_euclid(per_power);
        let within = index.rem_euclid(per_power);
        // `fraction_bounds` holds 2^(j/2^s) / 2, for j in 0..2^s.
        let fraction = fraction_bounds(schema)[within as usize] * 2.0;
        fraction * exp2i(power)
    } else {
        exp2i(index.saturating_mul(1 << -schema))
    }
}

/// The lower bound of bucket `index` at `schema` (exclusive).
pub(crate) fn lower_bound(index: i32, schema: i32) -> f64 {
    upper_bound(index - 1, schema)
}

/// The index at `schema - by` of the bucket that holds bucket `index` of
/// `schema`: `ceil(index / 2^by)`.
pub(crate) fn coarser_index(index: i32, by: u32) -> i32 {
    if by == 0 {
        return index;
    }
    ((i64::from(index) + (1i64 << by) - 1) >> by) as i32
}

/// `(fraction, exponent)` with `value = fraction * 2^exponent` and
/// `fraction` in `[0.5, 1)`, for a positive finite `value`, subnormals
/// included (C's `frexp`).
#[inline]
pub(crate) fn frexp(value: f64) -> (f64, i32) {
    const MANTISSA_BITS: u32 = 52;
    let bits = value.to_bits();
    let biased = ((bits >> MANTISSA_BITS) & 0x7ff) as i32;
    if biased == 0 {
        if value == 0.0 {
            return (0.0, 0);
        }
        // Subnormal: scale into the normal range first.
        let (fraction, exponent) = frexp(value * exp2i(64));
        return (fraction, exponent - 64);
    }
    let fraction_bits = (bits & !(0x7ffu64 << MANTISSA_BITS)) | (1022u64 << MANTISSA_BITS);
    (f64::from_bits(fraction_bits), biased - 1022)
}

/// `2^exponent`, exactly, for any exponent a bucket bound can have:
/// subnormal, normal, or infinite past `f64::MAX`.
pub(crate) fn exp2i(exponent: i32) -> f64 {
    match exponent {
        e if e > 1023 => f64::INFINITY,
        e if e >= -1022 => f64::from_bits(((e + 1023) as u64) << 52),
        e if e >= -1074 => f64::from_bits(1u64 << (e + 1074)),
        _ => 0.0,
    }
}

/// For `schema > 0`: `2^(j / 2^schema) / 2` for `j` in `0..2^schema`, the
/// bounds a fraction in `[0.5, 1)` is placed among.
#[inline]
fn fraction_bounds(schema: i32) -> &'static [f64] {
    static BOUNDS: [OnceLock<Box<[f64]>>; MAX_SCHEMA as usize] =
        [const { OnceLock::new() }; MAX_SCHEMA as usize];
    BOUNDS[(schema - 1) as usize].get_or_init(|| {
        let per_power = 1u32 << schema;
        (0..per_power)
            .map(|j| (f64::from(j) / f64::from(per_power)).exp2() / 2.0)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_the_upper_bound_of_bucket_zero_at_every_schema() {
        for schema in MIN_SCHEMA..=MAX_SCHEMA {
            assert_eq!(bucket_index(1.0, schema), 0, "schema {schema}");
            assert_eq!(upper_bound(0, schema), 1.0);
        }
    }

    #[test]
    fn powers_of_two_close_their_buckets() {
        for schema in MIN_SCHEMA..=MAX_SCHEMA {
            for exponent in [-1074, -1022, -3, 1, 2, 7, 1023] {
                let value = exp2i(exponent);
                let index = bucket_index(value, schema);
                assert!(
                    value <= upper_bound(index, schema),
                    "2^{exponent} at {schema}"
                );
                assert!(
                    value > lower_bound(index, schema),
                    "2^{exponent} at {schema}"
                );
            }
        }
    }

    #[test]
    fn count_below_is_a_partition_point() {
        let bounds = fraction_bounds(3);
        for value in [0.4, 0.5, 0.51, 0.7, bounds[5], 0.99, 1.0] {
            let expected = bounds.partition_point(|&b| b < value);
            assert_eq!(count_below(bounds, value), expected, "{value}");
        }
    }

    #[test]
    fn frexp_splits_normals_and_subnormals() {
        assert_eq!(frexp(1.0), (0.5, 1));
        assert_eq!(frexp(3.0), (0.75, 2));
        assert_eq!(frexp(f64::MIN_POSITIVE), (0.5, -1021));
        assert_eq!(frexp(exp2i(-1074)), (0.5, -1073));
    }

    #[test]
    fn coarsening_keeps_a_bucket_inside_its_parent() {
        for index in -40..40 {
            for by in 1..4 {
                let parent = coarser_index(index, by);
                assert!(upper_bound(index, 3) <= upper_bound(parent, 3 - by as i32));
                assert!(lower_bound(index, 3) >= lower_bound(parent, 3 - by as i32));
            }
        }
    }

    #[test]
    fn infinity_goes_past_the_largest_value() {
        for schema in MIN_SCHEMA..=MAX_SCHEMA {
            assert_eq!(
                bucket_index(f64::INFINITY, schema),
                bucket_index(f64::MAX, schema) + 1
            );
        }
    }
}
