import CNNCore
import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// Every number of every command's examples, and of a layer line of every layer type, replaced
/// by extremes (0, -1, 2^31, 2^63, 1e19, 1e300, 1e999 = inf, a non-whole 2.5): the kernel answers
/// each cell with success or exactly one error, never a trap (a trap ends this test process).
final class NumberFuzzTests: XCTestCase {
    static let extremes = ["0", "-1", "2147483648", "9223372036854775808", "1e19", "1e300", "1e999", "-1e999", "2.5"]

    /// The line with its `k`-th number replaced, or nil when it has fewer numbers.
    static func replacingNumber(_ k: Int, in line: String, with value: String) -> String? {
        guard let tokens = try? Lexer.tokenize(line) else { return nil }
        let numbers = tokens.filter { if case .number = $0.kind { return true }; return false }
        guard k < numbers.count else { return nil }
        let t = numbers[k]
        var scalars = Array(line.unicodeScalars)
        let start = t.location.column - 1
        scalars.replaceSubrange(start..<(start + t.length), with: Array(value.unicodeScalars))
        return String(String.UnicodeScalarView(scalars))
    }

    func testExtremeNumbersInEveryCommandAndLayerLine() throws {
        let interp = CNNInterpreter(loadPluginDirectories: false)
        let kernel = InMemoryKernel(interpreter: interp)
        let setup = "data shapes n=120 size=16\nmodel net\n  conv 4 kernel=3 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend\ntrain limit=2 batch=20"
        XCTAssertEqual(kernel.execute(setup).reply.content["status"], "ok")
        var lines: [String] = []
        for c in Commands.all where !["sleep", "progress", "data", "exit"].contains(c.spec.name) { lines += c.spec.examples }
        lines += ["sleep 0.01", "progress 3 delay=0.001", "data shapes n=60 size=12 channels=1 seed=3", "1 + 2 * 3", "print [1, 2, 3][1]",
                  "repeat 2 as i\nend"]
        for plugin in interp.session.layers.names.compactMap({ interp.session.layers.plugin(named: $0) }) where !(plugin is BlockPlugin) {
            let values = plugin.parameters.filter { !$0.variadic }.map { p -> String in
                switch p.kind {
                case .integer(let lo, _): return "\(p.name)=\(max(lo ?? 1, 1))"
                case .number: return "\(p.name)=0.5"
                default: return ""
                }
            }.filter { !$0.isEmpty }.joined(separator: " ")
            lines.append("model fuzz input=[2, 8, 8]\n  \(plugin.name) \(values)\n  flatten\n  linear 10\nend")
            lines.append("gradcheck \(plugin.name) \(values) input=[2, 6, 6] batch=2")
        }
        lines.append("model fuzz2 = resnet blocks=[1, 1] channels=[4, 8]")
        var cells = 0
        for line in lines {
            for k in 0..<16 {
                var any = false
                for v in Self.extremes {
                    guard let cell = Self.replacingNumber(k, in: line, with: v) else { break }
                    any = true
                    // A model to work on, and the data it fits, before each cell (earlier cells may have changed both).
                    let x = kernel.execute("use net\n" + cell)
                    kernel.core.stopAborting()
                    cells += 1
                    let errors = x.outputs.filter { $0.msgType == "error" }.count
                    let status = x.reply.content["status"]?.stringValue
                    XCTAssertTrue((status == "ok" && errors == 0) || (status == "error" && errors == 1), "\(cell): \(status ?? "?"), \(errors) errors")
                }
                if !any { break }
            }
        }
        print("extreme-number cells run: \(cells)")
        XCTAssertGreaterThan(cells, 500)
        // The kernel still works afterwards.
        XCTAssertEqual(kernel.execute("print 1 + 1").outputs.first?.content["text"], "2\n")
    }
}
