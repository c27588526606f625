//! Maps keyed by metric names or component types, hashed with FNV-1a.
//!
//! The keys are names a component declares, compiled into the binary, and
//! the `TypeId`s of component types; lookups come from the same process:
//! nobody outside can choose them, so the standard library's DoS-resistant
//! SipHash buys nothing here, while it costs a measurable share of
//! `for_test()` and of the idempotent `register`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A map from metric names.
pub(crate) type NameMap<V> = HashMap<&'static str, V, BuildHasherDefault<Fnv1a>>;

/// A map from component types.
pub(crate) type TypeMap<V> = HashMap<std::any::TypeId, V, BuildHasherDefault<Fnv1a>>;

/// A set of metric names.
pub(crate) type NameSet = HashSet<&'static str, BuildHasherDefault<Fnv1a>>;

/// The 64-bit FNV-1a hash.
pub(crate) struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_as_fnv_1a_does() {
        // The published test vectors of 64-bit FNV-1a.
        let hash = |bytes: &[u8]| {
            let mut hasher = Fnv1a::default();
            hasher.write(bytes);
            hasher.finish()
        };
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn maps_names() {
        let mut map = NameMap::default();
        map.insert("shop_orders_total", 1);
        map.insert("shop_orders", 2);
        assert_eq!(map.get("shop_orders_total"), Some(&1));
        assert_eq!(map.get("shop_orders"), Some(&2));
        assert_eq!(map.get("shop"), None);
    }
}
