import ArgumentParser
import CNNCore
import CNNLanguage
import JSONKit
import JupyterKernel
import JupyterZMQ
import Rendering
#if canImport(Glibc)
import Glibc
#endif

@main
struct CNNKernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnn-kernel",
        abstract: "A Jupyter kernel for learning and experimenting with convolutional neural networks.",
        version: CNNInterpreter.version,
        subcommands: [
            KernelCommand.self, InstallCommand.self, UninstallCommand.self, BenchCommand.self, TrainCommand.self, RunCommand.self,
            MessagesCommand.self, CacheDataCommand.self,
        ]
    )

    static func main() {
        ThreadEnvironment.ensureShortOpenMPSpin()
        Parallel.adoptCPULimit(FileIO.environment("CPU_LIMIT"))
        Language.current = Language.select(from: languageEnvironment())
        main(nil)
    }

    /// The variables that choose the kernel's language (see `Language.select`).
    static func languageEnvironment() -> [String: String] {
        var env: [String: String] = [:]
        for name in ["CNN_KERNEL_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] { env[name] = FileIO.environment(name) }
        return env
    }
}

struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel", abstract: "Run the kernel for a Jupyter connection file (what Jupyter starts).")

    @Option(name: .customLong("connection-file"), help: "The connection file written by Jupyter.")
    var connectionFile: String

    func run() throws {
        // Before any thread exists, so only the signal thread sees SIGINT.
        KernelServer.blockSignals()
        let info: ConnectionInfo
        let server: KernelServer
        do {
            info = try ConnectionInfo.load(path: connectionFile)
            server = try KernelServer(info: info)
        } catch {
            failAndExit("\(error)")
        }
        for warning in Self.connectionWarnings(path: connectionFile, info: info) { KernelLog.write("warning: " + warning) }
        let interpreter = CNNInterpreter()
        let core = KernelCore(
            interpreter: interpreter, history: HistoryStore(path: HistoryStore.defaultPath()),
            iopub: server.iopub, identity: KernelIdentity(implementationVersion: CNNInterpreter.version))
        // The widget comm targets exist before the first cell: a widget manager connecting to a
        // fresh kernel asks for the widgets' states through jupyter.widget.control.
        interpreter.attach(comms: core.comms)
        server.run(core: core)
    }
}

extension KernelCommand {
    /// What makes the connection unsafe: a key others can read, or no key at all.
    static func connectionWarnings(path: String, info: ConnectionInfo) -> [String] {
        var out: [String] = []
        if info.key.isEmpty {
            out.append("\(path) has an empty key: messages are not signed, so anyone who can reach the kernel's ports can run code in it")
        }
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & 0o077 != 0 {
            let mode = String(st.st_mode & 0o777, radix: 8)
            out.append("\(path) can be read by other users (mode \(mode)); its key lets them run code in this kernel: chmod 600 it")
        }
        return out
    }
}

/// One line on stderr and a non-zero exit: what a launcher shows a person.
func failAndExit(_ message: String) -> Never {
    _ = FileIO.writeFully(fd: 2, bytes: Array("cnn-kernel: \(message)\n".utf8))
    exit(1)
}

struct KernelspecLocation: ParsableArguments {
    @Flag(help: "Install for the current user (the default).") var user = false
    @Flag(name: .customLong("sys-prefix"), help: "Install into the active Python environment ($VIRTUAL_ENV or $CONDA_PREFIX).")
    var sysPrefix = false
    @Option(help: "Install into DIR/share/jupyter/kernels.") var prefix: String?
    @Option(help: "Kernelspec name.") var name = "cnn"

    func kernelsDirectory() throws -> String {
        let chosen = [user, sysPrefix, prefix != nil].filter { $0 }.count
        if chosen > 1 { throw ValidationError("choose one of --user, --sys-prefix and --prefix") }
        if let prefix { return absolute(prefix) + "/share/jupyter/kernels" }
        if sysPrefix {
            guard let env = FileIO.environment("VIRTUAL_ENV") ?? FileIO.environment("CONDA_PREFIX") else {
                throw ValidationError("--sys-prefix needs an active Python environment (VIRTUAL_ENV or CONDA_PREFIX); use --prefix DIR")
            }
            return env + "/share/jupyter/kernels"
        }
        if let d = FileIO.environment("JUPYTER_DATA_DIR"), !d.isEmpty { return d + "/kernels" }
        if let x = FileIO.environment("XDG_DATA_HOME"), !x.isEmpty { return x + "/jupyter/kernels" }
        guard let home = FileIO.environment("HOME") else { throw ValidationError("HOME is not set; use --prefix DIR") }
        return home + "/.local/share/jupyter/kernels"
    }
}

