import CNNCore
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The WideKernels module is compiled for x86-64-v3 (AVX2 and friends); everything else must stay
/// baseline x86-64, or the kernel would stop with SIGILL on a CPU without them. This reads the
/// test binary's own machine code (it links every module the kernel does) and libCNNCore.so with
/// objdump and checks that only WideKernels' functions hold instructions beyond the baseline.
final class WideKernelsTests: XCTestCase {
    /// Mnemonics beyond baseline x86-64 (SSE2): VEX/EVEX-encoded ones (v…, except verr and verw),
    /// AVX-512's mask instructions (k…), BMI1/2, LZCNT, MOVBE and POPCNT, and the legacy-encoded
    /// SSE3, SSSE3 and SSE4.1/4.2 ones (a module built for x86-64-v2 by mistake). tzcnt is left
    /// out: it is `rep bsf`, which older CPUs run as bsf, and the compiler emits it for baseline
    /// code where the two agree.
    static func beyondBaseline(_ mnemonic: Substring) -> Bool {
        if mnemonic.hasPrefix("v") { return !mnemonic.hasPrefix("verr") && !mnemonic.hasPrefix("verw") }
        if mnemonic.hasPrefix("k") || mnemonic.hasPrefix("pmovsx") || mnemonic.hasPrefix("pmovzx") { return true }
        return beyondBaselineNames.contains(String(mnemonic))
    }

    static let beyondBaselineNames: Set<String> = [
        // BMI1/2, LZCNT, MOVBE, POPCNT
        "andn", "bextr", "blsi", "blsmsk", "blsr", "bzhi", "mulx", "pdep", "pext", "rorx", "sarx", "shlx", "shrx",
        "lzcnt", "movbe", "popcnt",
        // SSE3
        "addsubps", "addsubpd", "haddps", "haddpd", "hsubps", "hsubpd", "lddqu", "movddup", "movshdup", "movsldup", "fisttp",
        // SSSE3
        "pabsb", "pabsw", "pabsd", "palignr", "phaddw", "phaddd", "phaddsw", "phsubw", "phsubd", "phsubsw", "pmaddubsw",
        "pmulhrsw", "pshufb", "psignb", "psignw", "psignd",
        // SSE4.1
        "blendpd", "blendps", "blendvpd", "blendvps", "dppd", "dpps", "extractps", "insertps", "movntdqa", "mpsadbw",
        "packusdw", "pblendvb", "pblendw", "pcmpeqq", "pextrb", "pextrd", "pextrq", "pinsrb", "pinsrd", "pinsrq",
        "phminposuw", "pmaxsb", "pmaxsd", "pmaxud", "pmaxuw", "pminsb", "pminsd", "pminud", "pminuw", "pmuldq", "pmulld",
        "ptest", "roundpd", "roundps", "roundsd", "roundss",
        // SSE4.2
        "crc32", "pcmpestri", "pcmpestrm", "pcmpistri", "pcmpistrm", "pcmpgtq",
    ]

    func testOnlyWideKernelsUseInstructionsBeyondBaselineX86_64() throws {
        #if arch(x86_64)
        // This process's binary (/proc/self/exe read in objdump's process would be objdump's
        // own), and the engine's core library it loaded.
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        XCTAssertGreaterThan(length, 0)
        let binary = String(decoding: path[..<max(0, length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let core = try XCTUnwrap(Self.lines("/proc/self/maps").compactMap { $0.split(separator: " ").last.map(String.init) }
            .first { $0.hasSuffix("/libCNNCore.so") })
        // The shipped executable is a link of its own, beside the test bundle in the build folder.
        let directory = String(binary[..<(binary.lastIndex(of: "/") ?? binary.startIndex)])
        let executable = directory + "/cnn-kernel"
        var wideFunctions = Set<String>()
        for file in [binary, core] + (access(executable, X_OK) == 0 ? [executable] : []) {
            let (wide, offenders, lines) = try scan(file)
            XCTAssertGreaterThan(lines, 10_000, file)
            XCTAssertEqual(offenders.sorted(), [], "\(file): functions outside WideKernels with instructions beyond baseline x86-64")
            wideFunctions.formUnion(wide)
        }
        // The check sees the wide code where it is (or it could not fail).
        XCTAssertFalse(wideFunctions.isEmpty)
        #endif
    }

    /// A /proc file's lines (they report a size of 0, so they are read to their end).
    static func lines(_ path: String) -> [String] {
        guard let f = fopen(path, "r") else { return [] }
        defer { fclose(f) }
        var out: [String] = []
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        while getline(&line, &capacity, f) > 0, let line { out.append(String(String(cString: line).dropLast())) }
        free(line)
        return out
    }

    /// The functions of `file` with instructions beyond baseline, in WideKernels and elsewhere,
    /// and how many lines objdump printed.
    func scan(_ file: String) throws -> (wide: Set<String>, offenders: Set<String>, lines: Int) {
        XCTAssertFalse(file.contains("'"))
        guard let pipe = popen("objdump -d --no-show-raw-insn '\(file)' 2>/dev/null", "r") else {
            XCTFail("cannot run objdump (binutils)")
            return ([], [], 0)
        }
        var function = "", offenders = Set<String>(), wide = Set<String>(), lines = 0
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        while getline(&line, &capacity, pipe) > 0, let line {
            let text = String(cString: line)
            lines += 1
            // "0000000000123456 <symbol>:" starts a function; "  123456:\tmnemonic operands" an instruction.
            if text.hasSuffix(">:\n"), let open = text.firstIndex(of: "<") {
                function = String(text[open...].dropFirst().dropLast(3))
                continue
            }
            let fields = text.split(separator: "\t")
            guard fields.count >= 2, let mnemonic = fields[1].split(separator: " ").first, Self.beyondBaseline(mnemonic) else { continue }
            if function.hasPrefix("$s11WideKernels") { wide.insert(function) } else { offenders.insert(function) }
        }
        free(line)
        XCTAssertEqual(pclose(pipe), 0, "objdump failed on \(file)")
        return (wide, offenders, lines)
    }

    /// The CPU check agrees with the kernel's own list of the CPU's features.
    func testTheCPUCheckReadsTheFeatureFlags() throws {
        #if arch(x86_64) && os(Linux)
        let flags = Set(try XCTUnwrap(Self.lines("/proc/cpuinfo").first { $0.hasPrefix("flags") }).split(separator: " ").map(String.init))
        XCTAssertEqual(CPUFeatures.hasX86_64v3, flags.isSuperset(of: ["avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "popcnt"]))
        #endif
    }
}
