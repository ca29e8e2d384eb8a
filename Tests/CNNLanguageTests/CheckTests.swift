import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// `check`, the end of a self-checking exercise: it passes with the rule behind the number, or
/// says what the model gives now and the hint, and never fails the cell. Expected numbers by hand:
///   conv 8 kernel=3 on 1×28×28: ⌊(28 − 3)/1⌋ + 1 = 26, so (8, 26, 26); 8·1·3·3 + 8 = 80 parameters;
///   with stride=2 pad=1: ⌊(28 + 2 − 3)/2⌋ + 1 = 14; linear 10 on 8·14·14 = 1,568 features: 15,680 + 10 = 15,690,
///   so the model has 80 + 15,690 = 15,770.
final class CheckTests: XCTestCase {
    func shown(_ x: InMemoryKernel.Exchange) -> String {
        x.outputs.compactMap { $0.content["data"]?["text/plain"]?.stringValue }.joined()
    }

    func testAnExerciseIsCheckedUntilItPasses() {
        let k = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        let start = k.execute("model ex input=[1, 28, 28]\n  conv 8 kernel=3\n  flatten\n  linear 10\nend\ncheck shape layer=conv1 expect=[8, 14, 14] hint=\"A stride of 2 halves the size.\"")
        XCTAssertEqual(start.reply.content["status"], "ok", "a check that does not pass yet is not an error")
        XCTAssertEqual(shown(start), "✗ Not yet: conv1 gives (8, 26, 26), and the exercise wants (8, 14, 14). Hint: A stride of 2 halves the size.\n")
        let done = k.execute("model ex input=[1, 28, 28]\n  conv 8 kernel=3 stride=2 pad=1\n  flatten\n  linear 10\nend\ncheck shape layer=conv1 expect=[8, 14, 14]")
        XCTAssertTrue(shown(done).hasPrefix("✓ Passed: conv1 gives (8, 14, 14). ⌊(28 + 2·1 − 3)/2⌋ + 1 = 14 rows"), shown(done))
        XCTAssertTrue(shown(k.execute("check params layer=conv1 expect=80")).hasPrefix("✓ Passed: conv1 has 80. 8 kernels"))
        XCTAssertEqual(shown(k.execute("check params expect=15770")),
                       "✓ Passed: model ex has 15,770. The sum of its layers': conv1 80, linear1 15,690.\n")
        XCTAssertEqual(shown(k.execute("check params expect=15000")), "✗ Not yet: model ex has 15,770, and the exercise wants 15,000.\n")
    }

    func testABadTargetIsAnErrorAtIt() {
        let k = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        _ = k.execute("model ex input=[1, 28, 28]\n  conv 8 kernel=3\n  flatten\n  linear 10\nend")
        let bad = k.execute("check shape layer=conv1 expect=[8, -1]", stopOnError: false)
        XCTAssertEqual(bad.reply.content["ename"], "ValueError")
        XCTAssertEqual(bad.reply.content["evalue"]?.stringValue?.hasPrefix("line 1, column 32: expect= is a whole number"), true, "\(bad.reply.content)")
        XCTAssertEqual(k.execute("check shape expect=[8, 26, 26]", stopOnError: false).reply.content["evalue"], "line 1, column 1: check shape needs layer=NAME")
    }
}
