import JSONKit
import JupyterKernel
#if canImport(Glibc)
import Glibc
#endif

/// One Jupyter widget model in the kernel, kept in sync with its copies in the frontends
/// through a comm on the `jupyter.widget` target (widget messaging protocol 2.1, as
/// @jupyter-widgets/base 2 / controls 2 / output 1 and ipywidgets 8 speak it):
/// - opened with its whole state (`comm_open`, metadata version 2.1.0); binary values (an
///   image's bytes) travel as buffers, named by `buffer_paths`;
/// - the kernel's changes go out as `update`; the frontend's arrive as `update` and are
///   checked against what the control accepts (`Field`), clamped or ignored, applied, and
///   echoed to every frontend (`echo_update`, parent: the frontend's message);
/// - `request_state` is answered with the whole state; `custom` messages (a button's click)
///   go to `onCustom`.
public final class Widget: @unchecked Sendable {
    public static let protocolVersion = "2.1.0"

    public let comm: Comm
    public var id: String { comm.id }
    /// The JSON-valued state.
    public private(set) var state: [String: JSON]
    /// The binary-valued state (Image's `value`).
    public private(set) var binary: [String: [UInt8]]
    /// Binary values inside a key's JSON value (a FileUpload's files: `value[i].content`), by key:
    /// each with its path below the key.
    public private(set) var nested: [String: [(path: [JSON], bytes: [UInt8])]] = [:]
    /// What the frontend may change, and how each value is checked.
    let fields: [String: Field]
    /// Called after the frontend changed keys (with the keys), on the thread that handles
    /// comm messages (the running cell's, between its steps).
    public var onChange: ((_ keys: [String]) -> Void)?
    /// A `custom` message's content (a button's `{"event": "click"}`).
    public var onCustom: ((_ content: JSON) -> Void)?

    init(comms: CommManager, state: [String: JSON], binary: [String: [UInt8]] = [:], fields: [String: Field]) {
        self.state = state
        self.binary = binary
        self.fields = fields
        let (wire, paths, buffers) = Widget.split(state, binary, [:])
        comm = comms.open(target: "jupyter.widget", data: ["state": .object(wire), "buffer_paths": paths],
                          metadata: ["version": .string(Widget.protocolVersion)], buffers: buffers)
        comm.onMessage = { [weak self] data, buffers in self?.receive(data, buffers) }
    }

    /// `IPY_MODEL_<id>`: how another widget's state refers to this one.
    public var reference: JSON { .string("IPY_MODEL_" + id) }

    public subscript(key: String) -> JSON? { state[key] }

    /// Changes keys from the kernel's side and sends them (one `update`).
    public func set(_ changes: [String: JSON], binary newBinary: [String: [UInt8]] = [:]) {
        for (k, v) in changes { state[k] = v; nested[k] = nil }
        for (k, v) in newBinary { binary[k] = v }
        let (wire, paths, buffers) = Widget.split(changes, newBinary, [:])
        comm.send(["method": "update", "state": .object(wire), "buffer_paths": paths], buffers: buffers)
    }

    /// What an Output widget shows: these bundles, as display_data outputs.
    public func setOutputs(_ bundles: [MimeBundle]) {
        set(["outputs": .array(bundles.map { ["output_type": "display_data", "data": .object($0.data), "metadata": .object($0.metadata)] })])
    }

    /// The files a FileUpload holds (its `value`, with each file's bytes).
    public var uploadedFiles: [UploadedFile] {
        let contents = Dictionary((nested["value"] ?? []).compactMap { e in e.path.first?.intValue.map { ($0, e.bytes) } }, uniquingKeysWith: { a, _ in a })
        return (state["value"]?.arrayValue ?? []).enumerated().compactMap { i, f in
            guard let bytes = contents[i] else { return nil }
            return UploadedFile(name: f["name"]?.stringValue ?? "", type: f["type"]?.stringValue ?? "", content: bytes)
        }
    }

    /// Closes the comm and lets go of the handlers (which may hold the objects that drew this
    /// widget's pictures, and through them a model).
    public func close() {
        comm.close()
        dropHandlers()
    }

    func dropHandlers() {
        onChange = nil
        onCustom = nil
        comm.onMessage = nil
    }

