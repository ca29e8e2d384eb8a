import JSONKit

/// A mime bundle with its metadata, as display_data, execute_result and inspect carry it.
public struct MimeBundle: Equatable, Sendable {
    public var data: [String: JSON]
    public var metadata: [String: JSON]
    /// The text a terminal shows instead of text/plain, where the two differ (a wide table in
    /// parts that fit 79 columns); used for a console only (`ExecutionContext.fitPlainText`).
    public var terminalText: String?

    public init(data: [String: JSON], metadata: [String: JSON] = [:]) {
        self.data = data
        self.metadata = metadata
    }

    public static func text(_ s: String) -> MimeBundle { MimeBundle(data: ["text/plain": .string(s)]) }
}

/// An error as the frontend shows it (error output and error reply).
public struct KernelError: Error, Equatable, Sendable {
    public var ename: String
    public var evalue: String
    public var traceback: [String]

    public init(ename: String, evalue: String, traceback: [String]? = nil) {
        self.ename = ename
        self.evalue = evalue
        self.traceback = traceback ?? ["\(ename): \(evalue)"]
    }
}

public enum CompletenessStatus: String, Sendable { case complete, incomplete, invalid, unknown }

public struct Completeness: Equatable, Sendable {
    public var status: CompletenessStatus
    public var indent: String
    public init(_ status: CompletenessStatus, indent: String = "") {
        self.status = status
        self.indent = indent
    }
}

public struct CompletionMatch: Equatable, Sendable {
    public var text: String
    /// The kind shown by JupyterLab (command, layer, option, value, path, keyword…).
    public var type: String
    public var signature: String
    public init(_ text: String, type: String, signature: String = "") {
        self.text = text
        self.type = type
        self.signature = signature
    }
}

/// Matches replace the code points [cursorStart, cursorEnd) of the request's code.
public struct CompletionResult: Equatable, Sendable {
    public var matches: [CompletionMatch]
    public var cursorStart: Int
    public var cursorEnd: Int
    public init(matches: [CompletionMatch], cursorStart: Int, cursorEnd: Int) {
        self.matches = matches
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
    }
}

/// What the language provides to the kernel. The kernel core knows nothing else about it.
/// All positions are in Unicode code points, as the protocol (5.2+) counts them.
public protocol Interpreter: AnyObject {
    /// The `language_info` of kernel_info_reply.
    var languageInfo: JSON { get }
    var banner: String { get }
    var helpLinks: [(text: String, url: String)] { get }

    /// Runs a cell. Output goes through `context`; failure is a thrown `KernelError`,
    /// an interrupt a thrown `ExecutionInterrupted`.
    func execute(_ code: String, context: ExecutionContext) throws
    /// Evaluates one user expression (execute_request's user_expressions).
    func evaluate(expression: String) throws -> MimeBundle
    func complete(_ code: String, cursorPos: Int) -> CompletionResult
    func inspect(_ code: String, cursorPos: Int, detailLevel: Int) -> MimeBundle?
    func isComplete(_ code: String) -> Completeness
}
