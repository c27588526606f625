//! One exemplar, as recorded: its labels, its value and when, once
//! checked against OpenMetrics' rules.

use std::fmt;
use std::time::SystemTime;

use crate::timestamp::Timestamp;

/// OpenMetrics: the names and values of an exemplar's labels have at most
/// 128 UTF-8 characters together.
pub(crate) const MAX_LABEL_CHARS: usize = 128;

/// An exemplar: labels (a trace id, typically), the value it was recorded
/// with, and the time. Its labels live in one buffer, so that a cell can
/// refill the exemplar it holds in place: recording one allocates nothing
/// once the cell has held one of that size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Exemplar {
    /// Every label's name and value, one after the other.
    text: String,
    /// Where each name and each value ends in `text`.
    ends: Vec<(usize, usize)>,
    pub(crate) value: f64,
    /// The system clock's time when it was recorded; turned into seconds
    /// when it is written, not on the update's path.
    recorded_at: SystemTime,
}

/// Why an exemplar was refused (its update still counted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A label name that is not `[a-zA-Z_][a-zA-Z0-9_]*`.
    LabelName(String),
    /// The same label name twice.
    DuplicateLabel(String),
    /// More than [`MAX_LABEL_CHARS`] characters of names and values.
    TooLong(usize),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::LabelName(name) => write!(
                f,
                "`{name}` is not a valid label name (letters, digits and `_`, not starting with a digit)"
            ),
            Refusal::DuplicateLabel(name) => write!(f, "the label `{name}` is given twice"),
            Refusal::TooLong(chars) => write!(
                f,
                "its labels have {chars} characters, more than OpenMetrics' {MAX_LABEL_CHARS}"
            ),
        }
    }
}

/// Checks `labels` against OpenMetrics' rules for an exemplar's.
pub(crate) fn check(labels: &[(&str, &str)]) -> Result<(), Refusal> {
    let mut bytes = 0;
    for (position, (name, value)) in labels.iter().enumerate() {
        if !valid_label_name(name) {
            return Err(Refusal::LabelName((*name).to_owned()));
        }
        if labels[..position].iter().any(|(other, _)| other == name) {
            return Err(Refusal::DuplicateLabel((*name).to_owned()));
        }
        bytes += name.len() + value.len();
    }
    // A character is at least one byte: counting them is only needed
    // past 128 bytes.
    if bytes > MAX_LABEL_CHARS {
        let chars: usize = labels
            .iter()
            .map(|(name, value)| name.len() + value.chars().count())
            .sum();
        if chars > MAX_LABEL_CHARS {
            return Err(Refusal::TooLong(chars));
        }
    }
    Ok(())
}

impl Exemplar {
    /// An exemplar of `labels` (already [`check`]ed) and `value`, recorded
    /// at `time`.
    pub(crate) fn new(labels: &[(&str, &str)], value: f64, time: SystemTime) -> Exemplar {
        let mut exemplar = Exemplar {
            text: String::new(),
            ends: Vec::with_capacity(labels.len()),
            value,
            recorded_at: time,
        };
        exemplar.refill(labels, value, time);
        exemplar
    }

    /// Becomes an exemplar of `labels` and `value` at `time`, reusing its
    /// buffers.
    pub(crate) fn refill(&mut self, labels: &[(&str, &str)], value: f64, time: SystemTime) {
        self.text.clear();
        self.ends.clear();
        for (name, label_value) in labels {
            self.text.push_str(name);
            let name_end = self.text.len();
            self.text.push_str(label_value);
            self.ends.push((name_end, self.text.len()));
        }
        self.value = value;
        self.recorded_at = time;
    }

    /// The label pairs, borrowed.
    pub(crate) fn label_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        let mut start = 0;
        self.ends.iter().map(move |&(name_end, value_end)| {
            let pair = (&self.text[start..name_end], &self.text[name_end..value_end]);
            start = value_end;
            pair
        })
    }

    /// When it was recorded.
    pub(crate) fn timestamp(&self) -> Timestamp {
        Timestamp::at(self.recorded_at)
    }
}

fn valid_label_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'A'..=b'Z' | b'_'))
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openmetrics_rules_are_checked() {
        assert_eq!(check(&[("trace_id", "4bf92f3577b34da6")]), Ok(()));
        assert_eq!(
            check(&[("trace-id", "x")]),
            Err(Refusal::LabelName("trace-id".to_owned()))
        );
        assert_eq!(
            check(&[("0x", "x")]),
            Err(Refusal::LabelName("0x".to_owned()))
        );
        assert_eq!(
            check(&[("a", "1"), ("a", "2")]),
            Err(Refusal::DuplicateLabel("a".to_owned()))
        );
        // 128 characters in all is the most: "id" and 126 more, two bytes each.
        assert_eq!(check(&[("id", &"é".repeat(126))]), Ok(()));
        assert_eq!(
            check(&[("id", &"é".repeat(127))]),
            Err(Refusal::TooLong(129))
        );
        assert_eq!(
            check(&[("id", &"e".repeat(127))]),
            Err(Refusal::TooLong(129))
        );
        // No labels is allowed.
        assert_eq!(check(&[]), Ok(()));
    }

    #[test]
    fn refilling_keeps_the_pairs_apart() {
        let now = SystemTime::now();
        let mut exemplar = Exemplar::new(&[("trace_id", "abc"), ("span_id", "d")], 1.0, now);
        assert_eq!(
            exemplar.label_pairs().collect::<Vec<_>>(),
            [("trace_id", "abc"), ("span_id", "d")]
        );
        exemplar.refill(&[("id", "")], 2.0, now);
        assert_eq!(exemplar.label_pairs().collect::<Vec<_>>(), [("id", "")]);
        assert_eq!(exemplar.value, 2.0);
        assert_eq!(exemplar.timestamp(), Timestamp::at(now));
    }
}
