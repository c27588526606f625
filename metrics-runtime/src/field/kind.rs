//! The facts about a field's metric type that the runtime and the derive's
//! checks use: its Prometheus type, how it takes labels, and how to build,
//! share and register a value of it.

use std::any::Any;

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;

use crate::encoding::family_writer::FamilyWriter;
use crate::encoding::metric_type::MetricType;
use crate::field::descriptor::MetricDescriptor;
use crate::field::metric_field::MetricField;

/// How a metric type takes variable labels.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelForm {
    /// No variable labels: `Counter`, `IntCounter`, `Gauge`, `IntGauge`,
    /// `Histogram`.
    None,
    /// Label names as strings, values at run time: the `*Vec` types.
    Names,
    /// Label names with their value types: `Labeled<M, L>`.
    Typed,
}

/// What the runtime needs to know about a field type: its Prometheus type,
/// how it takes labels, and how to build, share and register a value of it
/// held behind `dyn Any`.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct FieldKind {
    pub(crate) metric_type: MetricType,
    pub(crate) labels: LabelForm,
    pub(crate) native: bool,
    pub(crate) build: fn(&MetricDescriptor, &mut dyn Any) -> prometheus::Result<()>,
    pub(crate) share: fn(&dyn Any, &mut dyn Any),
    pub(crate) handle: fn(&dyn Any) -> Box<dyn Any + Send + Sync>,
    pub(crate) collector: fn(&dyn Any) -> Box<dyn Collector>,
    pub(crate) describe: for<'a> fn(&'a dyn Any) -> Vec<&'a Desc>,
    pub(crate) collect: fn(&dyn Any) -> Vec<MetricFamily>,
    pub(crate) family_writer: fn(&dyn Any, &MetricDescriptor) -> Box<dyn FamilyWriter>,
}

impl FieldKind {
    /// The kind of `T`, behind `MetricField::__KIND`.
    pub(crate) const fn of<T: MetricField>() -> FieldKind {
        FieldKind {
            metric_type: T::TYPE,
            labels: T::__LABELS,
            native: T::__NATIVE,
            build: build_into::<T>,
            share: share_into::<T>,
            handle: handle_of::<T>,
            collector: collector_of::<T>,
            describe: describe::<T>,
            collect: collect::<T>,
            family_writer: family_writer_of::<T>,
        }
    }
}

fn build_into<T: MetricField>(
    descriptor: &MetricDescriptor,
    slot: &mut dyn Any,
) -> prometheus::Result<()> {
    *slot_of::<T>(slot) = Some(T::__build(descriptor)?);
    Ok(())
}

fn share_into<T: MetricField>(field: &dyn Any, slot: &mut dyn Any) {
    *slot_of::<T>(slot) = Some(field_of::<T>(field).__share());
}

fn handle_of<T: MetricField>(field: &dyn Any) -> Box<dyn Any + Send + Sync> {
    Box::new(field_of::<T>(field).__share())
}

fn collector_of<T: MetricField>(field: &dyn Any) -> Box<dyn Collector> {
    field_of::<T>(field).__collector()
}

fn describe<T: MetricField>(field: &dyn Any) -> Vec<&Desc> {
    field_of::<T>(field).desc()
}

fn collect<T: MetricField>(field: &dyn Any) -> Vec<MetricFamily> {
    field_of::<T>(field).collect()
}

fn family_writer_of<T: MetricField>(
    field: &dyn Any,
    descriptor: &MetricDescriptor,
) -> Box<dyn FamilyWriter> {
    field_of::<T>(field).family_writer(descriptor)
}

// The kind and the value come from one descriptor and one field of one
// component, both in field order: a mismatch is a bug of the derive.
fn slot_of<T: 'static>(slot: &mut dyn Any) -> &mut Option<T> {
    slot.downcast_mut()
        .unwrap_or_else(|| unreachable!("prometheus-component bug: a field built as another type"))
}

fn field_of<T: 'static>(field: &dyn Any) -> &T {
    field
        .downcast_ref()
        .unwrap_or_else(|| unreachable!("prometheus-component bug: a field read as another type"))
}
