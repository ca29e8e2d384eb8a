#if canImport(Glibc)
import Glibc
#endif

/// One-line diagnostics on stderr (Jupyter shows them in the server's log, never in a cell).
public enum KernelLog {
    public static func write(_ line: String) {
        let text = "[cnn-kernel] \(line)\n"
        _ = FileIO.writeFully(fd: 2, bytes: Array(text.utf8))
    }
}
