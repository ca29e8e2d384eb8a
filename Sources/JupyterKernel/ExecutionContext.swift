import JSONKit

public enum StreamName: String, Sendable { case stdout, stderr }

/// The output API a running cell uses. Everything is published on IOPub with the
/// execute request as parent, before the reply. With `silent`, nothing is broadcast.
public final class ExecutionContext {
    public let token: CancellationToken
    /// The execution count of this cell (as shown in `In [n]`).
    public let executionCount: Int
    public let silent: Bool
    private let publish: (String, JSON, JSON) -> Void  // type, content, metadata
    public private(set) var payloads: [JSON] = []
    /// The text/plain of the cell's execute_result, kept for history with output.
    public private(set) var resultText: String?
    /// The kernel's comms, for widgets (nil where there is no frontend to talk to).
    public var comms: CommManager?
    /// Handles the comm messages that have arrived since the cell started (a Stop button, a
    /// slider): long work calls it between steps, as it checks the token.
    public var pollIncoming: () -> Void = {}
    /// The notebook cell this request runs, when the frontend says (JupyterLab and Notebook 7
    /// put `cellId` in the execute request's metadata), and the cells deleted since its last
    /// request (`deletedCells`): what a cell's controls belong to, so a re-run or deleted cell
    /// can close them.
    public var cellID: String?
    public var deletedCells: [String] = []
    /// Asks the person at the frontend a question on the stdin channel (input_request) and
    /// returns the answer; nil when the request did not allow stdin (nbclient, `cnn-kernel run`),
    /// so the caller says the answer instead. Throws `ExecutionInterrupted` when the cell is
    /// interrupted while waiting.
    public var requestInput: ((_ prompt: String, _ password: Bool) throws -> String)?
    /// Whether a person reads the outputs in a terminal: the request allows stdin (someone is
    /// there to answer) and names no notebook cell (JupyterLab and Notebook 7 send `cellId`), as
    /// jupyter console's requests do. A console prints text/plain and ignores
    /// update_display_data, so long work also writes progress lines there, and text is fitted
    /// to its width; a notebook updates displays in place and renders the rich forms, and
    /// headless runs (nbclient does not allow stdin) keep a display's last state, so neither
    /// gets the lines and nothing shows twice there.
    public var isConsole = false
    /// Fits the text the kernel writes to a console's terminal (the interpreter sets it for a
    /// console: prose wrapped at 79 columns): applied to streams, except those written
    /// verbatim, to the text/plain of every bundle (or its `terminalText`), and to an error's
    /// message line.
    public var fitPlainText: ((String) -> String)?

    public init(
        token: CancellationToken, executionCount: Int, silent: Bool,
        publish: @escaping (_ type: String, _ content: JSON, _ metadata: JSON) -> Void
    ) {
        self.token = token
        self.executionCount = executionCount
        self.silent = silent
        self.publish = publish
    }

    private func emit(_ type: String, _ content: JSON, metadata: JSON = [:]) {
        if !silent { publish(type, content, metadata) }
    }

    /// Writes `text`; `verbatim` keeps it as it is (what a person printed, a line rewritten in place).
    public func stream(_ name: StreamName, _ text: String, verbatim: Bool = false) {
        guard !text.isEmpty else { return }
        let shown = verbatim ? text : fitPlainText.map { $0(text) } ?? text
        emit("stream", ["name": .string(name.rawValue), "text": .string(shown)])
    }

    private func fitted(_ data: [String: JSON]) -> JSON {
        guard let fit = fitPlainText, let text = data["text/plain"]?.stringValue else { return .object(data) }
        var data = data
        data["text/plain"] = .string(fit(text))
        return .object(data)
    }

    private func fitted(_ bundle: MimeBundle) -> JSON {
        guard fitPlainText != nil, let terminal = bundle.terminalText, bundle.data["text/plain"] != nil else { return fitted(bundle.data) }
        var data = bundle.data
        data["text/plain"] = .string(terminal)
        return fitted(data)
    }

    public func newDisplayID() -> String { Identifiers.uuid4() }

    /// Shows a bundle; with a display id it can later be updated in place.
    public func display(_ bundle: MimeBundle, displayID: String? = nil) {
        var content: JSON = ["data": fitted(bundle), "metadata": .object(bundle.metadata)]
        if let displayID { content["transient"] = ["display_id": .string(displayID)] }
        emit("display_data", content)
    }

    /// Replaces every output that carries `displayID`.
    public func updateDisplay(_ bundle: MimeBundle, displayID: String) {
        emit(
            "update_display_data",
            [
                "data": fitted(bundle), "metadata": .object(bundle.metadata),
                "transient": ["display_id": .string(displayID)],
            ])
    }

    /// The cell's value (Out[n]).
    public func result(_ bundle: MimeBundle) {
        resultText = bundle.data["text/plain"]?.stringValue
        emit(
            "execute_result",
            [
                "execution_count": .int(executionCount), "data": fitted(bundle),
                "metadata": .object(bundle.metadata),
            ])
    }

    public func clearOutput(wait: Bool) { emit("clear_output", ["wait": .bool(wait)]) }

    /// Asks the frontend to end the session (jupyter console exits; notebooks ignore it).
    public func askExit(keepKernel: Bool) {
        payloads.append(["source": "ask_exit", "keepkernel": .bool(keepKernel)])
    }

    /// Text for the pager (help). Returned as a `page` payload of the execute reply.
    public func page(_ bundle: MimeBundle, start: Int = 0) {
        payloads.append(["source": "page", "data": fitted(bundle), "start": .int(start)])
    }
}
