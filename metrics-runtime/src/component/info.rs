//! What the runtime knows of a component without knowing its type.
//!
//! Everything done to a component that does not need its layout
//! (registration and its refusals, restoring, removal, the foreign-series
//! checks, collecting, encoding, the catalog) works on a
//! [`ComponentInfo`] and the instance as `dyn Any`, so it is compiled once
//! for all components. Per component type there remain only the two shims
//! here (build an instance, hand out its fields), the derive's own
//! `__build` and `__fields`, and the inline `global()`: each declared
//! component costs the compiler little more than its own code.

use std::any::{Any, TypeId};
use std::sync::Arc;

use prometheus::core::Collector;

use crate::component::assemble::{self, mistyped_entry, Fields};
use crate::component::metrics::Metrics;
use crate::encoding::family_writer::FamilyWriter;
use crate::field::descriptor::MetricDescriptor;

/// A component type, as the runtime handles it: its names and
/// descriptors, and how to build an instance and reach its fields. One per
/// component, in a `static` made at compile time
/// ([`Metrics::__INFO`](crate::Metrics)).
#[doc(hidden)]
pub struct ComponentInfo {
    component: &'static str,
    type_id: fn() -> TypeId,
    type_name: fn() -> &'static str,
    descriptors: fn() -> &'static [MetricDescriptor],
    new_instance: fn() -> Arc<dyn Any + Send + Sync>,
    fields: for<'a> fn(&'a (dyn Any + Send + Sync), &mut Fields<'a>),
}

impl ComponentInfo {
    /// The info of `T`.
    pub const fn of<T: Metrics>() -> Self {
        ComponentInfo {
            component: T::COMPONENT,
            type_id: TypeId::of::<T>,
            type_name: std::any::type_name::<T>,
            descriptors: T::descriptors,
            new_instance: new_instance::<T>,
            fields: fields_of::<T>,
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
        (self.descriptors)()
    }

    /// A fresh instance, every metric newly created and unregistered.
    pub(crate) fn new_instance(&self) -> Arc<dyn Any + Send + Sync> {
        (self.new_instance)()
    }

    /// Each field of `instance`, an instance of this component, in field
    /// order.
    pub(crate) fn fields<'a>(&self, instance: &'a (dyn Any + Send + Sync)) -> Vec<&'a dyn Any> {
        let mut fields = Fields::with_capacity(self.descriptors().len());
        (self.fields)(instance, &mut fields);
        fields.into_vec()
    }

    /// Calls `visit` with each field of `instance` and its descriptor, in
    /// field order.
    pub(crate) fn for_each_field<'a>(
        &self,
        instance: &'a (dyn Any + Send + Sync),
        visit: &mut dyn FnMut(&'a dyn Any, &'static MetricDescriptor),
    ) {
        for (field, descriptor) in self.fields(instance).into_iter().zip(self.descriptors()) {
            visit(field, descriptor);
        }
    }

    /// Each metric of `instance` as a collector of its own, in field order.
    pub(crate) fn collectors(&self, instance: &(dyn Any + Send + Sync)) -> Vec<Box<dyn Collector>> {
        let mut collectors = Vec::with_capacity(self.descriptors().len());
        self.for_each_field(instance, &mut |field, descriptor| {
            collectors.push((descriptor.kind().collector)(field));
        });
        collectors
    }

    /// The writer of each field's family of `instance`, in field order.
    pub(crate) fn family_writers(
        &self,
        instance: &(dyn Any + Send + Sync),
    ) -> Vec<Box<dyn FamilyWriter>> {
        let mut writers = Vec::with_capacity(self.descriptors().len());
        self.for_each_field(instance, &mut |field, descriptor| {
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

fn new_instance<T: Metrics>() -> Arc<dyn Any + Send + Sync> {
    Arc::new(assemble::build::<T>())
}

fn fields_of<'a, T: Metrics>(instance: &'a (dyn Any + Send + Sync), fields: &mut Fields<'a>) {
    let metrics: &T = instance.downcast_ref().unwrap_or_else(|| mistyped_entry());
    metrics.__fields(fields);
}

/// `instance`, registered as `T`, as `T` again.
pub(crate) fn downcast_arc<T: Metrics>(instance: Arc<dyn Any + Send + Sync>) -> Arc<T> {
    instance
        .downcast::<T>()
        .unwrap_or_else(|_| mistyped_entry())
}
