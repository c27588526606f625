//! The pieces of an exposition line that both encoders write: escaped
//! text, label sets, numbers and sample lines, without allocating.

use std::fmt::Write;

use crate::encoding::format::Format;
use crate::exemplar::recorded::Exemplar;
use crate::timestamp::Timestamp;

/// A sample's value, as its metric holds it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SampleValue {
    /// An `IntCounter`'s value, or a histogram's count.
    Unsigned(u64),
    /// An `IntGauge`'s value.
    Signed(i64),
    /// A `Counter`'s or `Gauge`'s value, or a histogram's sum.
    Float(f64),
}

/// Integers up to this magnitude are exact in an `f64`, whose `Display`
/// then writes the integer's digits.
const EXACT_IN_F64: u64 = 1 << 53;

impl SampleValue {
    /// Appends the value as the format writes it. Text 0.0.4 writes what
    /// the `prometheus` crate's encoder does: the value as an `f64`, with
    /// `f64`'s `Display` (`inf`, `NaN`). OpenMetrics spells the special
    /// values `+Inf`, `-Inf` and `NaN`.
    pub(crate) fn write(self, format: Format, out: &mut String) {
        match self {
            SampleValue::Unsigned(value) if value <= EXACT_IN_F64 => write_integer(value, out),
            SampleValue::Signed(value) if value.unsigned_abs() <= EXACT_IN_F64 => {
                write_signed(value, out)
            }
            SampleValue::Unsigned(value) => write_float(value as f64, format, out),
            SampleValue::Signed(value) => write_float(value as f64, format, out),
            SampleValue::Float(value) => write_float(value, format, out),
        }
    }
}

fn write_float(value: f64, format: Format, out: &mut String) {
    // Integral values, what most counters and gauges hold, are written as
    // the integers they are: the same digits as `Display`, without its
    // shortest-representation search. (`-0.0` displays as `-0`.)
    let integral = value.fract() == 0.0 && value.abs() <= EXACT_IN_F64 as f64;
    if integral && !(value == 0.0 && value.is_sign_negative()) {
        write_signed(value as i64, out);
        return;
    }
    if format == Format::OpenMetrics && !value.is_finite() {
        out.push_str(match value {
            v if v.is_nan() => "NaN",
            v if v > 0.0 => "+Inf",
            _ => "-Inf",
        });
        return;
    }
    // Writing into a `String` cannot fail.
    let _ = write!(out, "{value}");
}

fn write_signed(value: i64, out: &mut String) {
    if value < 0 {
        out.push('-');
    }
    write_integer(value.unsigned_abs(), out);
}

fn write_integer(mut value: u64, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    // ASCII digits, always valid UTF-8.
    out.push_str(std::str::from_utf8(&digits[start..]).unwrap_or_default());
}

/// Appends `text` with `\` and line feeds escaped, and `"` too when
/// `quote` says so.
pub(crate) fn escape_into(text: &str, quote: bool, out: &mut String) {
    let special = |b: &u8| *b == b'\\' || *b == b'\n' || (quote && *b == b'"');
    if !text.as_bytes().iter().any(special) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '"' if quote => out.push_str("\\\""),
            c => out.push(c),
        }
    }
}

/// Appends `name="value"` pairs separated by commas, without braces,
/// values escaped as both formats escape them.
pub(crate) fn write_label_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    out: &mut String,
) {
    for (position, (name, value)) in pairs.into_iter().enumerate() {
        if position > 0 {
            out.push(',');
        }
        out.push_str(name);
        out.push_str("=\"");
        escape_into(value, true, out);
        out.push('"');
    }
}

/// One sample line: `name{labels,extra} value[ timestamp]`, where `labels`
/// is what [`write_label_pairs`] wrote and `timestamp` 0 means none.
pub struct SampleLine<'a> {
    pub(crate) name: &'a str,
    pub(crate) suffix: &'a str,
    pub(crate) labels: &'a str,
    pub(crate) timestamp_ms: i64,
}

