import JupyterKernel

/// Owns the IOPub PUB socket on its own thread. Any thread may publish; `flush` returns
/// once everything published so far has been handed to ZeroMQ, which is how the kernel
/// keeps "all output before the reply".
public final class IOPubPublisher: IOPubSink, @unchecked Sendable {
    private let socket: ZMQSocket
    private let codec: WireCodec
    private let condition = Condition()
    private var queue: [Message] = []
    /// Messages ever published and ever handed to ZeroMQ: a flush waits for the count it saw,
    /// not for an empty queue, so output published after it began cannot hold it up.
    private var published = 0
    private var sent = 0
    private var stopping = false
    private var closed = false

    public init(socket: ZMQSocket, codec: WireCodec) {
        self.socket = socket
        self.codec = codec
        spawnThread(name: "iopub") { [self] in run() }
    }

    public func publish(_ message: Message) {
        condition.withLock {
            guard !closed else { return }
            queue.append(message)
            published += 1
            condition.broadcast()
        }
    }

    public func flush() {
        condition.withLock {
            let target = published
            while sent < target && !closed { condition.wait() }
        }
    }

    /// Sends what is queued, closes the socket and ends the thread; returns when done.
    public func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
            while !closed { condition.wait() }
        }
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty && stopping {
                socket.close()
                closed = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            condition.unlock()

            for m in batch {
                do { try socket.send(codec.encode(m)) } catch { KernelLog.write("iopub send failed: \(error)") }
            }

            condition.withLock {
                sent += batch.count
                condition.broadcast()
            }
        }
    }
}
