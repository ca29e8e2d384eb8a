import JSONKit

/// Jupyter's comms (the messaging spec's "custom messages"): a channel between an object in
/// the kernel and one in the frontend, opened by either side for a named target. The kernel's
/// messages go out on IOPub; the frontend's arrive on shell as comm_open, comm_msg and
/// comm_close. This layer knows nothing of what travels on a comm (widgets are one user).
public final class Comm: @unchecked Sendable {
    public let id: String
    public let targetName: String
    unowned let manager: CommManager
    /// The frontend's messages on this comm: data and binary buffers, and the request they
    /// came in (its header is the parent of what the handler sends back).
    public var onMessage: ((_ data: JSON, _ buffers: [[UInt8]]) -> Void)?
    /// Called once when either side closes the comm.
    public var onClose: (() -> Void)?
    public private(set) var isOpen = true

    init(id: String, targetName: String, manager: CommManager) {
        self.id = id
        self.targetName = targetName
        self.manager = manager
    }

    /// A comm_msg to the frontends (every frontend connected to the kernel receives it).
    public func send(_ data: JSON, buffers: [[UInt8]] = [], metadata: JSON = [:]) {
        guard isOpen else { return }
        manager.publish("comm_msg", ["comm_id": .string(id), "data": data], metadata: metadata, buffers: buffers)
    }

    /// Closes the comm from the kernel's side.
    public func close(_ data: JSON = [:]) {
        guard isOpen else { return }
        manager.publish("comm_close", ["comm_id": .string(id), "data": data], metadata: [:], buffers: [])
        manager.forget(self)
    }

    /// Closed without its handler (the kernel is shutting down).
    func markClosed() { isOpen = false }

    func ended() {
        guard isOpen else { return }
        isOpen = false
        onClose?()
    }
}

/// The comms of one kernel: the targets the frontend may open comms to, the open comms, and the
/// parent header the kernel's comm messages carry (the request being handled: an execute
/// request while a cell runs, a comm_msg while its handler runs, which is how a frontend
/// recognises the echo of its own update).
public final class CommManager: @unchecked Sendable {
    /// A target's handler: set up `comm` for a frontend's comm_open (its data and buffers);
    /// false refuses it (the comm is closed at once).
    public typealias Opener = (_ comm: Comm, _ data: JSON, _ buffers: [[UInt8]]) -> Bool

    let session: KernelSession
    let iopub: IOPubSink
    private let lock = Condition()
    private var comms: [String: Comm] = [:]
    private var targets: [String: Opener] = [:]
    private var parentStack: [JSON] = []

    /// At most this many comms open at once: a frontend opening comms in a loop cannot grow the
    /// kernel without bound.
    public static let maxComms = 10_000

    init(session: KernelSession, iopub: IOPubSink) {
        self.session = session
        self.iopub = iopub
    }

    public func register(target: String, _ opener: @escaping Opener) {
        lock.withLock { targets[target] = opener }
    }

    /// Opens a comm from the kernel's side (a comm_open on IOPub).
    public func open(target: String, data: JSON, metadata: JSON = [:], buffers: [[UInt8]] = []) -> Comm {
        let comm = Comm(id: Identifiers.uuid4(), targetName: target, manager: self)
        lock.withLock { comms[comm.id] = comm }
        publish("comm_open", ["comm_id": .string(comm.id), "target_name": .string(target), "data": data], metadata: metadata, buffers: buffers)
        return comm
    }

    public func comm(_ id: String) -> Comm? { lock.withLock { comms[id] } }

    public var openComms: [Comm] { lock.withLock { Array(comms.values) } }

    /// Runs `body` with `parent` as the parent header of the comm messages it sends.
    public func withParent<T>(_ parent: JSON, _ body: () throws -> T) rethrows -> T {
        lock.withLock { parentStack.append(parent) }
        defer { lock.withLock { _ = parentStack.popLast() } }
        return try body()
    }

    func publish(_ type: String, _ content: JSON, metadata: JSON, buffers: [[UInt8]]) {
        let parent = lock.withLock { parentStack.last ?? [:] }
        var message = session.broadcast(type: type, content: content, parent: parent, metadata: metadata)
        message.buffers = buffers
        iopub.publish(message)
    }

    func forget(_ comm: Comm) {
        lock.withLock { _ = comms.removeValue(forKey: comm.id) }
        comm.ended()
    }

    // MARK: the frontend's messages

    /// comm_open, comm_msg or comm_close from the frontend. Unknown targets and comm ids, and
    /// malformed content, are logged and dropped (an unknown target's comm is closed at once,
    /// as the spec asks); a handler's own failure cannot reach the kernel.
    public func handle(_ request: Message) {
        let c = request.content
        guard let id = c["comm_id"]?.stringValue, !id.isEmpty, id.utf8.count <= 256 else {
            KernelLog.write("\(request.msgType) without a usable comm_id: ignored")
            return
        }
        withParent(request.header) {
            switch request.msgType {
            case "comm_open":
                let target = c["target_name"]?.stringValue ?? ""
                let (opener, known, full) = lock.withLock { (targets[target], comms[id] != nil, comms.count >= Self.maxComms) }
                guard let opener, !known, !full else {
                    if known { KernelLog.write("comm_open for comm \(id), which is already open: ignored"); return }
                    publish("comm_close", ["comm_id": .string(id), "data": [:]], metadata: [:], buffers: [])
                    return
                }
                let comm = Comm(id: id, targetName: target, manager: self)
                lock.withLock { comms[id] = comm }
                if !opener(comm, c["data"] ?? [:], request.buffers) { comm.close() }
            case "comm_msg":
                guard let comm = comm(id) else {
                    KernelLog.write("comm_msg for unknown comm \(id): ignored")
                    return
                }
                comm.onMessage?(c["data"] ?? [:], request.buffers)
            case "comm_close":
                guard let comm = comm(id) else { return }
                lock.withLock { _ = comms.removeValue(forKey: id) }
                comm.ended()
            default:
                break
            }
        }
    }

    /// The kernel is shutting down (or restarting): every open comm is closed for the frontends,
    /// whose widget models then go (the handlers are not run: a cell may still be running them,
    /// and the process ends).
    func closeAllForShutdown(parent: JSON) {
        // On the control thread, while a cell may run: the parent is given, not pushed on the
        // stack the cell's thread uses, and no handler runs.
        let closing = lock.withLock { () -> [Comm] in
            defer { comms.removeAll() }
            return comms.values.sorted { $0.id < $1.id }
        }
        for comm in closing {
            comm.markClosed()
            var message = session.broadcast(type: "comm_close", content: ["comm_id": .string(comm.id), "data": [:]], parent: parent)
            message.buffers = []
            iopub.publish(message)
        }
    }

    /// The comm_info_reply's `comms`: every open comm (of `target`, when given).
    public func info(target: String?) -> JSON {
        var out: [String: JSON] = [:]
        for comm in openComms where target == nil || target == comm.targetName {
            out[comm.id] = ["target_name": .string(comm.targetName)]
        }
        return .object(out)
    }
}
