import CNNCore
import JSONKit
import SafeFiles
#if canImport(Glibc)
import Glibc
#endif

/// The safetensors format (readable by PyTorch, NumPy and others): an 8-byte little-endian
/// header length, a JSON header naming each tensor's dtype, shape and byte range, then the
/// raw little-endian data. Only F32 tensors are written; string metadata rides in "__metadata__".
public enum SafeTensors {
    public struct Entry: Equatable {
        public var name: String
        public var shape: [Int]
        public var values: [Float]
        public init(name: String, shape: [Int], values: [Float]) {
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    public static func encode(_ entries: [Entry], metadata: [String: String]) -> [UInt8] {
        var header: [String: JSON] = [:]
        var offset = 0
        for e in entries {
            let bytes = e.values.count * 4
            header[e.name] = ["dtype": "F32", "shape": .array(e.shape.map { .int($0) }), "data_offsets": [.int(offset), .int(offset + bytes)]]
            offset += bytes
        }
        if !metadata.isEmpty { header["__metadata__"] = .object(metadata.mapValues { .string($0) }) }
        var h = JSON.object(header).serialized()
        while (8 + h.count) % 8 != 0 { h.append(UInt8(ascii: " ")) }  // data starts 8-byte aligned
        var out = [UInt8]()
        out.reserveCapacity(8 + h.count + offset)
        var n = UInt64(h.count).littleEndian
        withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
        out += h
        for e in entries { e.values.withUnsafeBytes { out.append(contentsOf: $0) } }  // x86-64 and arm64 are little-endian
        return out
    }

    public static func decode(_ b: [UInt8], path: String) throws -> (entries: [Entry], metadata: [String: String]) {
        func fail(_ m: String) -> DataError { DataError("\(path): \(m)") }
        guard b.count >= 8 else { throw fail("cut short: \(b.count) bytes, not even a safetensors header length") }
        var n: UInt64 = 0
        for i in (0..<8).reversed() { n = n << 8 | UInt64(b[i]) }
        guard n <= UInt64(b.count - 8) else { throw fail("cut short: the header says \(n) bytes of JSON but the file has \(b.count - 8) after the length") }
        guard n <= 100_000_000 else { throw fail("the safetensors header is \(n) bytes; at most 100 MB is read") }
        let header: JSON
        do { header = try JSON.parse(Array(b[8..<(8 + Int(n))])) } catch { throw fail("the safetensors header is not valid JSON (\(error))") }
        guard case .object(let o) = header else { throw fail("the safetensors header is not a JSON object") }
        let dataStart = 8 + Int(n)
        var entries: [Entry] = []
        var metadata: [String: String] = [:]
        var bytesRead = 0
        for (name, v) in o {
            if name == "__metadata__" {
                for (k, s) in v.objectValue ?? [:] { metadata[k] = s.stringValue ?? "" }
                continue
            }
            guard v["dtype"]?.stringValue == "F32" else { throw fail("tensor \(name) has dtype \(v["dtype"]?.stringValue ?? "?"); only F32 is read") }
            // Every number is checked before it is used: a dimension or an offset from a hostile
            // file must not overflow, go negative, or point outside the file.
            guard let shapeItems = v["shape"]?.arrayValue, let offItems = v["data_offsets"]?.arrayValue, offItems.count == 2 else {
                throw fail("tensor \(name) has no valid shape and data_offsets")
            }
            let shape = shapeItems.compactMap(\.intValue), offs = offItems.compactMap(\.intValue)
            let available = b.count - dataStart
            guard shape.count == shapeItems.count, offs.count == 2, let count = ParameterLimits.count(shape) else {
                throw fail("tensor \(name): its shape must be whole numbers whose product is at most \(ParameterLimits.valuesPerTensor), not \(JSON.array(shapeItems).serializedString())")
            }
            guard offs[0] >= 0, offs[1] >= offs[0], offs[1] <= available else {
                throw fail("cut short or corrupt: tensor \(name) has byte range \(offs) but the data is \(available) bytes")
            }
            guard offs[1] - offs[0] == count * 4 else { throw fail("tensor \(name): byte range \(offs) does not fit shape \(shape)") }
            // Tensors may not overlap: together they fit in the data, so many entries naming the
            // same bytes cannot make the reader allocate the data many times over.
            bytesRead += count * 4
            guard bytesRead <= available else { throw fail("corrupt: the tensors' byte ranges overlap (they add up to more than the \(available) bytes of data)") }
            var values = [Float](repeating: 0, count: count)
            values.withUnsafeMutableBytes { dst in
                b.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[(dataStart + offs[0])..<(dataStart + offs[1])])) }
            }
            entries.append(Entry(name: name, shape: shape, values: values))
        }
        return (entries.sorted { $0.name < $1.name }, metadata)
    }
}

/// Writes a file through `AtomicFile` (SafeFiles): a crash leaves the old file or the new one,
/// never a torn one, and nothing planted in the directory can redirect the write.
public func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws {
    do { try AtomicFile.write(bytes, to: path) } catch let e as AtomicFile.Failure {
        throw DataError(Phrase(verbatim: e.description))
    }
}
