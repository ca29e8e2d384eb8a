import CNNCore
import CMalloc
#if canImport(Glibc)
import Glibc
#endif

/// How much memory the kernel may use, and whether a planned allocation fits, checked before
/// the allocation happens. Linux overcommits: a large allocation usually "succeeds" and the
/// process is killed later, when the pages are touched (by the cgroup's or the kernel's OOM
/// killer). So commands ask here first, with what they are about to need, and a refusal is an
/// error for that cell with the numbers and what to change.
///
/// The limit is the smallest of: the cgroup's memory limit (v2 `memory.max`, v1
/// `memory.limit_in_bytes`, the tightest along the path to the root), the machine's physical
/// memory, and the address-space and data-segment limits (`ulimit -v`, `prlimit --as`).
/// `CNN_KERNEL_MEMORY_LIMIT` (bytes, or a number with K, M, G or T) replaces that detection;
/// `memory limit=…` lowers it for one session.
public enum MemoryBudget {
    /// One limit on the process and where it comes from.
    public struct Limit: Equatable, Sendable {
        public enum Measure: Sendable, Equatable {
            /// Counts resident memory (cgroup, physical memory, a chosen limit).
            case resident
            /// Counts address space (RLIMIT_AS: thread stacks and mapped libraries count too).
            case addressSpace
        }
        public var bytes: Int
        public var source: String
        public var measure: Measure
        public init(bytes: Int, source: String, measure: Measure = .resident) {
            self.bytes = bytes
            self.source = source
            self.measure = measure
        }
    }

    /// What the process uses now.
    public struct Usage: Equatable, Sendable {
        public var resident: Int
        public var addressSpace: Int
        /// What the machine could still give (MemAvailable), or the cgroup's headroom if smaller;
        /// nil when unknown. Other processes use memory too.
        public var systemAvailable: Int?
        public init(resident: Int, addressSpace: Int, systemAvailable: Int?) {
            self.resident = resident
            self.addressSpace = addressSpace
            self.systemAvailable = systemAvailable
        }
    }

    /// The answer for one request: the binding limit, what is in use against it, and what is free.
    public struct Standing: Equatable, Sendable {
        public var limit: Limit
        public var inUse: Int
        public var free: Int
        /// Set when the machine (or the cgroup, shared with other processes) has less free
        /// than the limit leaves.
        public var systemFree: Int?
    }

    /// A limit chosen by the session (`memory limit=`); nil: the detected one.
    nonisolated(unsafe) public static var sessionLimit: Int?

    /// Where /proc and /sys are (tests point this at a made-up tree).
    nonisolated(unsafe) public static var procRoot = ""

    /// The limits in force, tightest first. With `CNN_KERNEL_MEMORY_LIMIT` set, that one alone
    /// (plus the session's if lower); else the detected ones and a hub's MEM_LIMIT.
    public static func limits(environment: [String: String] = currentEnvironment()) -> [Limit] {
        var out: [Limit] = []
        if let text = environment["CNN_KERNEL_MEMORY_LIMIT"], let bytes = parseSize(text) {
            out.append(Limit(bytes: bytes, source: tr("set by CNN_KERNEL_MEMORY_LIMIT")))
        } else {
            out += detectedLimits()
            // JupyterHub's spawners pass each learner's mem_limit to the server and its kernels
            // as MEM_LIMIT (bytes); the kernel keeps within it even where nothing enforces it.
            if let text = environment["MEM_LIMIT"], let bytes = Int(text.trimmed), bytes > 0 {
                out.append(Limit(bytes: bytes, source: tr("the hub's limit for this learner (MEM_LIMIT)")))
            }
        }
        if let s = sessionLimit { out.append(Limit(bytes: s, source: tr("set by `memory limit=`"))) }
        return out.sorted { $0.bytes < $1.bytes }
    }

