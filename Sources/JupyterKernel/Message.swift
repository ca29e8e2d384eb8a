import JSONKit

/// One Jupyter message, decoded from (or ready for) the wire.
/// Layout on the wire: identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…
public struct Message: Sendable {
    public var identities: [[UInt8]]
    public var header: JSON
    public var parentHeader: JSON
    public var metadata: JSON
    public var content: JSON
    public var buffers: [[UInt8]]

    public init(
        identities: [[UInt8]] = [], header: JSON, parentHeader: JSON = [:], metadata: JSON = [:],
        content: JSON = [:], buffers: [[UInt8]] = []
    ) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    public var msgType: String { header["msg_type"]?.stringValue ?? "" }
    public var msgID: String { header["msg_id"]?.stringValue ?? "" }
}

/// The protocol version this kernel speaks. jupyter_kernel_test's schema is strict about
/// extra keys below 5.2, so it must not be lower than that.
public let jupyterProtocolVersion = "5.4"

/// Who the kernel is on the wire: the session id (new for every process, so clients see
/// restarts) and a counter-free message id generator.
public final class KernelSession: @unchecked Sendable {
    public let sessionID: String
    public let username: String

    public init(sessionID: String = Identifiers.uuid4(), username: String = "kernel") {
        self.sessionID = sessionID
        self.username = username
    }

    public func header(msgType: String) -> JSON {
        [
            "msg_id": .string(Identifiers.uuid4()),
            "session": .string(sessionID),
            "username": .string(username),
            "date": .string(Timestamps.iso8601Now()),
            "msg_type": .string(msgType),
            "version": .string(jupyterProtocolVersion),
        ]
    }

    /// A reply on a ROUTER socket: same identities as the request, parent = request header.
    public func reply(to request: Message, type: String, content: JSON, metadata: JSON = [:]) -> Message {
        Message(
            identities: request.identities, header: header(msgType: type), parentHeader: request.header,
            metadata: metadata, content: content)
    }

    /// A broadcast on IOPub; the topic frame is the message type.
    public func broadcast(type: String, content: JSON, parent: JSON, metadata: JSON = [:]) -> Message {
        Message(
            identities: [Array(type.utf8)], header: header(msgType: type), parentHeader: parent,
            metadata: metadata, content: content)
    }
}
