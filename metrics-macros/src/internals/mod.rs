//! The front end of the component macros, as serde_derive's `internals`:
//! the model of a declaration (`ast`, which imports nothing of this crate),
//! reading attributes into it (`attr`, with `values`, `buckets`, `native`
//! and `lint_allow` for the values of keys), and the checks (`check` for
//! names, labels and buckets; `field_types` for what depends on a field's
//! type; `names` for the naming rules). `errors` gathers every error of a
//! declaration; `spelling` recognises the `prometheus` type a field's type
//! is written as; `suggest` proposes the key a typo meant.
//!
//! Code generation (`expand`, `const_checks`, `unique`, `fallback`) sits
//! beside this folder and reads the checked model; nothing here imports it.

pub(crate) mod ast;
pub(crate) mod attr;
pub(crate) mod buckets;
pub(crate) mod check;
pub(crate) mod errors;
pub(crate) mod field_types;
pub(crate) mod lint_allow;
pub(crate) mod names;
pub(crate) mod native;
pub(crate) mod spelling;
pub(crate) mod suggest;
pub(crate) mod values;
