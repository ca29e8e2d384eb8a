import JSONKit
import JupyterKernel
#if canImport(Glibc)
import Glibc
#endif

/// Binds the five sockets of a connection file and drives a `KernelCore` with them.
///
/// Threads and socket owners:
///   main     – shell ROUTER and stdin ROUTER; cells run here
///   control  – control ROUTER (shutdown and interrupt work while a cell runs)
///   heartbeat– hb REP, echoing even during long computations
///   iopub    – iopub PUB, fed by a queue (see IOPubPublisher)
///   signals  – sigwait for SIGINT (interrupt) and SIGTERM
public final class KernelServer: @unchecked Sendable {
    let info: ConnectionInfo
    let codec: WireCodec
    let context = ZMQContext()
    let shell: ZMQSocket
    let control: ZMQSocket
    let stdin: ZMQSocket
    let heartbeat: ZMQSocket
    let iopubSocket: ZMQSocket
    public let iopub: IOPubPublisher
    private let exitLock = Condition()
    private var exiting = false
    /// Shell requests read while a cell ran (by the comm pump) that are not comm messages: they
    /// are answered, in order, when the cell is done. Touched only by the shell thread.
    private var deferredShell: [Message] = []
    /// At most this many comm messages are handled per pump (a flood waits for the next one).
    static let commsPerPump = 256