    /// The display bundle: the widget view for frontends that render widgets, and what others
    /// show instead (text, and a picture when given).
    public func bundle(text: String, png: [UInt8]? = nil, html: String? = nil) -> MimeBundle {
        var data: [String: JSON] = [
            "application/vnd.jupyter.widget-view+json": ["model_id": .string(id), "version_major": 2, "version_minor": 0],
            "text/plain": .string(text),
        ]
        var metadata: [String: JSON] = [:]
        if let png {
            data["image/png"] = .string(Base64.encode(png))
            // Its size, from the PNG's header (IHDR: width and height at bytes 16 and 20).
            if png.count >= 24 {
                let be = { (o: Int) in Int(png[o]) << 24 | Int(png[o + 1]) << 16 | Int(png[o + 2]) << 8 | Int(png[o + 3]) }
                metadata["image/png"] = ["width": .int(be(16)), "height": .int(be(20))]
            }
        }
        if let html { data["text/html"] = .string(html) }
        return MimeBundle(data: data, metadata: metadata)
    }

    // MARK: the frontend's messages

    func receive(_ data: JSON, _ buffers: [[UInt8]]) {
        switch data["method"]?.stringValue {
        case "update":
            guard let changes = data["state"]?.objectValue else { return log("an update without a state object") }
            // Binary values: each buffer is the value its path names: a key, or a place inside a
            // key's value (a file's content in a FileUpload's list).
            var incomingBinary: [String: [UInt8]] = [:]
            var incomingNested: [String: [(path: [JSON], bytes: [UInt8])]] = [:]
            for (i, path) in (data["buffer_paths"]?.arrayValue ?? []).prefix(1024).enumerated() {
                guard i < buffers.count, let parts = path.arrayValue, let key = parts.first?.stringValue, parts.count <= 8 else {
                    log("a binary value at \(path.serializedString().prefix(200))")
                    continue
                }
                if parts.count == 1 { incomingBinary[key] = buffers[i] } else { incomingNested[key, default: []].append((Array(parts.dropFirst()), buffers[i])) }
            }
            apply(changes, binary: incomingBinary, nested: incomingNested)
        case "request_state":
            let (wire, paths, buffers) = Widget.split(state, binary, nested)
            comm.send(["method": "update", "state": .object(wire), "buffer_paths": paths], buffers: buffers)
        case "custom":
            onCustom?(data["content"] ?? .null)
        default:
            log("a message with method \(data["method"]?.stringValue ?? "none")")
        }
    }

    /// Checks, applies and echoes a frontend's changes; a clamped value is sent back as an update.
    func apply(_ changes: [String: JSON], binary incomingBinary: [String: [UInt8]] = [:], nested incomingNested: [String: [(path: [JSON], bytes: [UInt8])]] = [:]) {
        var applied: [String: JSON] = [:], corrected: [String: JSON] = [:]
        var appliedBinary: [String: [UInt8]] = [:], appliedNested: [String: [(path: [JSON], bytes: [UInt8])]] = [:]
        for key in incomingNested.keys where changes[key] == nil { log("binary values inside `\(key)` without its value") }
        for (key, bytes) in incomingBinary {
            guard case .bytes(let limit)? = fields[key], bytes.count <= limit else { log("\(bytes.count) bytes for `\(key)`"); continue }
            binary[key] = bytes
            appliedBinary[key] = bytes
        }
        for (key, value) in changes {
            guard let field = fields[key] else { log("a change of `\(key)`, which the frontend may not change"); continue }
            if case .files(let maxCount, let maxBytes) = field {
                guard let files = Field.checkFiles(value, incomingNested[key] ?? [], maxCount: maxCount, maxBytes: maxBytes) else {
                    log("`\(key)` that is not a list of at most \(maxCount) files of at most \(maxBytes) bytes each, each with its content")
                    continue
                }
                state[key] = value
                nested[key] = files
                applied[key] = value
                appliedNested[key] = files
                continue
            }
            guard let checked = field.check(value, in: state) else { log("`\(key)` = \(value.serializedString()), not \(field)"); continue }
            state[key] = checked
            applied[key] = checked
            if checked != value { corrected[key] = checked }
        }
        guard !applied.isEmpty || !appliedBinary.isEmpty else { return }
        let (_, paths, buffers) = Widget.split(applied, appliedBinary, appliedNested)
        comm.send(["method": "echo_update", "state": .object(applied), "buffer_paths": paths], buffers: buffers)
        if !corrected.isEmpty { comm.send(["method": "update", "state": .object(corrected), "buffer_paths": []]) }
        onChange?((Array(applied.keys) + Array(appliedBinary.keys)).sorted())
    }

    func log(_ what: String) {
        KernelLog.write("widget \(state["_model_name"]?.stringValue ?? "?") \(id): ignored \(what)")
    }

