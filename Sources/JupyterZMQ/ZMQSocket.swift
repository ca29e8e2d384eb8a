import CZeroMQ
#if canImport(Glibc)
import Glibc
#endif

public struct ZMQError: Error, CustomStringConvertible {
    public let code: Int32
    public let operation: String
    public var description: String { "\(operation): \(String(cString: zmq_strerror(code)))" }
    public var isTerminated: Bool { code == ETERM }
    static func last(_ op: String) -> ZMQError { ZMQError(code: zmq_errno(), operation: op) }
}

/// A ZeroMQ context. `shutdown` makes every blocking call on its sockets return.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    public init() { handle = zmq_ctx_new() }
    public func shutdown() { zmq_ctx_shutdown(handle) }
    /// Waits until every socket is closed and its lingering messages are sent.
    public func terminate() { while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {} }
}

/// One socket. ZeroMQ sockets are not thread-safe: each one has a single owning thread.
public final class ZMQSocket: @unchecked Sendable {
    public enum Kind { case router, pub, rep, dealer, sub, req
        var raw: Int32 {
            switch self {
            case .router: return ZMQ_ROUTER
            case .pub: return ZMQ_PUB
            case .rep: return ZMQ_REP
            case .dealer: return ZMQ_DEALER
            case .sub: return ZMQ_SUB
            case .req: return ZMQ_REQ
            }
        }
    }
    var handle: UnsafeMutableRawPointer?

    public init(_ context: ZMQContext, _ kind: Kind) throws {
        guard let h = zmq_socket(context.handle, kind.raw) else { throw ZMQError.last("zmq_socket") }
        handle = h
        setInt(ZMQ_LINGER, 1000)
    }

    public func setInt(_ option: Int32, _ value: Int32) {
        var v = value
        zmq_setsockopt(handle, option, &v, MemoryLayout<Int32>.size)
    }

    public func setInt64(_ option: Int32, _ value: Int64) {
        var v = value
        zmq_setsockopt(handle, option, &v, MemoryLayout<Int64>.size)
    }

    public func subscribeAll() { zmq_setsockopt(handle, ZMQ_SUBSCRIBE, "", 0) }

    public func bind(_ endpoint: String) throws {
        if zmq_bind(handle, endpoint) != 0 { throw ZMQError.last("cannot bind \(endpoint)") }
    }

    public func connect(_ endpoint: String) throws {
        if zmq_connect(handle, endpoint) != 0 { throw ZMQError.last("cannot connect \(endpoint)") }
    }

    /// Receives one multipart message; blocks until one arrives (or the context shuts down).
    public func receive() throws -> [[UInt8]] {
        var frames: [[UInt8]] = []
        while true {
            var msg = zmq_msg_t()
            zmq_msg_init(&msg)
            defer { zmq_msg_close(&msg) }
            if zmq_msg_recv(&msg, handle, 0) < 0 {
                if zmq_errno() == EINTR { continue }
                throw ZMQError.last("receive")
            }
            let size = zmq_msg_size(&msg)
            if size > 0, let data = zmq_msg_data(&msg) {
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&msg) == 0 { return frames }
        }
    }

    /// True when a message can be received within `milliseconds` (0: just look).
    public func poll(milliseconds: Int) -> Bool {
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        let n = zmq_poll(&item, 1, milliseconds)
        return n > 0 && (item.revents & Int16(ZMQ_POLLIN)) != 0
    }

    /// Waits until one of `sockets` has a message (at most `milliseconds`; −1: no limit) and says
    /// which; nil once the context is shut down.
    public static func pollReadable(_ sockets: [ZMQSocket], milliseconds: Int) -> [Bool]? {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        while true {
            let n = zmq_poll(&items, Int32(items.count), milliseconds)
            if n >= 0 { return items.map { ($0.revents & Int16(ZMQ_POLLIN)) != 0 } }
            if zmq_errno() == EINTR { continue }
            return nil
        }
    }

    public func send(_ frames: [[UInt8]]) throws {
        for (i, f) in frames.enumerated() {
            let flags = i < frames.count - 1 ? ZMQ_SNDMORE : 0
            while true {
                let rc = f.withUnsafeBytes { zmq_send(handle, $0.baseAddress, f.count, flags) }
                if rc >= 0 { break }
                if zmq_errno() == EINTR { continue }
                throw ZMQError.last("send")
            }
        }
    }

    public func close() {
        if let h = handle { zmq_close(h) }
        handle = nil
    }
}

/// Starts a detached POSIX thread running `body`.
public func spawnThread(name: String, _ body: @escaping () -> Void) {
    final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var tid = pthread_t()
    let rc = pthread_create(&tid, nil, { arg in
        let b = Unmanaged<Box>.fromOpaque(arg!).takeRetainedValue()
        b.body()
        return nil
    }, box)
    precondition(rc == 0, "cannot start thread \(name)")
    pthread_detach(tid)
}
