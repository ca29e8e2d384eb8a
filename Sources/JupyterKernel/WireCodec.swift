import CLibCrypto
import JSONKit

public enum WireError: Error, CustomStringConvertible, Equatable {
    case missingDelimiter
    case tooFewFrames(Int)
    case badSignature
    /// A signature already seen: a replayed message (jupyter_client's Session refuses them too).
    case replayed
    case invalidJSON(frame: String, detail: String)
    case notAnObject(frame: String)
    case unknownSignatureScheme(String)

    public var description: String {
        switch self {
        case .missingDelimiter: return "no <IDS|MSG> delimiter"
        case .tooFewFrames(let n): return "only \(n) frames after the delimiter (need signature and four dicts)"
        case .badSignature: return "signature missing or wrong"
        case .replayed: return "a signature seen before: a replayed message"
        case .invalidJSON(let f, let d): return "\(f) is not valid JSON (\(d))"
        case .notAnObject(let f): return "\(f) is not a JSON object"
        case .unknownSignatureScheme(let s):
            return "unknown signature scheme \"\(s)\" (supported: \(MessageSigner.supportedDigests.map { "hmac-" + $0 }.joined(separator: ", ")))"
        }
    }
}

/// HMAC signing of the four dict frames with the connection key (security.rst).
/// An empty key disables signing: the signature frame is then empty.
public struct MessageSigner: Sendable {
    public let key: [UInt8]
    public let scheme: String
    private let digestName: String
    static let supportedDigests = ["sha256", "sha384", "sha512", "sha224", "sha1", "md5"]

    public init(key: [UInt8], scheme: String = "hmac-sha256") throws {
        guard scheme.hasPrefix("hmac-") else { throw WireError.unknownSignatureScheme(scheme) }
        let name = String(scheme.dropFirst(5))
        guard Self.supportedDigests.contains(name),
            EVP_get_digestbyname(name) != nil
        else { throw WireError.unknownSignatureScheme(scheme) }
        self.key = key
        self.scheme = scheme
        self.digestName = name
    }

    public var isEnabled: Bool { !key.isEmpty }

    /// Lowercase hex HMAC over the concatenation of the given frames.
    public func signature(_ frames: [[UInt8]]) -> [UInt8] {
        guard isEnabled else { return [] }
        var data: [UInt8] = []
        data.reserveCapacity(frames.reduce(0) { $0 + $1.count })
        for f in frames { data.append(contentsOf: f) }
        return Array(Hex.encode(MessageSigner.hmac(digestName: digestName, key: key, data: data)).utf8)
    }

    public static func hmac(digestName: String, key: [UInt8], data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var outLen: UInt32 = 0
        let md = EVP_get_digestbyname(digestName)
        key.withUnsafeBytes { k in
            data.withUnsafeBufferPointer { d in
                _ = HMAC(md, k.baseAddress, Int32(key.count), d.baseAddress, d.count, &out, &outLen)
            }
        }
        return Array(out[0..<Int(outLen)])
    }

    /// Constant-time comparison: the time taken does not depend on where the inputs differ.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}

/// The signatures of the messages received, so that none is accepted twice. Bounded: past
/// `capacity` the oldest tenth is forgotten, as jupyter_client's Session culls its digest history.
public final class SeenSignatures: @unchecked Sendable {
    public let capacity: Int
    private var seen: Set<[UInt8]> = []
    private var order: [[UInt8]] = []
    private var first = 0
    private let lock = Condition()

    public init(capacity: Int = 65_536) { self.capacity = max(10, capacity) }

    /// Records `signature`; false when it was seen before.
    public func insert(_ signature: [UInt8]) -> Bool {
        lock.withLock {
            guard !seen.contains(signature) else { return false }
            if seen.count >= capacity {
                let drop = capacity / 10
                for s in order[first..<(first + drop)] { seen.remove(s) }
                first += drop
                if first > capacity { order.removeFirst(first); first = 0 }
            }
            seen.insert(signature)
            order.append(signature)
            return true
        }
    }

    public var count: Int { lock.withLock { seen.count } }
}

/// Turns messages into multipart frames and back.
public struct WireCodec: Sendable {
    public static let delimiter: [UInt8] = Array("<IDS|MSG>".utf8)
    public let signer: MessageSigner
    /// When set (the kernel's sockets), a signed message whose signature was seen before is refused.
    public let seen: SeenSignatures?

    public init(signer: MessageSigner, refusingReplays seen: SeenSignatures? = nil) {
        self.signer = signer
        self.seen = seen
    }

    public func encode(_ m: Message) -> [[UInt8]] {
        let dicts = [m.header.serialized(), m.parentHeader.serialized(), m.metadata.serialized(), m.content.serialized()]
        var frames = m.identities
        frames.append(WireCodec.delimiter)
        frames.append(signer.signature(dicts))
        frames.append(contentsOf: dicts)
        frames.append(contentsOf: m.buffers)
        return frames
    }

    public func decode(_ frames: [[UInt8]]) throws -> Message {
        guard let d = frames.firstIndex(of: WireCodec.delimiter) else { throw WireError.missingDelimiter }
        let rest = frames.count - d - 1
        guard rest >= 5 else { throw WireError.tooFewFrames(rest) }
        let sig = frames[d + 1]
        let dicts = Array(frames[(d + 2)...(d + 5)])
        if signer.isEnabled {
            guard MessageSigner.constantTimeEqual(sig, signer.signature(dicts)) else { throw WireError.badSignature }
            if let seen, !seen.insert(sig) { throw WireError.replayed }
        }
        let names = ["header", "parent_header", "metadata", "content"]
        var values: [JSON] = []
        for (i, f) in dicts.enumerated() {
            let v: JSON
            do { v = try JSON.parse(f) } catch { throw WireError.invalidJSON(frame: names[i], detail: "\(error)") }
            guard case .object = v else { throw WireError.notAnObject(frame: names[i]) }
            values.append(v)
        }
        return Message(
            identities: Array(frames[..<d]), header: values[0], parentHeader: values[1], metadata: values[2],
            content: values[3], buffers: Array(frames[(d + 6)...]))
    }
}
