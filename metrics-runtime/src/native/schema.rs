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
/// `schema`.
#[cfg(test)]
pub(crate) fn bucket_index(magnitude: f64, schema: i32) -> i32 {
    Resolution::of(schema).bucket_index(magnitude)
}

/// What finding a bucket at one schema needs, looked up once per bucket
/// table rather than once per observation.
#[derive(Clone, Copy)]
pub(crate) struct Resolution {
    pub(crate) schema: i32,
    /// For `schema > 0`.
    fraction: Option<&'static FractionLayout>,
}

impl Resolution {
    pub(crate) fn of(schema: i32) -> Resolution {
        Resolution {
            schema,
            fraction: (schema > 0).then(|| FractionLayout::of(schema)),
        }
    }

    /// The bucket index of a positive `magnitude` (infinity included), as
    /// client_golang computes it: from the binary exponent, and for
    /// `schema > 0` from where the fraction falls among the bounds of one
    /// power of two.
    #[inline]
    pub(crate) fn bucket_index(self, magnitude: f64) -> i32 {
        // +Inf goes one bucket past the largest finite value's.
        let (magnitude, past_max) = if magnitude.is_infinite() {
            (f64::MAX, 1)
        } else {
            (magnitude, 0)
        };
        let (fraction, exponent) = frexp(magnitude);
        let index = match self.fraction {
            Some(layout) => {
                let within = layout.count_below(fraction) as i32;
                within + (exponent - 1) * (1 << self.schema)
            }
            None => {
                // An exact power of two is the upper bound of its bucket.
                let key = if fraction == 0.5 {
                    exponent - 1
                } else {
                    exponent
                };
                let shift = -self.schema;
                (key + (1 << shift) - 1) >> shift
            }
        };
        index + past_max
    }
}

/// The most cells `[0.5, 1)` is cut into (at schema 8).
const MAX_CELLS: usize = 1 << (MAX_SCHEMA + 1);

/// For `schema > 0`, where a fraction in `[0.5, 1)` falls among the
/// bounds of one power of two, `2^(j / 2^schema) / 2` for `j` in
/// `0..2^schema`, found without a search: the fraction's top `schema + 1`
/// mantissa bits pick a cell of `[0.5, 1)` narrower than the narrowest
/// bucket, so at most one bound lies in it, and one comparison with that
/// bound finishes the count. A search's steps would each be a branch the
/// processor cannot predict, since observations land anywhere; and the
/// cell holds its bound, so that the whole lookup is one load.
struct FractionLayout {
    cells: [Cell; MAX_CELLS],
    /// The bounds, for the bucket bounds of the exposition.
    bounds: Box<[f64]>,
    /// How far to shift a fraction's bits to keep its cell number.
    shift: u32,
}

/// One cell of `[0.5, 1)`.
#[derive(Clone, Copy)]
struct Cell {
    /// How many bounds are below the cell's start.
    below: u32,
    /// The first bound at or above the cell's start (1.0, which no
    /// fraction reaches, past the last).
    next_bound: f64,
}

impl FractionLayout {
    fn of(schema: i32) -> &'static FractionLayout {
        static LAYOUTS: [OnceLock<FractionLayout>; MAX_SCHEMA as usize] =
            [const { OnceLock::new() }; MAX_SCHEMA as usize];
        LAYOUTS[(schema - 1) as usize].get_or_init(|| FractionLayout::new(schema))
    }

    fn new(schema: i32) -> FractionLayout {
        let len = 1u32 << schema;
        let bounds: Box<[f64]> = (0..len)
            .map(|j| (f64::from(j) / f64::from(len)).exp2() / 2.0)
            .collect();
        // The narrowest bucket, the first, is 0.5 * (2^(1/2^s) - 1) wide,
        // more than 0.5 * ln 2 / 2^s; a cell is 0.5 / 2^(s+1).
        let cell_bits = schema as u32 + 1;
        let count = 1u32 << cell_bits;
        let mut cells = [Cell {
            below: 0,
            next_bound: 1.0,
        }; MAX_CELLS];
        for (number, cell) in cells[..count as usize].iter_mut().enumerate() {
            let start = 0.5 + number as f64 / f64::from(count * 2);
            let below = bounds.partition_point(|&bound| bound < start);
            *cell = Cell {
                below: below as u32,
                next_bound: bounds.get(below).copied().unwrap_or(1.0),
            };
        }
        FractionLayout {
            cells,
            bounds,
            shift: 52 - cell_bits,
        }
    }

    /// How many bounds are below `fraction`, which is in `[0.5, 1)`.
    #[inline]
    fn count_below(&self, fraction: f64) -> u32 {
        // The mantissa of a fraction in [0.5, 1) is (fraction - 0.5) * 2^53.
        let mantissa = fraction.to_bits() & ((1u64 << 52) - 1);
        let cell = self.cells[(mantissa >> self.shift) as usize & (MAX_CELLS - 1)];
        cell.below + u32::from(cell.next_bound < fraction)
    }
}

/// The upper bound of bucket `index` at `schema`: `2^(index / 2^schema)`.
pub(crate) fn upper_bound(index: i32, schema: i32) -> f64 {
    if schema > 0 {
        let per_power = 1i32 << schema;
        let power = index.div_euclid(per_power);
        let within = index.rem_euclid(per_power);
        // The layout's bounds are 2^(j/2^s) / 2, for j in 0..2^s.
        let fraction = FractionLayout::of(schema).bounds[within as usize] * 2.0;
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
    fn the_cell_lookup_counts_as_a_search_would() {
        for schema in 1..=MAX_SCHEMA {
            let layout = FractionLayout::of(schema);
            let bounds = &layout.bounds[..];
            let near_bounds = bounds
                .iter()
                .flat_map(|&b| [b.next_down(), b, b.next_up()])
                .filter(|f| (0.5..1.0).contains(f));
            let even = (0..10_000).map(|i| 0.5 + f64::from(i) / 20_000.0);
            for fraction in near_bounds.chain(even).chain([1f64.next_down()]) {
                let expected = bounds.partition_point(|&b| b < fraction);
                assert_eq!(
                    layout.count_below(fraction) as usize,
                    expected,
                    "{fraction} at {schema}"
                );
            }
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