    /// The machine's and the process's own limits, without the overrides.
    public static func detectedLimits() -> [Limit] {
        var out: [Limit] = []
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        if pages > 0 && pageSize > 0, pages <= Int.max / pageSize { out.append(Limit(bytes: pages * pageSize, source: tr("physical memory"))) }
        if let c = cgroupLimit() { out.append(Limit(bytes: c, source: tr("cgroup memory limit"))) }
        var r = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &r) == 0, r.rlim_cur < UInt(Int.max) {
            out.append(Limit(bytes: Int(r.rlim_cur), source: tr("address-space limit (ulimit -v)"), measure: .addressSpace))
        }
        if getrlimit(__rlimit_resource_t(RLIMIT_DATA.rawValue), &r) == 0, r.rlim_cur < UInt(Int.max) {
            out.append(Limit(bytes: Int(r.rlim_cur), source: tr("data-segment limit (ulimit -d)"), measure: .addressSpace))
        }
        return out
    }

    /// Which limit binds now, and how much of it is free.
    public static func standing(limits: [Limit] = limits(), usage: Usage = currentUsage()) -> Standing? {
        var best: Standing?
        for l in limits {
            let used = l.measure == .resident ? usage.resident : usage.addressSpace
            let free = max(0, l.bytes - used)
            if best == nil || free < best!.free { best = Standing(limit: l, inUse: used, free: free) }
        }
        if let sys = usage.systemAvailable, var b = best, sys < b.free {
            b.free = sys
            b.systemFree = sys
            best = b
        }
        return best
    }

    /// Throws when `bytes` more would not fit, naming `what` needs them and `hint` (what to
    /// change). When the numbers say it fits, the memory is also asked for once (not touched),
    /// so a limit the numbers missed refuses here rather than in the middle of the work.
    public static func require(_ bytes: Int, for what: Phrase, hint: Phrase,
                               limits: [Limit] = limits(), usage: Usage = currentUsage()) throws {
        guard bytes > 0 else { return }
        if let s = standing(limits: limits, usage: usage), bytes > s.free {
            throw MemoryBudgetError(needed: bytes, what: what.text, hint: hint.text, standing: s)
        }
        guard bytes >= probeThreshold else { return }
        // A writable private mapping is what malloc makes for large blocks: the kernel applies
        // the address-space and data limits and its overcommit check to it, and touches nothing.
        // (A malloc and free of an unused block may be removed by the compiler altogether.)
        let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let p, p != MAP_FAILED else {
            let s = standing(limits: limits, usage: usage) ?? Standing(limit: Limit(bytes: 0, source: tr("the system")), inUse: usage.resident, free: 0)
            throw MemoryBudgetError(needed: bytes, what: what.text, hint: hint.text, standing: s, allocationFailed: true)
        }
        munmap(p, bytes)
    }

    /// Below this a request is only compared with the numbers (asking malloc for small blocks
    /// tells nothing and costs time).
    static let probeThreshold = 64 << 20

    /// Resident and virtual size of this process, less what malloc holds free for reuse (the
    /// kernel keeps freed tensors in its heap, see Tensor: that memory is not in use, and the
    /// next allocations take it first), and what the system could still give.
    public static func currentUsage() -> Usage {
        let pageSize = max(1, sysconf(Int32(_SC_PAGESIZE)))
        var resident = 0, size = 0
        if let statm = readSmallFile(procRoot + "/proc/self/statm") {
            let parts = statm.split(separator: " ").compactMap { Int($0.trimmed) }
            if parts.count >= 2 { size = parts[0].multipliedReportingOverflow(by: pageSize).partialValue; resident = parts[1] * pageSize }
        }
        if procRoot.isEmpty {
            // Free heap memory is still mapped (address space) but may or may not be resident:
            // between cells its pages are given back (releaseFreeMemory). So resident use is at
            // least what malloc has handed out, whatever the subtraction says.
            let heap = heap()
            resident = max(resident - heap.free, heap.inUse)
            size = max(0, size - heap.free)
        }
        var available: Int?
        if let info = readSmallFile(procRoot + "/proc/meminfo") {
            for line in info.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let digits = line.dropFirst("MemAvailable:".count).filter(\.isNumber)
                if let kb = Int(digits), kb < Int.max / 1024 { available = kb * 1024 }
            }
        }
        if let headroom = cgroupHeadroom() { available = min(available ?? headroom, headroom) }
        return Usage(resident: resident, addressSpace: size, systemAvailable: available)
    }

    /// What malloc holds: in use by the program, and free for reuse (not counted as in use).
    public static func heap() -> (inUse: Int, free: Int) {
        let info = mallinfo2()
        return (Int(clamping: info.uordblks) + Int(clamping: info.hblkhd), Int(clamping: info.fordblks))
    }

    /// Gives the pages of freed memory back to the system. Within a cell the kernel keeps
    /// freed tensors in its heap (see Tensor: the next training step takes them again without
    /// page faults); between cells that memory would only sit in the kernel's resident size,
    /// and grow with the heap's fragmentation from one cell to the next.
    public static func releaseFreeMemory() {
        _ = malloc_trim(0)
    }

    /// Gives back the free memory malloc keeps resident when that is more than `bytes`: between
    /// the lines of a cell, so work that comes and goes line after line does not pile up until the
    /// cell ends (three trainings in one cell of notebook 2 peaked at 439 MB resident, one alone at
    /// 250). Measured as anonymous resident memory less what malloc has handed out: malloc's own
    /// count of free bytes stays the same after its pages are given back, and would trim every line.
    public static func releaseFreeMemory(beyond bytes: Int) {
        // mallinfo2 walks malloc's free lists: asked only when the cheap count could pass.
        guard let anonymous = anonymousResident(), anonymous > bytes, anonymous - heap().inUse > bytes else { return }
        _ = malloc_trim(0)
    }

    /// This process's anonymous resident memory (RssAnon in /proc/self/status), in bytes.
    public static func anonymousResident() -> Int? {
        guard let status = readSmallFile(procRoot + "/proc/self/status") else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("RssAnon:") {
            let digits = line.dropFirst("RssAnon:".count).filter(\.isNumber)
            if let kb = Int(digits), kb < Int.max / 1024 { return kb * 1024 }
        }
        return nil
    }

    // MARK: cgroups

    /// The tightest memory limit on this process's cgroup and its ancestors (v2, else v1).
    public static func cgroupLimit() -> Int? {
        cgroupDirectories().compactMap { dir, version -> Int? in
            let file = version == 2 ? "/memory.max" : "/memory.limit_in_bytes"
            guard let text = readSmallFile(dir + file)?.trimmed,
                  let v = Int(text), v > 0, v < (1 << 62) else { return nil }  // "max" or v1's huge "unlimited"
            return v
        }.min()
    }

    /// How much more this process's cgroups accept: the least, along the path to the root, of a
    /// limited group's limit minus its usage (which counts every process in it, siblings too).
    public static func cgroupHeadroom() -> Int? {
        var least: Int?
        for (dir, version) in cgroupDirectories() {
            let (limitFile, usageFile) = version == 2 ? ("/memory.max", "/memory.current") : ("/memory.limit_in_bytes", "/memory.usage_in_bytes")
            guard let l = readSmallFile(dir + limitFile).flatMap({ Int($0.trimmed) }), l > 0, l < (1 << 62),
                  let u = readSmallFile(dir + usageFile).flatMap({ Int($0.trimmed) }) else { continue }
            least = min(least ?? Int.max, max(0, l - u))
        }
        return least
    }

    /// This process's memory cgroup directory and its ancestors, innermost first.
    static func cgroupDirectories() -> [(String, Int)] {
        guard let text = readSmallFile(procRoot + "/proc/self/cgroup") else { return [] }
        var found: (mount: String, path: String, version: Int)?
        var unified: String?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            if parts[1].split(separator: ",").contains("memory") {
                found = (procRoot + "/sys/fs/cgroup/memory", String(parts[2]), 1)  // v1 holds the memory controller
            } else if parts[0] == "0" && parts[1].isEmpty {
                unified = String(parts[2])
            }
        }
        if found == nil, let path = unified, access(procRoot + "/sys/fs/cgroup/cgroup.controllers", F_OK) == 0 {
            found = (procRoot + "/sys/fs/cgroup", path, 2)
        }
        guard let f = found else { return [] }
        var dirs: [(String, Int)] = []
        var path = f.path.split(separator: "/").map(String.init)
        // Inside a container the cgroup path may name directories the container cannot see.
        while !path.isEmpty && access(f.mount + "/" + path.joined(separator: "/"), F_OK) != 0 { path.removeFirst() }
        while true {
            dirs.append((path.isEmpty ? f.mount : f.mount + "/" + path.joined(separator: "/"), f.version))
            if path.isEmpty { break }
            path.removeLast()
        }
        return dirs
    }

    // MARK: sizes

    /// Bytes from `8G`, `512M`, `1.5GB`, `2GiB` or a plain number of bytes; nil if not a size.
    public static func parseSize(_ text: String) -> Int? {
        var s = text.trimmed.uppercased()
        for suffix in ["IB", "B"] where s.hasSuffix(suffix) && s.count > suffix.count { s.removeLast(suffix.count); break }
        var scale = 1.0
        if let last = s.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(last)] {
            scale = pow(1024.0, Double(power))
            s.removeLast()
        }
        guard let v = Double(s), v.isFinite, v > 0 else { return nil }
        let bytes = v * scale
        guard bytes >= 1, bytes < 9.0e18 else { return nil }
        return Int(bytes)
    }

    /// `7.8 GB`, `512 MB`, `12 KB` (powers of 1024, one decimal under 10).
    public static func formatBytes(_ bytes: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
        var v = Double(bytes), i = 0
        while v >= 1024 && i < units.count - 1 { v /= 1024; i += 1 }
        if i == 0 { return "\(bytes) bytes" }
        let text = v < 9.95 ? String((v * 10).rounded() / 10) : String(Int(v.rounded()))
        return text + " " + units[i]
    }

    public static func currentEnvironment() -> [String: String] {
        var out: [String: String] = [:]
        for name in ["CNN_KERNEL_MEMORY_LIMIT", "MEM_LIMIT"] {
            if let v = getenv(name) { out[name] = String(cString: v) }
        }
        return out
    }

    /// A file of a few kilobytes at most (/proc and /sys), or nil.
    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var used = 0
        while used < buffer.count {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + used, $0.count - used) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            used += n
        }
        return String(decoding: buffer[0..<used], as: UTF8.self)
    }
}

