//! A component instance as the runtime keeps it.

use std::any::Any;
use std::sync::Arc;

/// One field's handle, sharing the field's series: what the runtime reads,
/// registers and encodes, through its descriptor's
/// [`FieldKind`](crate::field::kind::FieldKind).
pub(crate) type FieldHandle = Box<dyn Any + Send + Sync>;

/// An instance of a component, and a handle to each of its fields.
///
/// The instance is what `register` and `for_test()` hand out, as `T`. The
/// handles, taken while the instance was built, share its series, so
/// everything done field by field (registering, collecting, encoding,
/// sharing with the global instance) works without knowing `T`, and the
/// derive need not generate a function that lists a component's fields.
#[derive(Clone)]
pub(crate) struct Instance {
    /// The component, as `dyn Any`.
    pub(crate) metrics: Arc<dyn Any + Send + Sync>,
    /// A handle to each field, in field order.
    pub(crate) fields: Arc<[FieldHandle]>,
}
