import JupyterKernel

/// Owns the IOPub PUB socket on its own thread. Any thread may publish; `flush` returns
/// once everything published so far has been handed to ZeroMQ, which is how the kernel
/// keeps "all output before the reply".
///
/// Updates of one display (update_display_data with the same display_id) are coalesced: at most
/// one every `updateInterval` is sent, and a newer one replaces a held one. Every other message
/// first sends the updates held before it, so order and the final state are kept. Without this a
/// burst (`progress 10000 delay=0`) filled ZeroMQ's send queue (its high-water mark), and a
/// slow client lost messages, the final `idle` among them.
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
    /// The shortest time between two sent updates of one display.
    public static let updateInterval = 0.05
    /// Updates held back, by display id, in the order their displays were first held.
    private var held: [(id: String, message: Message)] = []
    private var lastUpdate: [String: Double] = [:]
    /// Set by `flush`: send held updates now, a reply is waiting.
    private var urgent = false

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
            urgent = true
            condition.broadcast()
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
            // With updates held, wake when the earliest may go out.
            while queue.isEmpty && !stopping && !urgent {
                guard let due = held.map({ (lastUpdate[$0.id] ?? 0) + Self.updateInterval }).min() else {
                    condition.wait()
                    continue
                }
                if Timestamps.monotonicSeconds() >= due { break }
                condition.wait(until: due)
            }
            if queue.isEmpty && stopping && held.isEmpty {
                socket.close()
                closed = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue
            let flushNow = urgent || stopping
            urgent = false
            queue.removeAll(keepingCapacity: true)
            condition.unlock()

            var handled = 0
            for m in batch {
                if m.msgType == "update_display_data", let id = m.content["transient"]?["display_id"]?.stringValue {
                    if let i = held.firstIndex(where: { $0.id == id }) {
                        held[i].message = m  // the older one is superseded: it counts as handled
                        handled += 1
                    } else {
                        held.append((id, m))
                    }
                    continue
                }
                handled += sendHeld(all: true)
                send(m)
                handled += 1
            }
            handled += sendHeld(all: flushNow)

            condition.withLock {
                sent += handled
                condition.broadcast()
            }
        }
    }

    /// Sends the held updates whose display may update again (all of them with `all`); returns how many.
    private func sendHeld(all: Bool) -> Int {
        let now = Timestamps.monotonicSeconds()
        var count = 0
        var kept: [(id: String, message: Message)] = []
        for h in held {
            if all || now >= (lastUpdate[h.id] ?? 0) + Self.updateInterval {
                send(h.message)
                lastUpdate[h.id] = now
                count += 1
            } else {
                kept.append(h)
            }
        }
        held = kept
        if lastUpdate.count > 10_000 { lastUpdate = lastUpdate.filter { now - $0.value < 1 } }
        return count
    }

    private func send(_ m: Message) {
        do { try socket.send(codec.encode(m)) } catch { KernelLog.write("iopub send failed: \(error)") }
    }
}