    /// State for the wire: JSON values, and binary ones as buffers with their paths (those inside
    /// a key's value go with that key, when it is sent).
    static func split(_ state: [String: JSON], _ binary: [String: [UInt8]], _ nested: [String: [(path: [JSON], bytes: [UInt8])]]) -> ([String: JSON], JSON, [[UInt8]]) {
        let keys = binary.keys.sorted()
        var paths: [JSON] = keys.map { [.string($0)] }
        var buffers = keys.map { binary[$0]! }
        for key in nested.keys.sorted() where state[key] != nil {
            for e in nested[key]! {
                paths.append(.array([.string(key)] + e.path))
                buffers.append(e.bytes)
            }
        }
        return (state.filter { binary[$0.key] == nil }, .array(paths), buffers)
    }
}

/// What the frontend may set a state key to.
public enum Field: CustomStringConvertible, Sendable {
    /// A whole number, clamped to the state's `min`…`max` when it has them.
    case integer
    /// A finite number, clamped to `min`…`max` when the state has them.
    case number
    /// A positive number, clamped to 10^`min`…10^`max` (a logarithmic slider).
    case logNumber
    case bool
    /// Text of at most this many characters.
    case text(maxLength: Int)
    /// An index into the state's `_options_labels`, or null.
    case optionIndex
    /// Bytes (a binary value) of at most this many.
    case bytes(maxLength: Int)
    /// A FileUpload's list of files: at most `maxCount`, each an object with a name, a type, a
    /// size and a modification time, its `content` a buffer of at most `maxBytes`.
    case files(maxCount: Int, maxBytes: Int)

    public var description: String {
        switch self {
        case .integer: return "a whole number"
        case .number: return "a finite number"
        case .logNumber: return "a positive number"
        case .bool: return "true or false"
        case .text(let n): return "text of at most \(n) characters"
        case .optionIndex: return "an option's index"
        case .bytes(let n): return "at most \(n) bytes"
        case .files(let n, let b): return "at most \(n) files of at most \(b) bytes"
        }
    }

    /// The value to store, or nil to refuse it.
    func check(_ value: JSON, in state: [String: JSON]) -> JSON? {
        let lo = state["min"]?.doubleValue, hi = state["max"]?.doubleValue
        func clamp(_ d: Double) -> Double { min(hi ?? d, max(lo ?? d, d)) }
        switch self {
        case .integer:
            guard let d = value.doubleValue, d.isFinite else { return nil }
            let c = clamp(d.rounded())
            guard abs(c) < 9.0e15 else { return nil }
            return .int(Int(c))
        case .number:
            guard let d = value.doubleValue, d.isFinite else { return nil }
            return .number(clamp(d))
        case .logNumber:
            guard let d = value.doubleValue, d.isFinite, d > 0 else { return nil }
            return .number(min(pow(10, hi ?? 300), max(pow(10, lo ?? -300), d)))
        case .bool:
            return value.boolValue.map(JSON.bool)
        case .text(let n):
            guard let s = value.stringValue, s.unicodeScalars.count <= n else { return nil }
            return value
        case .optionIndex:
            if value.isNull { return .null }
            let count = state["_options_labels"]?.arrayValue?.count ?? 0
            guard let i = value.intValue, i >= 0, i < count else { return nil }
            return .int(i)
        case .bytes, .files:
            return nil  // binary values arrive as buffers, not in the JSON state
        }
    }

    /// The files' contents by their place in the list, or nil when the list is not what a
    /// FileUpload sends: every file an object with its metadata and exactly one content buffer.
    static func checkFiles(_ value: JSON, _ buffers: [(path: [JSON], bytes: [UInt8])], maxCount: Int, maxBytes: Int) -> [(path: [JSON], bytes: [UInt8])]? {
        guard let files = value.arrayValue, files.count <= maxCount, buffers.count == files.count else { return nil }
        var byIndex: [Int: [UInt8]] = [:]
        for b in buffers {
            guard b.path.count == 2, let i = b.path[0].intValue, i >= 0, i < files.count, b.path[1].stringValue == "content",
                  byIndex[i] == nil, b.bytes.count <= maxBytes else { return nil }
            byIndex[i] = b.bytes
        }
        for f in files {
            guard let name = f["name"]?.stringValue, name.utf8.count <= 1024, let type = f["type"]?.stringValue, type.utf8.count <= 256,
                  f["size"]?.doubleValue != nil else { return nil }
        }
        return (0..<files.count).map { (path: [.int($0), .string("content")], bytes: byIndex[$0]!) }
    }
}

/// One file a FileUpload holds.
public struct UploadedFile: Sendable {
    public let name: String
    public let type: String
    public let content: [UInt8]
}
