import JupyterKernel
import XCTest
@testable import CNNLanguage

/// Random and mutated programs never crash or hang the interpreter, and each gives either
/// a result or exactly one error.
final class FuzzTests: XCTestCase {
    struct SplitMix {  // deterministic, so a failure can be replayed
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let kernel = InMemoryKernel(interpreter: CNNInterpreter())
        for code in [String(repeating: "(", count: 100_000) + "1", String(repeating: "- ", count: 50_000) + "1",
                     String(repeating: "model m\n", count: 5_000), "print " + String(repeating: "[", count: 50_000),
                     String(repeating: "not ", count: 50_000) + "true", "2" + String(repeating: " ^ 2", count: 50_000),
                     // Long chains of left-associative operators: flat to parse, one level deep each in the tree.
                     "print 1" + String(repeating: "+1", count: 40_000), "1" + String(repeating: " * 1", count: 50_000),
                     "true" + String(repeating: " and true", count: 50_000), "false" + String(repeating: " or false", count: 50_000),
                     "model m\n  conv 1" + String(repeating: "+1", count: 40_000) + "\nend"] {
            let x = kernel.execute(code)
            kernel.core.stopAborting()
            XCTAssertEqual(x.outputs.filter { $0.msgType == "error" }.count, 1)
        }
        // A chain within the limit still works, in many lines.
        let ok = kernel.execute(String(repeating: "print 1" + String(repeating: "+1", count: 999) + "\n", count: 3))
        XCTAssertEqual(ok.reply.content["status"], "ok")
        XCTAssertEqual(ok.outputs.first?.content["text"], "1000\n")
        let chain = kernel.execute("print 1" + String(repeating: "+1", count: 40_000))
        XCTAssertEqual(chain.outputs.first { $0.msgType == "error" }?.content["evalue"]?.stringValue,
                       "line 1, column 2008: more than 1000 operators in one line; split the computation over several lines")
    }

    /// A huge cell of one unknown word: one error whose message and traceback show a window of
    /// the line, not the 8 MB three times over. (Its speed is measured, not timed here: about
    /// 0.7 s for `cnn-kernel run` on such a file, on this machine.)
    func testAHugeUnknownWordGetsAShortError() {
        let kernel = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        let x = kernel.execute(String(repeating: "a", count: 8_000_000))
        let errors = x.outputs.filter { $0.msgType == "error" }
        XCTAssertEqual(errors.count, 1)
        let evalue = errors.first?.content["evalue"]?.stringValue ?? ""
        XCTAssertTrue(evalue.hasSuffix("… (8000018 characters)"), String(evalue.suffix(60)))
        let traceback = errors.first?.content["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? []
        XCTAssertEqual(traceback.count, 3)
        XCTAssertLessThan(traceback.map(\.count).reduce(0, +), 1_200)
        XCTAssertTrue(traceback.count == 3 && traceback[1].hasPrefix("1 | aaaa") && traceback[1].hasSuffix("…"), "\(traceback)")
        kernel.core.stopAborting()
        // A mistake far along a long line: the window and the caret follow it.
        let far = kernel.execute("print " + String(repeating: "1 + ", count: 100) + "\"x\" + 1")
        let tb = far.outputs.first { $0.msgType == "error" }?.content["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard tb.count == 3 else { return XCTFail("\(tb)") }
        let caret = tb[2].firstIndex(of: "^").map { tb[2].distance(from: tb[2].startIndex, to: $0) } ?? -1
        // The `+` that meets the string: the one just before it.
        let plus = tb[1].distance(from: tb[1].startIndex, to: tb[1].range(of: "+ \"x\"")!.lowerBound)
        XCTAssertEqual(caret, plus, "\(tb[1])\n\(tb[2])")
    }

    func testRandomAndMutatedCells() {
        let seeds = [
            "print \"hello\" 1 + 2", "progress 2 delay=0", "2 * (3 + 4)", "help progress", "clear wait=true",
            "warn \"x\"\nfail \"y\"", "sleep 0", "print [1, 2, [3]]", "1e3 / 7 % 2 ^ 2", "# c\nprint \"a\\tb\"",
            "model m input=[1, 8, 8]\n  conv 4 kernel=3 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 3\nend",
            "block b(c, s=1)\n  residual\n    conv c kernel=3 stride=s pad=1\n  shortcut\n    if s > 1\n      conv c kernel=1 stride=s\n    end\n  end\nend",
            "model n input=[2, 6, 6]\n  concat\n  branch\n    conv 2 kernel=1\n  branch\n    maxpool 3 stride=1 pad=1\n  end\n  dense\n    conv 3 kernel=3 pad=1\n  end\n  gap\n  linear 2\nend",
            "model r = resnet blocks=[1] channels=[4] input=[1, 8, 8]\nparams r\nsummary",
            "model q input=[1, 8, 8]\n  repeat 2 as i\n    conv 2 + i kernel=3 pad=1\n  end\n  gap\n  linear 2\nend",
            "gradcheck conv 2 kernel=3 input=[1, 4, 4]", "help resnet", "show source denselayer",
        ]
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789 \t\n\"\\#()[]=,+-*/%^.éé😀eE")
        var rng = SplitMix(state: 42)
        let interp = CNNInterpreter()
        let kernel = InMemoryKernel(interpreter: interp)
        for i in 0..<3000 {
            var chars = Array(seeds[rng.int(seeds.count)])
            for _ in 0..<(1 + rng.int(4)) {
                switch rng.int(3) {
                case 0 where !chars.isEmpty: chars.remove(at: rng.int(chars.count))
                case 1: chars.insert(alphabet[rng.int(alphabet.count)], at: rng.int(chars.count + 1))
                default:
                    if !chars.isEmpty { chars[rng.int(chars.count)] = alphabet[rng.int(alphabet.count)] }
                }
            }
            var code = String(chars)
            if i % 5 == 0 { code = String((0..<rng.int(40)).map { _ in alphabet[rng.int(alphabet.count)] }) }
            // Keep every cell quick: no long sleeps or huge progress bars from mutations.
            for slow in ["sleep", "progress", "train", "data", "load", "save", "plugin", "gradcheck"] where code.contains(slow) && i % 7 != 0 {
                code = code.replacingOccurrences(of: slow, with: "print")
            }
            if code.contains("sleep") || code.contains("progress") || code.contains("train") || code.contains("data") {
                code = code.replacingOccurrences(of: "sleep", with: "print").replacingOccurrences(of: "progress", with: "print")
                    .replacingOccurrences(of: "train", with: "print").replacingOccurrences(of: "data", with: "print")
            }
            let x = kernel.execute(code)
            kernel.core.stopAborting()
            let errors = x.outputs.filter { $0.msgType == "error" }.count
            let status = x.reply.content["status"]?.stringValue
            XCTAssertTrue(status == "ok" || status == "error", "no reply for \(code.debugDescription)")
            XCTAssertEqual(errors, status == "error" ? 1 : 0, "cell \(code.debugDescription)")
            _ = interp.complete(code, cursorPos: rng.int(code.unicodeScalars.count + 1))
            _ = interp.inspect(code, cursorPos: rng.int(code.unicodeScalars.count + 1), detailLevel: 0)
            _ = interp.isComplete(code)
        }
    }
}
