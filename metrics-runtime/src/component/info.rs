//! What the runtime knows of a component without knowing its type.
//!
//! Everything done to a component that does not need its layout
//! (registration and its refusals, restoring, removal, the foreign-series
//! checks, collecting, encoding, the catalog) works on a
//! [`ComponentInfo`] and an [`Instance`]'s field handles, so it is
//! compiled once for all components. Per component type there remain only
//! the shim here that builds an instance, the derive's own `__build`, and
//! the inline `global()`: each declared component costs the compiler
//! little more than its own code.

use std::any::{Any, TypeId};
use std::sync::Arc;

use prometheus::core::Collector;

use crate::component::assemble::{self, mistyped_entry};
use crate::component::instance::{FieldHandle, Instance};
use crate::component::metrics::Metrics;
use crate::encoding::family_writer::FamilyWriter;
use crate::field::descriptor::MetricDescriptor;

/// A component type, as the runtime handles it: its names and
/// descriptors, and how to build an instance. One per
/// component, in a `static` made at compile time
/// ([`Metrics::__INFO`](crate::Metrics)).
#[doc(hidden)]
pub struct ComponentInfo {
    component: &'static str,
    type_id: fn() -> TypeId,
    type_name: fn() -> &'static str,
    descriptors: &'static [MetricDescriptor],
    new_instance: fn() -> Instance,
}

impl ComponentInfo {
    /// The info of `T`.
    pub const fn of<T: Metrics>() -> Self {
        ComponentInfo {
            component: T::COMPONENT,
            type_id: TypeId::of::<T>,
            type_name: std::any::type_name::<T>,
            descriptors: T::__DESCRIPTORS,
            new_instance: assemble::build_instance::<T>,
        }
    }

    /// The component name.
    pub(crate) fn component(&self) -> &'static str {
        self.component
    }

    /// The `TypeId` of the component's type: a registry's key for it.
    pub(crate) fn type_id(&self) -> TypeId {
        (self.type_id)()
    }

    /// The Rust type that declares the component.
    pub(crate) fn type_name(&self) -> &'static str {
        (self.type_name)()
    }

    /// The declaration of each metric, in field order.
    pub(crate) fn descriptors(&self) -> &'static [MetricDescriptor] {
        self.descriptors
    }

    /// A fresh instance, every metric newly created and unregistered.
    pub(crate) fn new_instance(&self) -> Instance {
        (self.new_instance)()
    }

    /// Calls `visit` with each field of an instance, given by its
    /// `fields` handles, and its descriptor, in field order.
    pub(crate) fn for_each_field<'a>(
        &self,
        fields: &'a [FieldHandle],
        visit: &mut dyn FnMut(&'a dyn Any, &'static MetricDescriptor),
    ) {
        for (field, descriptor) in fields.iter().zip(self.descriptors()) {
            visit(&**field, descriptor);
        }
    }

    /// Each metric of an instance, given by its `fields` handles, as a
    /// collector of its own, in field order.
    pub(crate) fn collectors(&self, fields: &[FieldHandle]) -> Vec<Box<dyn Collector>> {
        let mut collectors = Vec::with_capacity(fields.len());
        self.for_each_field(fields, &mut |field, descriptor| {
            collectors.push((descriptor.kind().collector)(field));
        });
        collectors
    }

    /// The writer of each field's family of an instance, given by its
    /// `fields` handles, in field order.
    pub(crate) fn family_writers(&self, fields: &[FieldHandle]) -> Vec<Box<dyn FamilyWriter>> {
        let mut writers = Vec::with_capacity(fields.len());
        self.for_each_field(fields, &mut |field, descriptor| {
            writers.push((descriptor.kind().family_writer)(field, descriptor));
        });
        writers
    }
}

impl std::fmt::Debug for ComponentInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ComponentInfo")
            .field("component", &self.component)
            .field("type_name", &self.type_name())
            .finish_non_exhaustive()
    }
}

/// `instance`, registered as `T`, as `T` again.
pub(crate) fn downcast_arc<T: Metrics>(instance: Arc<dyn Any + Send + Sync>) -> Arc<T> {
    instance
        .downcast::<T>()
        .unwrap_or_else(|_| mistyped_entry())
}
