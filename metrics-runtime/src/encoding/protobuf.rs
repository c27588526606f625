//! The protobuf wire format, as much of it as `io.prometheus.client`'s
//! `metrics.proto` uses: varints, zigzag integers, doubles, strings and
//! nested messages. Written by hand: the messages are few and fixed, and
//! a scrape writes them straight from our fields without building message
//! structs first.

/// Wire types.
const VARINT: u8 = 0;
const FIXED64: u8 = 1;
const LENGTH_DELIMITED: u8 = 2;

/// Appends `value` as a base-128 varint.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn put_key(out: &mut Vec<u8>, field: u32, wire_type: u8) {
    put_varint(out, (u64::from(field) << 3) | u64::from(wire_type));
}

/// An unsigned integer field (`uint32`, `uint64`, an enum).
pub(crate) fn uint(out: &mut Vec<u8>, field: u32, value: u64) {
    put_key(out, field, VARINT);
    put_varint(out, value);
}

/// A signed integer field of the plain kind (`int64`), in two's complement.
pub(crate) fn int(out: &mut Vec<u8>, field: u32, value: i64) {
    uint(out, field, value as u64);
}

/// A `sint32`/`sint64` field, zigzag-encoded.
pub(crate) fn sint(out: &mut Vec<u8>, field: u32, value: i64) {
    uint(out, field, zigzag(value));
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

/// A `double` field.
pub(crate) fn double(out: &mut Vec<u8>, field: u32, value: f64) {
    put_key(out, field, FIXED64);
    out.extend_from_slice(&value.to_le_bytes());
}

/// A `string` or `bytes` field.
pub(crate) fn bytes(out: &mut Vec<u8>, field: u32, value: &[u8]) {
    put_key(out, field, LENGTH_DELIMITED);
    put_varint(out, value.len() as u64);
    out.extend_from_slice(value);
}

/// A packed `repeated sint64` field.
pub(crate) fn packed_sint(out: &mut Vec<u8>, field: u32, values: impl IntoIterator<Item = i64>) {
    nested(out, field, |out| {
        for value in values {
            put_varint(out, zigzag(value));
        }
    });
}

/// A message field whose content `write` appends.
pub(crate) fn nested(out: &mut Vec<u8>, field: u32, write: impl FnOnce(&mut Vec<u8>)) {
    put_key(out, field, LENGTH_DELIMITED);
    length_prefixed(out, write);
}

/// What `write` appends, preceded by its length as a varint: a nested
/// message's body, or one message of a delimited stream.
pub(crate) fn length_prefixed(out: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>)) {
    // Most messages here are under 128 bytes: one byte is reserved for the
    // length and the body moved only when the length needs more.
    let start = out.len() + 1;
    out.push(0);
    write(out);
    let length = out.len() - start;
    if length < 0x80 {
        out[start - 1] = length as u8;
        return;
    }
    let mut prefix = Vec::with_capacity(10);
    put_varint(&mut prefix, length as u64);
    out.splice(start - 1..start, prefix);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_zigzag_match_the_protobuf_documentation() {
        let mut out = Vec::new();
        put_varint(&mut out, 150);
        assert_eq!(out, [0x96, 0x01]);
        assert_eq!(
            [0, -1, 1, -2, 2147483647, -2147483648].map(zigzag),
            [0, 1, 2, 3, 4294967294, 4294967295]
        );
        let mut out = Vec::new();
        uint(&mut out, 1, 150);
        assert_eq!(out, [0x08, 0x96, 0x01]);
    }

    #[test]
    fn a_long_nested_message_gets_a_multi_byte_length() {
        for length in [0usize, 1, 127, 128, 300, 20_000] {
            let mut out = vec![0xAA];
            nested(&mut out, 2, |out| {
                out.extend(std::iter::repeat_n(7u8, length))
            });
            let mut expected = vec![0xAA, 0x12];
            put_varint(&mut expected, length as u64);
            expected.extend(std::iter::repeat_n(7u8, length));
            assert_eq!(out, expected, "length {length}");
        }
    }
}
