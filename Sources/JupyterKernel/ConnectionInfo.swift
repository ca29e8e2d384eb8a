import JSONKit

/// The connection file Jupyter writes for a kernel (kernels.rst, "Connection files").
public struct ConnectionInfo: Equatable, Sendable {
    public enum Transport: String, Sendable { case tcp, ipc }
    public var transport: Transport
    public var ip: String
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var hbPort: Int
    public var key: String
    public var signatureScheme: String

    /// The ZeroMQ endpoint for a port: tcp://ip:port, or for ipc the path "ip-port" as jupyter_client builds it.
    public func endpoint(port: Int) -> String {
        switch transport {
        case .tcp:
            let host = ip.contains(":") && !ip.hasPrefix("[") ? "[\(ip)]" : ip
            return "tcp://\(host):\(port)"
        case .ipc: return "ipc://\(ip)-\(port)"
        }
    }

    public static func load(path: String) throws -> ConnectionInfo {
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(path: path) } catch {
            throw ConnectionFileError(path: path, problem: "cannot be read: \(error)")
        }
        return try parse(bytes, path: path)
    }

    public static func parse(_ bytes: [UInt8], path: String = "<connection file>") throws -> ConnectionInfo {
        func fail(_ p: String) -> ConnectionFileError { ConnectionFileError(path: path, problem: p) }
        let json: JSON
        do { json = try JSON.parse(bytes) } catch { throw fail("is not valid JSON: \(error)") }
        guard case .object(let o) = json else { throw fail("is not a JSON object") }

        func port(_ name: String) throws -> Int {
            guard let v = o[name] else { throw fail("has no \(name)") }
            guard let p = v.intValue, (0...65535).contains(p) else { throw fail("has \(name) that is not a port number") }
            return p
        }
        let transportName = o["transport"]?.stringValue ?? "tcp"
        guard let transport = Transport(rawValue: transportName) else {
            throw fail("has transport \"\(transportName)\"; expected tcp or ipc")
        }
        guard let ip = o["ip"]?.stringValue ?? (transport == .tcp ? "127.0.0.1" : nil), !ip.isEmpty else {
            throw fail("has no ip")
        }
        let key: String
        switch o["key"] {
        case nil, .some(.null): key = ""
        case .some(.string(let k)): key = k
        default: throw fail("has a key that is not a string")
        }
        let scheme = o["signature_scheme"]?.stringValue ?? "hmac-sha256"
        // Validate the scheme now, so a bad one is a start-up error rather than dropped messages.
        do { _ = try MessageSigner(key: [], scheme: scheme) } catch { throw fail("\(error)") }
        return ConnectionInfo(
            transport: transport, ip: ip, shellPort: try port("shell_port"), iopubPort: try port("iopub_port"),
            stdinPort: try port("stdin_port"), controlPort: try port("control_port"), hbPort: try port("hb_port"),
            key: key, signatureScheme: scheme)
    }
}

public struct ConnectionFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let problem: String
    public var description: String { "connection file \(path) \(problem)" }
}