/// A command asked for more memory than the budget leaves.
public struct MemoryBudgetError: Error, CustomStringConvertible, Equatable {
    public let needed: Int
    public let what: String
    public let hint: String
    public let standing: MemoryBudget.Standing
    public var allocationFailed = false

    public var description: String {
        let f = MemoryBudget.formatBytes
        if allocationFailed {
            return tr("\(what) needs \(f(needed)), and the system refuses to allocate that much: \(hint)")
        }
        var s = tr("\(what) needs \(f(needed)); the kernel's limit is \(f(standing.limit.bytes)) (\(standing.limit.source)), of which \(f(standing.inUse)) is in use")
        if let sys = standing.systemFree { s += tr(", and other programs leave only \(f(sys)) free") }
        return s + ": " + hint
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and newlines.
    var trimmed: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension MemoryBudget {
    /// For layer plugins, before they allocate: a ShapeError when `count` weights (values and
    /// gradients) would not fit. Layers are built one after another and each one's weights are
    /// written at once, so the earlier layers of a model already count as in use.
    public static func requireWeights(_ count: Int, of layer: String) throws {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: 8)
        guard overflow || bytes >= 16 << 20 else { return }
        do {
            try require(overflow ? Int.max : bytes, for: "\(layer) with \(NumberFormat.count(count)) weights", hint: "use fewer channels or a smaller kernel")
        } catch let e as MemoryBudgetError {
            throw ShapeError(Phrase(verbatim: e.description))
        }
    }
}
