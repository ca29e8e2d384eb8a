import JSONKit

/// Execution history, kept across kernel restarts in a JSON-lines file.
///
/// Each executed cell is appended as {"session", "line", "input"} before it runs, so a cell
/// that crashes the process is still in the history; its text/plain result follows as a
/// second record {"session", "line", "output"}. Sessions are numbered 1, 2, 3… per file.
public final class HistoryStore: @unchecked Sendable {
    public struct Entry: Equatable, Sendable {
        public var session: Int
        public var line: Int
        public var input: String
        public var output: String?
    }

    public let path: String?
    public let session: Int
    private var entries: [Entry] = []
    private let lock = Condition()
    /// Keep memory bounded on very long histories.
    static let maxEntries = 20_000
    /// Only the end of the file is read at start (the newest entries and the latest session),
    /// so a long history cannot delay the kernel's first reply; past `rotateAt` bytes the file
    /// is rewritten to its last `keptBytes` (whole records), so it stays bounded too.
    static let keptBytes = 8 << 20
    static let rotateAt = 32 << 20

    /// `path == nil` keeps the history in memory only.
    public init(path: String?) {
        self.path = path
        var loaded: [Entry] = []
        // One byte more than kept: when the cut falls exactly after a newline, that byte is the
        // newline, and the record after it is kept whole.
        if let path, let (tail, size) = try? FileIO.readTail(path: path, maxBytes: HistoryStore.keptBytes + 1) {
            var bytes = tail
            // Cut mid-record at the front: start at the first whole line.
            if bytes.count < size, let nl = bytes.firstIndex(of: UInt8(ascii: "\n")) { bytes = Array(bytes[(nl + 1)...]) }
            // A process killed mid-write leaves a line without its newline; end it so the next
            // record starts on a line of its own.
            if let last = bytes.last, last != UInt8(ascii: "\n") {
                _ = FileIO.append(path: path, bytes: [UInt8(ascii: "\n")])
                bytes.append(UInt8(ascii: "\n"))
            }
            if size > HistoryStore.rotateAt { try? FileIO.writeAtomically(path: path, bytes: bytes, mode: 0o600) }
            var index: [Int: [Int: Int]] = [:]  // session → line → position in loaded
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                guard let rec = try? JSON.parse(Array(line)), let s = rec["session"]?.intValue,
                    let l = rec["line"]?.intValue
                else { continue }  // a torn last line from a killed process is skipped
                if let input = rec["input"]?.stringValue {
                    index[s, default: [:]][l] = loaded.count
                    loaded.append(Entry(session: s, line: l, input: input, output: nil))
                } else if let out = rec["output"]?.stringValue, let i = index[s]?[l] {
                    loaded[i].output = out
                }
            }
        }
        if loaded.count > HistoryStore.maxEntries { loaded.removeFirst(loaded.count - HistoryStore.maxEntries) }
        entries = loaded
        session = (loaded.map(\.session).max() ?? 0) + 1
    }

    /// The default file: $JUPYTER_DATA_DIR (or the XDG data dir)/cnn-kernel/history.jsonl.
    public static func defaultPath() -> String? {
        let base: String
        if let d = FileIO.environment("JUPYTER_DATA_DIR"), !d.isEmpty {
            base = d
        } else if let x = FileIO.environment("XDG_DATA_HOME"), !x.isEmpty {
            base = x + "/jupyter"
        } else if let h = FileIO.environment("HOME"), !h.isEmpty {
            base = h + "/.local/share/jupyter"
        } else {
            return nil
        }
        let dir = base + "/cnn-kernel"
        do { try FileIO.makeDirectories(dir) } catch { return nil }
        return dir + "/history.jsonl"
    }

    public func record(line: Int, input: String) {
        lock.withLock {
            entries.append(Entry(session: session, line: line, input: input, output: nil))
            if entries.count > HistoryStore.maxEntries { entries.removeFirst(entries.count - HistoryStore.maxEntries) }
        }
        persist(["session": .int(session), "line": .int(line), "input": .string(input)])
    }

    public func recordOutput(line: Int, output: String) {
        lock.withLock {
            if let i = entries.lastIndex(where: { $0.session == session && $0.line == line }) {
                entries[i].output = output
            }
        }
        persist(["session": .int(session), "line": .int(line), "output": .string(output)])
    }

    private func persist(_ record: JSON) {
        guard let path else { return }
        _ = FileIO.append(path: path, bytes: record.serialized() + [UInt8(ascii: "\n")])
    }

    public var all: [Entry] { lock.withLock { entries } }

    /// The last `n` entries, oldest first.
    public func tail(_ n: Int) -> [Entry] {
        let e = all
        return Array(e.suffix(max(0, n)))
    }

    /// Lines [start, stop) of a session; a session ≤ 0 counts back from the current one
    /// (0 is the current session), as IPython does. `stop == nil` means to the end.
    public func range(session s: Int, start: Int, stop: Int?) -> [Entry] {
        let target = s <= 0 ? session + s : s
        return all.filter { $0.session == target && $0.line >= start && (stop == nil || $0.line < stop!) }
    }

    /// Entries whose input matches the glob (`*`, `?`, `[…]`), newest `n` of them, oldest first.
    /// With `unique`, only the latest occurrence of each input is kept.
    public func search(pattern: String, n: Int?, unique: Bool) -> [Entry] {
        let glob = Glob(pattern)
        var hits = all.filter { glob.matches($0.input) }
        if unique {
            var seen = Set<String>()
            var kept: [Entry] = []
            for e in hits.reversed() where seen.insert(e.input).inserted { kept.append(e) }
            hits = kept.reversed()
        }
        if let n, n > 0, hits.count > n { hits = Array(hits.suffix(n)) }
        return hits
    }
}

/// Shell-style glob matching over Unicode scalars: `*` any run, `?` one character,
/// `[abc]`, `[a-z]` and `[!a]` classes. Case-sensitive, whole-string, like SQLite's GLOB.
public struct Glob {
    let pattern: [Unicode.Scalar]
    public init(_ p: String) { pattern = Array(p.unicodeScalars) }

    public func matches(_ s: String) -> Bool {
        let text = Array(s.unicodeScalars)
        var p = 0, t = 0
        var starP = -1, starT = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                starP = p
                starT = t
                p += 1
                continue
            }
            if p < pattern.count, let next = matchOne(at: p, text[t]) {
                p = next
                t += 1
                continue
            }
            if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
                continue
            }
            return false
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// If the pattern element at `p` matches `c`, the index after that element.
    private func matchOne(at p: Int, _ c: Unicode.Scalar) -> Int? {
        switch pattern[p] {
        case "?": return p + 1
        case "[":
            var i = p + 1
            var negate = false
            if i < pattern.count, pattern[i] == "!" || pattern[i] == "^" {
                negate = true
                i += 1
            }
            var matched = false
            var first = true
            while i < pattern.count, pattern[i] != "]" || first {
                first = false
                if i + 2 < pattern.count, pattern[i + 1] == "-", pattern[i + 2] != "]" {
                    if pattern[i].value <= c.value && c.value <= pattern[i + 2].value { matched = true }
                    i += 3
                } else {
                    if pattern[i] == c { matched = true }
                    i += 1
                }
            }
            guard i < pattern.count else { return pattern[p] == c ? p + 1 : nil }  // no closing ]: literal [
            return matched != negate ? i + 1 : nil
        default:
            return pattern[p] == c ? p + 1 : nil
        }
    }
}