impl SampleLine<'_> {
    pub(crate) fn write(
        &self,
        extra: Option<(&str, &str)>,
        value: SampleValue,
        format: Format,
        out: &mut String,
    ) {
        self.write_with_exemplar(extra, value, None, format, out);
    }

    /// [`write`](Self::write), with `exemplar` after the value in
    /// OpenMetrics (`# {labels} value timestamp`); text 0.0.4 has no
    /// syntax for it.
    pub(crate) fn write_with_exemplar(
        &self,
        extra: Option<(&str, &str)>,
        value: SampleValue,
        exemplar: Option<&Exemplar>,
        format: Format,
        out: &mut String,
    ) {
        out.push_str(self.name);
        out.push_str(self.suffix);
        match (self.labels.is_empty(), extra) {
            (true, None) => {}
            (labels_empty, extra) => {
                out.push('{');
                out.push_str(self.labels);
                if let Some((name, value)) = extra {
                    if !labels_empty {
                        out.push(',');
                    }
                    out.push_str(name);
                    out.push_str("=\"");
                    out.push_str(value);
                    out.push('"');
                }
                out.push('}');
            }
        }
        out.push(' ');
        value.write(format, out);
        if self.timestamp_ms != 0 {
            let _ = write!(out, " {}", self.timestamp_ms);
        }
        if let (Some(exemplar), Format::OpenMetrics) = (exemplar, format) {
            out.push_str(" # {");
            write_label_pairs(exemplar.label_pairs(), out);
            out.push_str("} ");
            SampleValue::Float(exemplar.value).write(format, out);
            out.push(' ');
            write_seconds(exemplar.timestamp(), out);
        }
        out.push('\n');
    }
}

/// A time as OpenMetrics writes it: seconds, with the fraction to the
/// microsecond (an `f64` of seconds since the epoch holds no finer).
fn write_seconds(time: Timestamp, out: &mut String) {
    let micros = time.nanos / 1_000;
    let _ = write!(out, "{}.{:06}", time.seconds, micros);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: SampleValue, format: Format) -> String {
        let mut out = String::new();
        value.write(format, &mut out);
        out
    }

    #[test]
    fn integers_are_written_as_their_f64_displays() {
        for value in [
            0,
            1,
            9,
            10,
            1234567890,
            EXACT_IN_F64,
            EXACT_IN_F64 + 1,
            u64::MAX,
        ] {
            assert_eq!(
                text(SampleValue::Unsigned(value), Format::Text),
                (value as f64).to_string(),
                "{value}"
            );
        }
        for value in [0, -1, 42, -(1 << 53), -(1 << 53) - 1, i64::MIN, i64::MAX] {
            assert_eq!(
                text(SampleValue::Signed(value), Format::Text),
                (value as f64).to_string(),
                "{value}"
            );
        }
    }

    #[test]
    fn floats_are_written_as_their_displays() {
        for value in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            2.5e-7,
            1e15,
            (1u64 << 53) as f64,
            -((1u64 << 53) as f64),
            1e300,
            -123456.75,
            f64::MAX,
            f64::MIN_POSITIVE,
        ] {
            assert_eq!(
                text(SampleValue::Float(value), Format::Text),
                value.to_string(),
                "{value}"
            );
        }
    }

    #[test]
    fn open_metrics_spells_special_values_its_own_way() {
        assert_eq!(text(SampleValue::Float(f64::INFINITY), Format::Text), "inf");
        let om = |v| text(SampleValue::Float(v), Format::OpenMetrics);
        assert_eq!(om(f64::INFINITY), "+Inf");
        assert_eq!(om(f64::NEG_INFINITY), "-Inf");
        assert_eq!(om(f64::NAN), "NaN");
        assert_eq!(om(0.25), "0.25");
    }

    #[test]
    fn a_sample_line_joins_labels_and_the_extra_label() {
        let mut labels = String::new();
        write_label_pairs([("a", "x\"y"), ("b", "\\")], &mut labels);
        assert_eq!(labels, "a=\"x\\\"y\",b=\"\\\\\"");
        let mut out = String::new();
        let line = SampleLine {
            name: "h",
            suffix: "_bucket",
            labels: &labels,
            timestamp_ms: 0,
        };
        line.write(
            Some(("le", "0.5")),
            SampleValue::Unsigned(3),
            Format::Text,
            &mut out,
        );
        let bare = SampleLine {
            name: "g",
            suffix: "",
            labels: "",
            timestamp_ms: 7,
        };
        bare.write(None, SampleValue::Signed(-2), Format::Text, &mut out);
        assert_eq!(
            out,
            "h_bucket{a=\"x\\\"y\",b=\"\\\\\",le=\"0.5\"} 3\ng -2 7\n"
        );
    }
}