func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    var buf = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buf, buf.count) != nil else { return path }
    let cwd = String(decoding: buf.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return cwd + "/" + path
}

func executablePath() -> String {
    var buf = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buf, buf.count - 1)
    guard n > 0 else { return absolute(CommandLine.arguments[0]) }
    return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", abstract: "Write the kernelspec so Jupyter can start this kernel.")

    @OptionGroup var location: KernelspecLocation
    @Option(name: .customLong("display-name"), help: "Name shown in the Jupyter launcher.") var displayName = "CNN (Swift)"
    @Option(name: .customLong("interrupt-mode"), help: "signal (SIGINT) or message (interrupt_request).")
    var interruptMode = "signal"
    @Option(help: "The language the kernel speaks: en or pt-BR (default: the locale's).") var language: String?

    func run() throws {
        guard ["signal", "message"].contains(interruptMode) else {
            throw ValidationError("--interrupt-mode is signal or message")
        }
        var env: JSON = ["GOMP_SPINCOUNT": .string(ThreadEnvironment.spinCount)]
        if let language {
            guard let chosen = Language.named(language) else { throw ValidationError("--language is en or pt-BR") }
            env["CNN_KERNEL_LANGUAGE"] = .string(chosen.rawValue)
        }
        let dir = try location.kernelsDirectory() + "/" + location.name
        try FileIO.makeDirectories(dir)
        let spec: JSON = [
            "argv": [.string(executablePath()), "kernel", "--connection-file", "{connection_file}"],
            "display_name": .string(displayName),
            "language": "cnn",
            "interrupt_mode": .string(interruptMode),
            "kernel_protocol_version": .string(jupyterProtocolVersion),
            // Set here so the kernel need not re-execute itself to set it (see ThreadEnvironment).
            "env": env,
            "metadata": [:],
        ]
        try FileIO.writeAtomically(path: dir + "/kernel.json", bytes: Array((spec.prettyString() + "\n").utf8))
        try FileIO.writeAtomically(path: dir + "/logo-32x32.png", bytes: Logo.png(size: 32))
        try FileIO.writeAtomically(path: dir + "/logo-64x64.png", bytes: Logo.png(size: 64))
        try FileIO.writeAtomically(path: dir + "/logo-svg.svg", bytes: Array(Logo.svg.utf8))
        print("Installed kernelspec \(location.name) in \(dir)")
    }
}

struct UninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "uninstall", abstract: "Remove the kernelspec.")

    @OptionGroup var location: KernelspecLocation

    func run() throws {
        let dir = try location.kernelsDirectory() + "/" + location.name
        guard FileIO.exists(dir + "/kernel.json") else {
            throw ValidationError("no kernelspec \(location.name) in \(dir)")
        }
        for f in ["kernel.json", "logo-32x32.png", "logo-64x64.png", "logo-svg.svg"] { unlink(dir + "/" + f) }
        if rmdir(dir) != 0 {
            throw ValidationError("removed the kernelspec files but \(dir) holds other files; left it in place")
        }
        print("Removed kernelspec \(location.name) from \(dir)")
    }
}

/// `cnn-kernel messages`: the Portuguese catalogue and the keys known only at run time, as JSON,
/// for `tools/messages.py` and the catalogue test.
struct MessagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages", abstract: "Print the message catalogue and the documentation keys as JSON.")

    func run() throws {
        let interpreter = CNNInterpreter(loadPluginDirectories: false)
        var catalogue: [String: JSON] = [:]
        for (k, v) in Catalogue.entries(for: .portuguese) { catalogue[k] = .string(v) }
        let out: JSON = [
            "catalogue": [Language.portuguese.rawValue: .object(catalogue)],
            "runtime_keys": .array(interpreter.runtimeCatalogueKeys().map { .string($0) }),
            "conflicts": .array(Translations.conflicts.map { .string($0) }),
        ]
        print(out.prettyString())
    }
}
