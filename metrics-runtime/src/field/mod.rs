//! What a component's field is: the metric types a field may have
//! (`MetricField`), their kinds (type and label form), the descriptor the
//! derive emits for each field, what a field written as a `prometheus`
//! type is taken for (`spelled`), and the helpers of the derive's
//! compile-time checks.
//!
//! May use: `encoding`.

pub(crate) mod const_checks;
pub(crate) mod descriptor;
pub(crate) mod kind;
pub(crate) mod metric_field;
pub(crate) mod spelled;
