//! Stripes: each thread counts in its own copy of a histogram's hot
//! counters, so that threads observing one histogram at once do not pass
//! the same cache lines back and forth; a scrape adds the stripes up.
//!
//! Threads take stripes in turn as they first observe, so two threads
//! that start together never share one while there are more stripes than
//! threads.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The most stripes a histogram has, whatever the machine: each costs a
/// copy of the bucket counts.
pub(crate) const MAX_STRIPES: usize = 8;

/// How many stripes each histogram has: the machine's parallelism as a
/// power of two, at most [`MAX_STRIPES`].
pub(crate) fn stripe_count() -> usize {
    static COUNT: OnceLock<usize> = OnceLock::new();
    *COUNT.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, usize::from)
            .next_power_of_two()
            .min(MAX_STRIPES)
    })
}

/// The current thread's number: threads take them in turn as they first
/// ask.
#[inline]
fn current_stripe_number() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static STRIPE: usize = NEXT.fetch_add(1, Ordering::Relaxed);
    }
    // While the thread's locals are being torn down, any stripe will do.
    STRIPE.try_with(|stripe| *stripe).unwrap_or(0)
}

/// The stripe the current thread counts in: a number below
/// [`stripe_count`], taken in turn by threads as they first ask.
#[inline]
pub(crate) fn current_stripe_of(count: usize) -> usize {
    current_stripe_number() & (count - 1)
}

/// A stripe's share of a histogram's totals, alone on its cache line.
#[repr(align(64))]
pub(crate) struct StripeTotals {
    pub(crate) sum_bits: AtomicU64,
    pub(crate) zero_count: AtomicU64,
    pub(crate) nan_count: AtomicU64,
}

impl StripeTotals {
    /// One set of totals per stripe there can be, all at zero: inline, so
    /// that an observer reaches its stripe's without a pointer to follow.
    pub(crate) fn for_each_stripe() -> [StripeTotals; MAX_STRIPES] {
        std::array::from_fn(|_| StripeTotals {
            sum_bits: AtomicU64::new(0f64.to_bits()),
            zero_count: AtomicU64::new(0),
            nan_count: AtomicU64::new(0),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_is_a_power_of_two_within_bounds() {
        let count = stripe_count();
        assert!(count.is_power_of_two() && count <= MAX_STRIPES);
    }

    #[test]
    fn a_thread_keeps_its_stripe_and_the_next_thread_takes_another() {
        let here = current_stripe_number();
        assert_eq!(current_stripe_number(), here);
        let there = std::thread::spawn(current_stripe_number).join().unwrap();
        let again = std::thread::spawn(current_stripe_number).join().unwrap();
        assert_ne!(there, again);
        assert!(current_stripe_of(stripe_count()) < stripe_count());
    }
}
