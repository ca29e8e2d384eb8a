/// Protocol Buffers' wire format, writing side only: what an ONNX file is made of
/// (https://protobuf.dev/programming-guides/encoding/). A message is a run of fields, each a
/// key (field number << 3 | wire type) then its value: a varint (wire type 0), or a length and
/// that many bytes (wire type 2: strings, bytes, nested messages and packed repeated numbers).
/// Nested messages are written into their own writer first, so their length is known.
public struct ProtobufWriter {
    public private(set) var bytes: [UInt8] = []
    public init() {}

    /// A varint: seven bits per byte, least significant group first, the high bit saying
    /// "more follows". Negative int64 values take ten bytes (two's complement), as protobuf says.
    public mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func key(_ field: Int, wireType: UInt64) { varint(UInt64(field) << 3 | wireType) }

    /// An int32, int64 or enum field.
    public mutating func int(_ field: Int, _ value: Int) {
        key(field, wireType: 0)
        varint(UInt64(bitPattern: Int64(value)))
    }

    /// A float field (wire type 5: four little-endian bytes).
    public mutating func float(_ field: Int, _ value: Float) {
        key(field, wireType: 5)
        append(littleEndian: value.bitPattern)
    }

    public mutating func bytes(_ field: Int, _ value: [UInt8]) {
        key(field, wireType: 2)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func string(_ field: Int, _ value: String) { bytes(field, Array(value.utf8)) }

    public mutating func message(_ field: Int, _ message: ProtobufWriter) { bytes(field, message.bytes) }

    public mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
        var m = ProtobufWriter()
        build(&m)
        message(field, m)
    }

    /// A packed repeated int64 field (one length, then the varints).
    public mutating func packedInts(_ field: Int, _ values: [Int]) {
        var m = ProtobufWriter()
        for v in values { m.varint(UInt64(bitPattern: Int64(v))) }
        message(field, m)
    }

    /// A packed repeated float field.
    public mutating func packedFloats(_ field: Int, _ values: [Float]) {
        key(field, wireType: 2)
        varint(UInt64(values.count * 4))
        for v in values { append(littleEndian: v.bitPattern) }
    }

    /// Floats as little-endian bytes, for a `bytes` field (ONNX's raw_data).
    public mutating func rawFloats(_ field: Int, _ values: [Float]) {
        key(field, wireType: 2)
        varint(UInt64(values.count * 4))
        bytes.reserveCapacity(bytes.count + values.count * 4)
        for v in values { append(littleEndian: v.bitPattern) }
    }

    mutating func append(littleEndian v: UInt32) {
        bytes.append(UInt8(v & 0xFF))
        bytes.append(UInt8(v >> 8 & 0xFF))
        bytes.append(UInt8(v >> 16 & 0xFF))
        bytes.append(UInt8(v >> 24))
    }
}
