import JSONKit

/// Receives IOPub broadcasts. Must be safe to call from the shell and control threads at once.
public protocol IOPubSink: AnyObject, Sendable {
    func publish(_ message: Message)
}

/// What the transport must do after a control (or shell) request.
public enum KernelAction: Equatable, Sendable {
    case none
    /// Reply was sent; flush IOPub and exit the process with status 0.
    case shutdown(restart: Bool)
}

public struct KernelIdentity: Sendable {
    public var implementation: String
    public var implementationVersion: String
    public init(implementation: String = "cnn-kernel", implementationVersion: String = "0.1.0") {
        self.implementation = implementation
        self.implementationVersion = implementationVersion
    }
}

/// The message handling of a kernel, independent of sockets: requests in, replies and
/// IOPub broadcasts out. `handleShell` runs on one thread (the shell thread, which is
/// also where cells execute); `handleControl` and `interrupt` on others.
public final class KernelCore: @unchecked Sendable {
    public let session: KernelSession
    let interpreter: Interpreter
    let identity: KernelIdentity
    public let history: HistoryStore
    let iopub: IOPubSink

    public private(set) var executionCount = 0
    /// After a failed or interrupted cell with stop_on_error, queued execute requests are aborted.
    public private(set) var isAborting = false
    private let tokenLock = Condition()
    private var currentToken: CancellationToken?
    /// The comms of this kernel (widgets open theirs here).
    public let comms: CommManager
    /// Set by the transport: the comm messages waiting on the shell channel, taken without
    /// blocking (the transport keeps any other request for after the running cell). A running
    /// cell calls it through `ExecutionContext.pollIncoming` between steps, so controls act
    /// while it runs; the shell socket stays with the thread that runs cells.
    public var shellPump: (() -> [Message])?
    /// Set by the transport: sends an input_request on the stdin channel and waits for the
    /// input_reply to it, asking `shouldStop` (the cell's interrupt) as it waits; nil when
    /// interrupted. A cell may ask only when its execute request allows stdin.
    public var stdinExchange: ((_ request: Message, _ shouldStop: () -> Bool) -> Message?)?
    /// The longest answer kept (a pasted book is cut here).
    public static let maximumInputCharacters = 10_000

    public init(
        interpreter: Interpreter, history: HistoryStore, iopub: IOPubSink,
        session: KernelSession = KernelSession(), identity: KernelIdentity = KernelIdentity()
    ) {
        self.interpreter = interpreter
        self.history = history
        self.iopub = iopub
        self.session = session
        self.identity = identity
        comms = CommManager(session: session, iopub: iopub)
    }

    // MARK: IOPub helpers

    public func publishStatus(_ state: String, parent: JSON = [:]) {
        iopub.publish(session.broadcast(type: "status", content: ["execution_state": .string(state)], parent: parent))
    }

    /// Runs `body` between busy and idle for `request`; `body` sends the reply.
    private func busy(_ request: Message, _ body: () -> Void) {
        publishStatus("busy", parent: request.header)
        body()
        publishStatus("idle", parent: request.header)
    }

    // MARK: Interrupt

    /// Stops the running cell at its next safe point. Does nothing when no cell runs.
    public func interrupt() {
        tokenLock.withLock { currentToken?.cancel() }
    }

    /// Ends the abort window opened by a failed cell (the transport calls this once the
    /// requests that were already queued have been answered).
    public func stopAborting() { isAborting = false }

    // MARK: Shell

    @discardableResult
    public func handleShell(_ request: Message, reply send: (Message) -> Void) -> KernelAction {
        var action = KernelAction.none
        let type = request.msgType
        busy(request) {
            switch type {
            case "execute_request": executeRequest(request, send)
            case "kernel_info_request": send(session.reply(to: request, type: "kernel_info_reply", content: kernelInfo()))
            case "complete_request": send(completeReply(request))
            case "inspect_request": send(inspectReply(request))
            case "is_complete_request": send(isCompleteReply(request))
            case "history_request": send(historyReply(request))
            case "comm_info_request":
                let target = request.content["target_name"]?.stringValue
                send(session.reply(to: request, type: "comm_info_reply", content: ["status": "ok", "comms": comms.info(target: target)]))
            case "comm_open", "comm_msg", "comm_close":
                comms.handle(request)
            case "shutdown_request":  // deprecated on shell since 5.4, still honoured
                action = shutdown(request, send)
            default: send(unknownReply(request))
            }
        }
        return action
    }

    // MARK: Control

    public func handleControl(_ request: Message, reply send: (Message) -> Void) -> KernelAction {
        var action = KernelAction.none
        busy(request) {
            switch request.msgType {
            case "kernel_info_request": send(session.reply(to: request, type: "kernel_info_reply", content: kernelInfo()))
            case "interrupt_request":
                interrupt()
                send(session.reply(to: request, type: "interrupt_reply", content: ["status": "ok"]))
            case "shutdown_request": action = shutdown(request, send)
            default: send(unknownReply(request))
            }
        }
        return action
    }

