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
    /// A pattern longer than `Glob.maxPatternLength` matches nothing. Throws
    /// `ExecutionInterrupted` when `shouldStop` says so (it is asked between entries and within
    /// long ones).
    public func search(pattern: String, n: Int?, unique: Bool, shouldStop: () -> Bool = { false }) throws -> [Entry] {
        guard pattern.unicodeScalars.count <= Glob.maxPatternLength else { return [] }
        let glob = Glob(pattern)
        var hits: [Entry] = []
        for e in all {
            if shouldStop() { throw ExecutionInterrupted() }
            if try glob.matches(e.input, shouldStop: shouldStop) { hits.append(e) }
        }
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
///
/// Linear in the text whatever the pattern: the pattern is cut at its stars into segments; the
/// first must match at the start, the last at the end, and each one between is found at its
/// leftmost place after the one before (for globs the leftmost choice is always right). Each
/// search runs the segment as a bit-parallel automaton (Shift-And: bit j of the state says the
/// last j + 1 characters match the segment's first j + 1 elements), 64 elements per machine word,
/// so a text of n characters costs n · ⌈length / 64⌉ steps and no backtracking.
public struct Glob {
    /// The longest pattern searched (in characters): 64 machine words of automaton.
    public static let maxPatternLength = 4096

    enum Element: Equatable {
        case scalar(UInt32)
        case any
        case set([ClosedRange<UInt32>], negated: Bool)

        func matches(_ c: UInt32) -> Bool {
            switch self {
            case .scalar(let s): return s == c
            case .any: return true
            case .set(let ranges, let negated): return ranges.contains { $0.contains(c) } != negated
            }
        }
    }

    /// The pattern cut at its runs of stars: one segment means no star at all.
    let segments: [[Element]]
    /// The tables of the segments between the first and the last, built once per pattern.
    let middleMasks: [CharacterMasks]

    public init(_ p: String) {
        let pattern = Array(p.unicodeScalars)
        var segments: [[Element]] = [[]]
        var i = 0
        while i < pattern.count {
            let c = pattern[i]
            if c == "*" {
                if !(segments.count > 1 && segments[segments.count - 1].isEmpty && i > 0 && pattern[i - 1] == "*") { segments.append([]) }
                i += 1
                continue
            }
            if c == "[", let (element, next) = Self.parseClass(pattern, at: i) {
                segments[segments.count - 1].append(element)
                i = next
                continue
            }
            segments[segments.count - 1].append(c == "?" ? .any : .scalar(c.value))
            i += 1
        }
        self.segments = segments
        middleMasks = segments.count > 2 ? segments.dropFirst().dropLast().filter { !$0.isEmpty }.map(CharacterMasks.init) : []
    }

    /// A class starting at `[` (index `p`) and the index after its `]`; nil when it never closes
    /// (then the `[` is a literal).
    static func parseClass(_ pattern: [Unicode.Scalar], at p: Int) -> (Element, Int)? {
        var i = p + 1
        var negated = false
        if i < pattern.count, pattern[i] == "!" || pattern[i] == "^" {
            negated = true
            i += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while i < pattern.count, pattern[i] != "]" || first {
            first = false
            if i + 2 < pattern.count, pattern[i + 1] == "-", pattern[i + 2] != "]" {
                let (a, b) = (pattern[i].value, pattern[i + 2].value)
                if a <= b { ranges.append(a...b) }
                i += 3
            } else {
                ranges.append(pattern[i].value...pattern[i].value)
                i += 1
            }
        }
        guard i < pattern.count else { return nil }
        return (.set(ranges, negated: negated), i + 1)
    }

    public func matches(_ s: String) -> Bool { (try? matches(s, shouldStop: { false })) ?? false }

    /// Throws `ExecutionInterrupted` when `shouldStop` says so (asked every 65,536 characters).
    public func matches(_ s: String, shouldStop: () -> Bool) throws -> Bool {
        let text = s.unicodeScalars.map(\.value)
        let n = text.count
        guard segments.count > 1 else {
            return segments[0].count == n && zip(segments[0], text).allSatisfy { $0.matches($1) }
        }
        let head = segments[0], tail = segments[segments.count - 1]
        guard head.count + tail.count <= n,
              zip(head, text).allSatisfy({ $0.matches($1) }),
              zip(tail, text[(n - tail.count)...]).allSatisfy({ $0.matches($1) }) else { return false }
        var position = head.count
        let end = n - tail.count
        for (segment, masks) in zip(segments.dropFirst().dropLast().filter { !$0.isEmpty }, middleMasks) {
            guard let after = try Self.leftmostEnd(of: segment, masks, in: text, from: position, to: end, shouldStop: shouldStop) else { return false }
            position = after
        }
        return true
    }

    /// Where the leftmost occurrence of `segment` in text[from..<to] ends, by Shift-And.
    static func leftmostEnd(of segment: [Element], _ masks: CharacterMasks, in text: [UInt32], from: Int, to: Int, shouldStop: () -> Bool) throws -> Int? {
        let m = segment.count
        guard m <= to - from else { return nil }
        let words = masks.words
        let lastBit = UInt64(1) << UInt64((m - 1) % 64)
        var state = [UInt64](repeating: 0, count: words)
        for i in from..<to {
            if (i - from) & 0xFFFF == 0xFFFF, shouldStop() { throw ExecutionInterrupted() }
            let row = masks.row(for: text[i])
            var carry: UInt64 = 1  // a match may start here
            for w in 0..<words {
                let next = state[w] >> 63
                state[w] = ((state[w] << 1) | carry) & masks.bits[row + w]
                carry = next
            }
            if state[words - 1] & lastBit != 0 { return i + 1 }
        }
        return nil
    }

    /// For every character, which elements of a segment it matches (bit j: element j), as a
    /// table over the intervals between the elements' range boundaries: within one interval
    /// every character matches the same elements. A character's row is found by binary search,
    /// so the cost per character does not grow with the number of classes or distinct characters.
    struct CharacterMasks {
        let words: Int
        /// Sorted interval starts; interval k is starts[k]..<starts[k + 1].
        var starts: [UInt32] = []
        /// Row k (words values from k · words) is the mask of interval k.
        var bits: [UInt64] = []

        init(_ segment: [Element]) {
            words = (segment.count + 63) / 64
            let ranges: [[ClosedRange<UInt32>]] = segment.map { e in
                switch e {
                case .scalar(let c): return [c...c]
                case .any: return [0...UInt32.max]
                case .set(let r, let negated): return negated ? Self.complement(r) : r
                }
            }
            var cuts = Set<UInt32>([0])
            for list in ranges { for r in list { cuts.insert(r.lowerBound); if r.upperBound < UInt32.max { cuts.insert(r.upperBound + 1) } } }
            starts = cuts.sorted()
            bits = [UInt64](repeating: 0, count: starts.count * words)
            for (j, list) in ranges.enumerated() {
                for r in list {
                    var k = interval(of: r.lowerBound)
                    while k < starts.count && starts[k] <= r.upperBound {
                        bits[k * words + j / 64] |= UInt64(1) << UInt64(j % 64)
                        if starts[k] == UInt32.max { break }
                        k += 1
                    }
                }
            }
        }

        /// The first index of the row of `c` in `bits`.
        func row(for c: UInt32) -> Int { interval(of: c) * words }

        func interval(of c: UInt32) -> Int {
            var lo = 0, hi = starts.count  // starts[lo] <= c (starts[0] == 0)
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if starts[mid] <= c { lo = mid } else { hi = mid }
            }
            return lo
        }

        static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
            var out: [ClosedRange<UInt32>] = []
            var next: UInt32 = 0
            var done = false
            for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
                if r.upperBound == UInt32.max { done = true; break }
                next = max(next, r.upperBound + 1)
            }
            if !done { out.append(next...UInt32.max) }
            return out
        }
    }
}