    /// Installs handlers for SIGINT and SIGTERM that only write the signal's number to a pipe
    /// (async-signal-safe, whichever thread the signal lands on: libraries start threads of their
    /// own, so blocking the signals in every thread cannot be relied on); the signal thread reads
    /// the pipe and acts. Call first thing in main.
    public static func blockSignals() {
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        signalPipeRead = fds[0]
        signalPipeWrite = fds[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { sig in
            var byte = UInt8(truncatingIfNeeded: sig)
            _ = write(signalPipeWrite, &byte, 1)
        }
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
    }

    public init(info: ConnectionInfo) throws {
        self.info = info
        codec = WireCodec(signer: try MessageSigner(key: Array(info.key.utf8), scheme: info.signatureScheme), refusingReplays: SeenSignatures())
        shell = try ZMQSocket(context, .router)
        control = try ZMQSocket(context, .router)
        stdin = try ZMQSocket(context, .router)
        heartbeat = try ZMQSocket(context, .rep)
        iopubSocket = try ZMQSocket(context, .pub)
        // A client that reconnects with the same identity takes its place (as ipykernel does:
        // without this, a restarted frontend's DEALER is silently refused).
        for s in [shell, control, stdin] { s.setInt(ZMQ_ROUTER_HANDOVER_OPTION, 1) }
        // Memory per connection is bounded: a frame larger than the limit disconnects its sender
        // (ZeroMQ's ZMQ_MAXMSGSIZE), and at most `receiveQueue` messages wait per socket.
        for s in [shell, control, stdin, heartbeat] {
            // Heartbeats and input replies are small: 1 MB is plenty there.
            let limit = s === shell || s === control ? KernelServer.maxMessageBytes : min(KernelServer.maxMessageBytes, 1 << 20)
            s.setInt64(ZMQ_MAXMSGSIZE_OPTION, Int64(limit))
            s.setInt(ZMQ_RCVHWM_OPTION, KernelServer.receiveQueue)
        }
        let binds: [(String, ZMQSocket, Int)] = [
            ("shell", shell, info.shellPort), ("iopub", iopubSocket, info.iopubPort), ("stdin", stdin, info.stdinPort),
            ("control", control, info.controlPort), ("heartbeat", heartbeat, info.hbPort),
        ]
        for (name, socket, port) in binds {
            do { try socket.bind(info.endpoint(port: port)) } catch {
                for (_, s, _) in binds { s.close() }
                context.terminate()
                throw KernelStartError(description: "\(name) socket: \(error)")
            }
        }
        iopub = IOPubPublisher(socket: iopubSocket, codec: codec)
    }

    /// The largest frame a client may send, 64 MB unless CNN_KERNEL_MAX_MESSAGE_BYTES says otherwise
    /// (a cell, or a comm message with an image, is far smaller).
    public static let maxMessageBytes: Int = {
        if let v = getenv("CNN_KERNEL_MAX_MESSAGE_BYTES").flatMap({ Int(String(cString: $0)) }), v >= 1024 { return v }
        return 64 << 20
    }()
    /// Messages that may wait unread on one socket.
    public static let receiveQueue: Int32 = 64

    /// Serves until shutdown; never returns (the process exits 0).
    public func run(core: KernelCore) -> Never {
        startSignalThread(core: core)
        startParentWatch(core: core)
        startHeartbeat()
        startControl(core: core)
        core.publishStatus("starting")
        serveShell(core: core)
        // The shell loop ends only when the context is shut down: the control thread exits the process.
        while true { pause() }
    }

    // MARK: Threads

    private func startSignalThread(core: KernelCore) {
        spawnThread(name: "signals") { [self] in
            while true {
                var byte: UInt8 = 0
                let n = read(signalPipeRead, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                guard n == 1 else { return }
                if Int32(byte) == SIGINT {
                    core.interrupt()
                } else {
                    KernelLog.write("SIGTERM: exiting")
                    exitProcess(core: core, ownedSockets: [])
                }
            }
        }
    }

    /// Exits when the process that started the kernel is gone (jupyter_client names it in
    /// JPY_PARENT_PID, and ipykernel watches it the same way): a Jupyter server killed without
    /// shutting its kernels down, or a hub's learner server culled hard, must not leave a kernel
    /// holding its memory for ever. Once a second: has the kernel's own parent changed (when a
    /// parent dies its children go to init or a subreaper), or is the named process gone? The
    /// second catches a wrapper that forked (`timeout`, a shell script without `exec`) between
    /// the server and the kernel, and a server that died before the kernel looked.
    private func startParentWatch(core: KernelCore) {
        guard let text = getenv("JPY_PARENT_PID").map({ String(cString: $0) }), let named = Int32(text), named > 1 else { return }
        let parent = getppid()
        spawnThread(name: "parent-watch") { [self] in
            while getppid() == parent && (kill(named, 0) == 0 || errno != ESRCH) { sleep(1) }
            KernelLog.write("the process that started the kernel (pid \(named)) is gone: exiting")
            exitProcess(core: core, ownedSockets: [])
        }
    }

    private func startHeartbeat() {
        spawnThread(name: "heartbeat") { [heartbeat] in
            while true {
                do {
                    let ping = try heartbeat.receive()
                    try heartbeat.send(ping)
                } catch let e as ZMQError where e.isTerminated {
                    heartbeat.close()
                    return
                } catch {
                    KernelLog.write("heartbeat: \(error)")
                }
            }
        }
    }

    private func startControl(core: KernelCore) {
        spawnThread(name: "control") { [self] in
            while true {
                let frames: [[UInt8]]
                do { frames = try control.receive() } catch let e as ZMQError where e.isTerminated {
                    control.close()
                    return
                } catch { continue }
                guard let request = decode(frames, channel: "control") else { continue }
                let action = core.handleControl(request) { reply in send(reply, on: control) }
                if case .shutdown = action { exitProcess(core: core, ownedSockets: [control]) }
            }
        }
    }

    private func serveShell(core: KernelCore) {
        core.shellPump = { [self] in pumpComms() }
        core.stdinExchange = { [self] request, shouldStop in askOnStdin(request, shouldStop: shouldStop) }
        while true {
            let request: Message
            if !deferredShell.isEmpty {
                request = deferredShell.removeFirst()
            } else {
                // The stdin socket is watched too: between questions nothing should arrive there,
                // and whatever does is read and dropped, so it cannot pile up in memory.
                guard let ready = ZMQSocket.pollReadable([shell, stdin], milliseconds: -1) else { break }
                if ready[1] { dropStdin() }
                guard ready[0] else { continue }
                let frames: [[UInt8]]
                do { frames = try shell.receive() } catch let e as ZMQError where e.isTerminated {
                    break
                } catch { continue }
                // Decoded once: a second decode of the same frames would be refused as a replay.
                guard let decoded = decode(frames, channel: "shell") else { continue }
                request = decoded
            }
            let queued = handleShellRequest(request, core: core)
            // stop_on_error: the execute requests that were already queued when the failed cell's
            // reply went out are answered without running; anything sent after it runs normally.
            for next in queued { _ = handleShellRequest(next, core: core, drainOnAbort: false) }
            core.stopAborting()
        }
        shell.close()
        stdin.close()
    }

    /// A cell's question: the input_request goes out on stdin (to the client that sent the
    /// execute request: its identities route it) after all output so far, and the input_reply
    /// that answers it comes back. Other messages on stdin are dropped. Nil when `shouldStop`
    /// (an interrupt) ends the wait, or the context shuts down.
    private func askOnStdin(_ request: Message, shouldStop: () -> Bool) -> Message? {
        // A late answer to an earlier, interrupted question must not answer this one.
        dropStdin()
        iopub.flush()
        do { try stdin.send(codec.encode(request)) } catch {
            KernelLog.write("input_request send failed: \(error)")
            return nil
        }
        while !shouldStop() {
            guard let ready = ZMQSocket.pollReadable([stdin], milliseconds: 50) else { return nil }
            guard ready[0], let frames = try? stdin.receive(), let reply = decode(frames, channel: "stdin") else { continue }
            // jupyter_client sends its input_reply without a parent header (ipykernel takes the
            // next reply as the answer); a reply that names another question is not this one's.
            let parent = reply.parentHeader["msg_id"]?.stringValue ?? ""
            if reply.msgType == "input_reply", parent.isEmpty || parent == request.msgID { return reply }
            KernelLog.write("dropped \(reply.msgType) on stdin: not the reply to the question asked")
        }
        return nil
    }

    /// Reads and drops what arrived on stdin when no question was asked.
    private func dropStdin() {
        var dropped = 0, bytes = 0
        while dropped < Self.commsPerPump, stdin.poll(milliseconds: 0), let frames = try? stdin.receive() {
            dropped += 1
            bytes += frames.reduce(0) { $0 + $1.count }
        }
        if dropped > 0 { KernelLog.write("dropped \(dropped) message(s) on stdin (\(bytes) bytes): no question was asked") }
    }

    /// Called by a running cell (on this, the shell thread): the comm messages waiting on the
    /// shell socket, to be handled now; every other request is kept for after the cell.
    private func pumpComms() -> [Message] {
        var comms: [Message] = []
        while comms.count < Self.commsPerPump, shell.poll(milliseconds: 0), let frames = try? shell.receive() {
            guard let request = decode(frames, channel: "shell") else { continue }
            if ["comm_msg", "comm_open", "comm_close"].contains(request.msgType) {
                comms.append(request)
            } else {
                deferredShell.append(request)
            }
        }
        return comms
    }

    /// Handles one request. If it fails with stop_on_error, returns the requests that were
    /// waiting on the socket at the moment its reply was sent (to be answered while aborting).
    private func handleShellRequest(_ request: Message, core: KernelCore, drainOnAbort: Bool = true) -> [Message] {
        var queued: [Message] = []
        let action = core.handleShell(request) { reply in
            if core.isAborting && drainOnAbort {
                // Requests that arrived during the cell (kept by the comm pump) came first.
                queued += deferredShell
                deferredShell.removeAll()
                while shell.poll(milliseconds: 0), let next = try? shell.receive() {
                    if let message = decode(next, channel: "shell") { queued.append(message) }
                }
            }
            send(reply, on: shell)
        }
        if case .shutdown = action { exitProcess(core: core, ownedSockets: [shell, stdin]) }
        return queued
    }

    // MARK: Helpers

    private func decode(_ frames: [[UInt8]], channel: String) -> Message? {
        do { return try codec.decode(frames) } catch {
            KernelLog.write("dropped a message on \(channel): \(error)")
            return nil
        }
    }

    /// Replies go out after every IOPub message published so far.
    private func send(_ reply: Message, on socket: ZMQSocket) {
        iopub.flush()
        do { try socket.send(codec.encode(reply)) } catch { KernelLog.write("reply send failed: \(error)") }
    }

    /// Flushes IOPub, lets lingering replies leave, and exits 0 within a second.
    private func exitProcess(core: KernelCore, ownedSockets: [ZMQSocket]) -> Never {
        let first = exitLock.withLock { () -> Bool in
            defer { exiting = true }
            return !exiting
        }
        if !first { while true { pause() } }
        core.interrupt()
        spawnThread(name: "exit-watchdog") {
            usleep(900_000)
            _exit(0)
        }
        iopub.stop()
        context.shutdown()
        // Sockets owned by other threads are closed by them when their calls return ETERM.
        for s in ownedSockets { s.close() }
        context.terminate()
        exit(0)
    }
}

public struct KernelStartError: Error, CustomStringConvertible {
    public let description: String
}


/// ZMQ_ROUTER_HANDOVER (zmq.h); a macro Swift does not import as a typed constant.
let ZMQ_ROUTER_HANDOVER_OPTION: Int32 = 56

/// The self-pipe of the signal handlers (set once, before any signal can arrive).
nonisolated(unsafe) var signalPipeRead: Int32 = -1
nonisolated(unsafe) var signalPipeWrite: Int32 = -1
/// ZMQ_MAXMSGSIZE and ZMQ_RCVHWM (zmq.h), macros Swift does not import either.
let ZMQ_MAXMSGSIZE_OPTION: Int32 = 22
let ZMQ_RCVHWM_OPTION: Int32 = 24