    private func shutdown(_ request: Message, _ send: (Message) -> Void) -> KernelAction {
        let restart = request.content["restart"]?.boolValue ?? false
        interrupt()
        comms.closeAllForShutdown(parent: request.header)
        send(session.reply(to: request, type: "shutdown_reply", content: ["status": "ok", "restart": .bool(restart)]))
        return .shutdown(restart: restart)
    }

    private func unknownReply(_ request: Message) -> Message {
        let t = request.msgType
        let replyType = t.hasSuffix("_request") ? String(t.dropLast(8)) + "_reply" : t + "_reply"
        return session.reply(
            to: request, type: replyType,
            content: [
                "status": "error", "ename": "UnsupportedRequest",
                "evalue": .string("this kernel does not handle \(t)"), "traceback": [],
            ])
    }

    // MARK: kernel_info

    public func kernelInfo() -> JSON {
        [
            "status": "ok",
            "protocol_version": .string(jupyterProtocolVersion),
            "implementation": .string(identity.implementation),
            "implementation_version": .string(identity.implementationVersion),
            "language_info": interpreter.languageInfo,
            "banner": .string(interpreter.banner),
            "help_links": .array(interpreter.helpLinks.map { ["text": .string($0.text), "url": .string($0.url)] }),
            "debugger": false,
            "supported_features": [],
        ]
    }

    // MARK: execute

    private func executeRequest(_ request: Message, _ send: (Message) -> Void) {
        let c = request.content
        let code = c["code"]?.stringValue ?? ""
        let silent = c["silent"]?.boolValue ?? false
        let storeHistory = silent ? false : (c["store_history"]?.boolValue ?? true)
        let stopOnError = c["stop_on_error"]?.boolValue ?? true

        if isAborting {
            send(
                session.reply(
                    to: request, type: "execute_reply",
                    content: [
                        "status": "error", "execution_count": .int(executionCount), "ename": "ExecutionAborted",
                        "evalue": "not run: an earlier cell failed or was interrupted", "traceback": [],
                    ]))
            return
        }

        if storeHistory { executionCount += 1 }
        let count = executionCount
        if storeHistory { history.record(line: count, input: code) }
        if !silent {
            iopub.publish(
                session.broadcast(
                    type: "execute_input", content: ["code": .string(code), "execution_count": .int(count)],
                    parent: request.header))
        }

        let token = CancellationToken()
        tokenLock.withLock { currentToken = token }
        let parent = request.header
        let context = ExecutionContext(token: token, executionCount: count, silent: silent) {
            [session, iopub] type, content, metadata in
            iopub.publish(session.broadcast(type: type, content: content, parent: parent, metadata: metadata))
        }
        context.comms = comms
        if let id = request.metadata["cellId"]?.stringValue, !id.isEmpty, id.utf8.count <= 256 { context.cellID = id }
        context.deletedCells = (request.metadata["deletedCells"]?.arrayValue ?? []).prefix(10_000).compactMap(\.stringValue)
        context.pollIncoming = { [weak self] in self?.pollComms() }
        context.isConsole = c["allow_stdin"]?.boolValue == true && context.cellID == nil
        if c["allow_stdin"]?.boolValue == true, let exchange = stdinExchange {
            context.requestInput = { [session] prompt, password in
                let question = Message(identities: request.identities, header: session.header(msgType: "input_request"), parentHeader: parent,
                                       content: ["prompt": .string(prompt), "password": .bool(password)])
                guard let answer = exchange(question, { token.isCancelled }) else { throw ExecutionInterrupted() }
                return String((answer.content["value"]?.stringValue ?? "").prefix(KernelCore.maximumInputCharacters))
            }
        }

        var failure: KernelError?
        do {
            try comms.withParent(parent) { try interpreter.execute(code, context: context) }
            if token.isCancelled { failure = KernelCore.interruptedError() }
        } catch let e as KernelError {
            failure = token.isCancelled ? KernelCore.interruptedError() : e
        } catch is ExecutionInterrupted {
            failure = KernelCore.interruptedError()
        } catch {
            failure = KernelError(ename: "InternalError", evalue: "\(error)")
        }
        tokenLock.withLock { currentToken = nil }

        var content: JSON = [
            "execution_count": .int(count),
            "payload": .array(context.payloads),
            "user_expressions": .object(userExpressions(c["user_expressions"])),
        ]
        if var failure {
            // The message line, as the rest of the output, fitted to a console's terminal.
            if let fit = context.fitPlainText, !failure.traceback.isEmpty { failure.traceback[0] = fit(failure.traceback[0]) }
            if !silent {
                iopub.publish(
                    session.broadcast(
                        type: "error",
                        content: [
                            "ename": .string(failure.ename), "evalue": .string(failure.evalue),
                            "traceback": .array(failure.traceback.map { .string($0) }),
                        ], parent: parent))
            }
            content["status"] = "error"
            content["ename"] = .string(failure.ename)
            content["evalue"] = .string(failure.evalue)
            content["traceback"] = .array(failure.traceback.map { .string($0) })
            if stopOnError { isAborting = true }
        } else {
            content["status"] = "ok"
        }
        send(session.reply(to: request, type: "execute_reply", content: content))
        if storeHistory, let out = context.resultText { history.recordOutput(line: count, output: out) }
    }

