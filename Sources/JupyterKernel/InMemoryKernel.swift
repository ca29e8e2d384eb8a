import JSONKit

/// Collects IOPub broadcasts in memory.
public final class RecordingIOPub: IOPubSink, @unchecked Sendable {
    private let lock = Condition()
    private var messages: [Message] = []
    public init() {}
    public func publish(_ message: Message) { lock.withLock { messages.append(message) } }
    public var all: [Message] { lock.withLock { messages } }
    public func take() -> [Message] {
        lock.withLock {
            defer { messages.removeAll() }
            return messages
        }
    }
}

/// Drives a `KernelCore` without sockets: build a request, get the reply and the IOPub
/// messages it caused. Used by unit tests and by `cnn-kernel run`.
public final class InMemoryKernel {
    public let core: KernelCore
    public let iopub = RecordingIOPub()
    let client = KernelSession(username: "client")

    private let pendingLock = Condition()
    private var pending: [Message] = []

    /// The person at the frontend, for requests that allow stdin: answers each input_request's
    /// prompt (nil: no answer, as an interrupt while waiting). The prompts asked are in `prompts`.
    public var answer: ((_ prompt: String) -> String?)?
    public private(set) var prompts: [String] = []

    public init(interpreter: Interpreter, history: HistoryStore = HistoryStore(path: nil)) {
        core = KernelCore(interpreter: interpreter, history: history, iopub: iopub)
        core.stdinExchange = { [weak self] request, _ in
            guard let self, let prompt = request.content["prompt"]?.stringValue else { return nil }
            self.prompts.append(prompt)
            guard let value = self.answer?(prompt) else { return nil }
            return Message(identities: request.identities, header: self.client.header(msgType: "input_reply"), parentHeader: request.header,
                           content: ["value": .string(value)])
        }
        core.shellPump = { [weak self] in
            guard let self else { return [] }
            return self.pendingLock.withLock {
                defer { self.pending.removeAll() }
                return self.pending
            }
        }
    }

    /// A shell message the running cell receives at its next poll (as a frontend's comm_msg
    /// arrives while a cell runs); from another thread, or queued before the cell starts.
    public func sendWhileRunning(_ type: String, _ content: JSON, buffers: [[UInt8]] = []) {
        let msg = Message(identities: [Array("client".utf8)], header: client.header(msgType: type), content: content, buffers: buffers)
        pendingLock.withLock { pending.append(msg) }
    }

    public struct Exchange {
        public var reply: Message
        /// Every IOPub message with this request as parent, status included.
        public var iopub: [Message]
        /// IOPub messages other than status and execute_input.
        public var outputs: [Message] { iopub.filter { !["status", "execute_input"].contains($0.msgType) } }
        public var action: KernelAction
    }

    public func request(_ type: String, _ content: JSON, buffers: [[UInt8]] = [], metadata: JSON = [:], control: Bool = false) -> Exchange {
        let msg = Message(identities: [Array("client".utf8)], header: client.header(msgType: type), metadata: metadata, content: content, buffers: buffers)
        var reply: Message?
        let action =
            control
            ? core.handleControl(msg) { reply = $0 }
            : core.handleShell(msg) { reply = $0 }
        let mine = iopub.take().filter { $0.parentHeader["msg_id"] == msg.header["msg_id"] }
        return Exchange(
            reply: reply ?? Message(header: ["msg_type": "no_reply"]), iopub: mine, action: action)
    }

    /// Runs a cell; `cellID` (and `deletedCells`) as JupyterLab puts them in the request's metadata.
    public func execute(_ code: String, silent: Bool = false, storeHistory: Bool = true, stopOnError: Bool = true,
                        cellID: String? = nil, deletedCells: [String] = [], allowStdin: Bool = false) -> Exchange {
        var metadata: [String: JSON] = [:]
        if let cellID { metadata["cellId"] = .string(cellID) }
        if !deletedCells.isEmpty { metadata["deletedCells"] = .array(deletedCells.map { .string($0) }) }
        return request(
            "execute_request",
            [
                "code": .string(code), "silent": .bool(silent), "store_history": .bool(storeHistory),
                "user_expressions": [:], "allow_stdin": .bool(allowStdin), "stop_on_error": .bool(stopOnError),
            ], metadata: .object(metadata))
    }
}
