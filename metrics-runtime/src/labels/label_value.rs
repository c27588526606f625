//! Label values known at compile time: enums whose variants are the values.

/// A label whose values are the variants of a unit-only enum, in a fixed
/// order. Derive it with `#[derive(LabelValue)]`: each variant's value is its
/// snake_case name unless `#[label(rename = "...")]` says otherwise.
///
/// ```
/// use prometheus_component::LabelValue;
///
/// #[derive(LabelValue)]
/// enum Method {
///     Get,
///     Post,
///     #[label(rename = "OTHER")]
///     Other,
/// }
///
/// assert_eq!(Method::VALUES, ["get", "post", "OTHER"]);
/// assert_eq!(Method::Post.index(), 1);
/// assert_eq!(Method::Other.as_str(), "OTHER");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a label value type",
    label = "derive `LabelValue` for a unit-only enum whose variants are the values",
    note = "typed labels take `#[derive(LabelValue)]` enums; for open-ended values use a `*Vec` metric with `labels = [\"...\"]`"
)]
pub trait LabelValue: Send + Sync + 'static {
    /// Every value, in variant order.
    const VALUES: &'static [&'static str];

    /// The position of `self` in [`VALUES`](Self::VALUES).
    fn index(&self) -> usize;

    /// The label value of `self`.
    fn as_str(&self) -> &'static str {
        Self::VALUES[self.index()]
    }
}

/// One [`LabelValue`] or a tuple of up to four: the labels of a
/// [`Labeled`](crate::Labeled) metric. Each combination has a dense position,
/// so a child is found by arithmetic, with no hashing.
///
/// ```
/// use prometheus_component::{LabelSet, LabelValue};
///
/// #[derive(LabelValue)]
/// enum Method { Get, Post }
/// #[derive(LabelValue)]
/// enum Class { Ok, ClientError, ServerError }
///
/// type Labels = (Method, Class);
/// assert_eq!(Labels::ARITY, 2);
/// assert_eq!(Labels::CARDINALITY, 6);
/// assert_eq!((Method::Post, Class::Ok).position(), 3);
/// assert_eq!(Labels::values(3), ["post", "ok"]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a set of typed labels",
    label = "use one `LabelValue` enum, or a tuple of up to four"
)]
pub trait LabelSet: Send + Sync + 'static {
    /// How many labels.
    const ARITY: usize;

    /// How many combinations of values.
    const CARDINALITY: usize;

    /// The combination's position, in `0..CARDINALITY`.
    fn position(&self) -> usize;

    /// The label values of the combination at `position`, in label order.
    ///
    /// # Panics
    ///
    /// If `position` is not below [`CARDINALITY`](Self::CARDINALITY).
    fn values(position: usize) -> Vec<&'static str>;
}

impl<A: LabelValue> LabelSet for A {
    const ARITY: usize = 1;
    const CARDINALITY: usize = A::VALUES.len();

    #[inline]
    fn position(&self) -> usize {
        self.index()
    }

    fn values(position: usize) -> Vec<&'static str> {
        vec![A::VALUES[position]]
    }
}

/// Implements `LabelSet` for a tuple as a mixed-radix number whose last
/// element varies fastest.
macro_rules! tuple_label_set {
    ($arity:literal: $($name:ident $var:ident),+) => {
        impl<$($name: LabelValue),+> LabelSet for ($($name,)+) {
            const ARITY: usize = $arity;
            const CARDINALITY: usize = 1 $(* $name::VALUES.len())+;

            #[inline]
            fn position(&self) -> usize {
                let ($($var,)+) = self;
                let mut position = 0;
                $(position = position * $name::VALUES.len() + $var.index();)+
                position
            }

            fn values(position: usize) -> Vec<&'static str> {
                assert!(position < Self::CARDINALITY, "label set position out of range");
                let tables: [&[&str]; $arity] = [$($name::VALUES),+];
                let mut rest = position;
                let mut values = vec![""; $arity];
                for (slot, table) in tables.iter().enumerate().rev() {
                    values[slot] = table[rest % table.len()];
                    rest /= table.len();
                }
                values
            }
        }
    };
}

tuple_label_set!(1: A a);
tuple_label_set!(2: A a, B b);
tuple_label_set!(3: A a, B b, C c);
tuple_label_set!(4: A a, B b, C c, D d);

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Method {
        Get,
        Post,
    }

    impl LabelValue for Method {
        const VALUES: &'static [&'static str] = &["get", "post"];
        fn index(&self) -> usize {
            *self as usize
        }
    }

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Class {
        Ok,
        Client,
        Server,
    }

    impl LabelValue for Class {
        const VALUES: &'static [&'static str] = &["2xx", "4xx", "5xx"];
        fn index(&self) -> usize {
            *self as usize
        }
    }

    #[test]
    fn every_combination_has_its_own_index_and_values() {
        let mut seen = Vec::new();
        for m in [Method::Get, Method::Post] {
            for c in [Class::Ok, Class::Client, Class::Server] {
                for n in [Method::Get, Method::Post] {
                    let position = (m, c, n).position();
                    assert_eq!(
                        <(Method, Class, Method)>::values(position),
                        [m.as_str(), c.as_str(), n.as_str()]
                    );
                    seen.push(position);
                }
            }
        }
        seen.sort_unstable();
        assert_eq!(
            seen,
            (0..<(Method, Class, Method)>::CARDINALITY).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_single_value_and_a_one_tuple_agree() {
        assert_eq!(Class::Server.index(), 2);
        assert_eq!((Class::Server,).position(), 2);
        assert_eq!(Class::Server.position(), 2);
        assert_eq!(<Class as LabelSet>::values(1), ["4xx"]);
        assert_eq!(<(Class,)>::ARITY, 1);
    }

    #[test]
    #[should_panic(expected = "position out of range")]
    fn values_refuse_an_index_out_of_range() {
        <(Method, Class)>::values(6);
    }
}