    /// Handles the comm messages that arrived while a cell runs (no busy/idle around them: the
    /// kernel is busy with the cell).
    func pollComms() {
        guard let pump = shellPump else { return }
        for message in pump() { comms.handle(message) }
    }

    static func interruptedError() -> KernelError {
        KernelError(
            ename: "KeyboardInterrupt", evalue: "execution interrupted; the kernel and its state are intact",
            traceback: ["\u{1B}[0;31mKeyboardInterrupt\u{1B}[0m: execution interrupted; the kernel and its state are intact"])
    }

    private func userExpressions(_ expressions: JSON?) -> [String: JSON] {
        guard case .object(let exprs)? = expressions else { return [:] }
        var out: [String: JSON] = [:]
        for (name, expr) in exprs {
            guard let text = expr.stringValue else {
                out[name] = [
                    "status": "error", "ename": "TypeError", "evalue": "user expression is not a string",
                    "traceback": [],
                ]
                continue
            }
            do {
                let b = try interpreter.evaluate(expression: text)
                out[name] = ["status": "ok", "data": .object(b.data), "metadata": .object(b.metadata)]
            } catch let e as KernelError {
                out[name] = [
                    "status": "error", "ename": .string(e.ename), "evalue": .string(e.evalue),
                    "traceback": .array(e.traceback.map { .string($0) }),
                ]
            } catch {
                out[name] = ["status": "error", "ename": "InternalError", "evalue": .string("\(error)"), "traceback": []]
            }
        }
        return out
    }

    // MARK: complete, inspect, is_complete, history

    private func cursor(_ request: Message, code: String) -> Int {
        let n = code.unicodeScalars.count
        guard let p = request.content["cursor_pos"]?.intValue else { return n }
        return min(max(0, p), n)
    }

    private func completeReply(_ request: Message) -> Message {
        let code = request.content["code"]?.stringValue ?? ""
        let pos = cursor(request, code: code)
        let r = interpreter.complete(code, cursorPos: pos)
        let types: [JSON] = r.matches.map {
            [
                "start": .int(r.cursorStart), "end": .int(r.cursorEnd), "text": .string($0.text),
                "type": .string($0.type), "signature": .string($0.signature),
            ]
        }
        return session.reply(
            to: request, type: "complete_reply",
            content: [
                "status": "ok", "matches": .array(r.matches.map { .string($0.text) }),
                "cursor_start": .int(r.cursorStart), "cursor_end": .int(r.cursorEnd),
                "metadata": ["_jupyter_types_experimental": .array(types)],
            ])
    }

    private func inspectReply(_ request: Message) -> Message {
        let code = request.content["code"]?.stringValue ?? ""
        let pos = cursor(request, code: code)
        let level = request.content["detail_level"]?.intValue ?? 0
        let found = interpreter.inspect(code, cursorPos: pos, detailLevel: level)
        return session.reply(
            to: request, type: "inspect_reply",
            content: [
                "status": "ok", "found": .bool(found != nil), "data": .object(found?.data ?? [:]),
                "metadata": .object(found?.metadata ?? [:]),
            ])
    }

    private func isCompleteReply(_ request: Message) -> Message {
        let r = interpreter.isComplete(request.content["code"]?.stringValue ?? "")
        var content: JSON = ["status": .string(r.status.rawValue)]
        if r.status == .incomplete { content["indent"] = .string(r.indent) }
        return session.reply(to: request, type: "is_complete_reply", content: content)
    }

    private func historyReply(_ request: Message) -> Message {
        let c = request.content
        let output = c["output"]?.boolValue ?? false
        let entries: [HistoryStore.Entry]
        switch c["hist_access_type"]?.stringValue ?? "tail" {
        case "range":
            entries = history.range(
                session: c["session"]?.intValue ?? 0, start: c["start"]?.intValue ?? 1, stop: c["stop"]?.intValue)
        case "search":
            // A search over a long history can be interrupted, like a cell.
            let token = CancellationToken()
            tokenLock.withLock { currentToken = token }
            defer { tokenLock.withLock { currentToken = nil } }
            do {
                entries = try history.search(
                    pattern: c["pattern"]?.stringValue ?? "*", n: c["n"]?.intValue, unique: c["unique"]?.boolValue ?? false,
                    shouldStop: { token.isCancelled })
            } catch {
                return session.reply(to: request, type: "history_reply", content: [
                    "status": "error", "ename": "KeyboardInterrupt", "evalue": "history search interrupted", "traceback": [], "history": [],
                ])
            }
        default:
            entries = history.tail(c["n"]?.intValue ?? 10)
        }
        let items: [JSON] = entries.map { e in
            let value: JSON = output ? [.string(e.input), e.output.map { .string($0) } ?? .null] : .string(e.input)
            return [.int(e.session), .int(e.line), value]
        }
        return session.reply(to: request, type: "history_reply", content: ["status": "ok", "history": .array(items)])
    }
}
