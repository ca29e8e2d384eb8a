import JSONKit
import JupyterKernel
import Rendering
import XCTest
@testable import CNNLanguage

/// `ask` in memory: the kernel core sends the question as an input_request only when the request
/// allows stdin, judges the answer, and explains the right one. The expected answers are worked
/// out by hand from the model below (input 1×16×16):
///   conv1 = conv 8 kernel=3 pad=1: ⌊(16 + 2·1 − 3)/1⌋ + 1 = 16, so (8, 16, 16); 8·1·3·3 + 8 = 80 parameters
///   maxpool1 = maxpool 2: (8, 8, 8); linear1: 8·8·8 = 512 inputs → 10, 5,120 + 10 = 5,130 parameters.
final class AskTests: XCTestCase {
    let setup = "data shapes n=60 size=16\nmodel m input=[1, 16, 16]\n  conv 8 kernel=3 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend"

    func kernel() -> InMemoryKernel {
        let k = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        XCTAssertEqual(k.execute(setup).reply.content["status"], "ok")
        return k
    }

    func stdout(_ x: InMemoryKernel.Exchange) -> String {
        x.outputs.filter { $0.msgType == "stream" }.compactMap { $0.content["text"]?.stringValue }.joined()
    }

    func testAnswersAreJudgedAndExplained() {
        let k = kernel()
        var answers = ["16x16x8", "8, 16, 16", "80", "5130", "B", "maxpool", "a"]
        k.answer = { _ in answers.removeFirst() }
        let run = { (code: String) in self.stdout(k.execute(code, allowStdin: true)) }
        XCTAssertTrue(run("ask shape layer=conv1").hasPrefix("✗ Not quite: you said 16x16x8; the answer is conv1 gives (8, 16, 16)."))
        // A request that allows stdin and names no cell is a console's: its text is wrapped for a terminal.
        XCTAssertEqual(run("ask shape layer=conv1"),
                       "✓ Right: conv1 gives (8, 16, 16). ⌊(16 + 2·1 − 3)/1⌋ + 1 = 16 rows, ⌊(16 + 2·1 − 3)/1⌋ + 1 = 16 columns; 8 channels (one per kernel)".wrapped(width: 79) + "\n")
        XCTAssertEqual(run("ask params layer=conv1"), "✓ Right: conv1 has 80. 8 kernels, each 1 channels × 3 × 3 = 72 weights, plus 8 biases (one per kernel).".wrapped(width: 79) + "\n")
        XCTAssertTrue(run("ask params layer=linear1").hasPrefix("✓ Right: linear1 has 5,130. 10 outputs × 512 inputs = 5,120 weights"))
        let choice = #"ask choice question="Which has no weights?" options=["conv", "maxpool"] answer=2 why="It only picks.""#
        for _ in 0..<2 { XCTAssertEqual(run(choice), "✓ Right: b) maxpool. It only picks.\n") }
        XCTAssertEqual(run(choice), "✗ Not quite: you said a; the answer is b) maxpool. It only picks.\n")
        XCTAssertEqual(k.prompts[0], "What shape does conv1 give for one image, (channels, height, width), when it receives (1, 16, 16)? ")
        XCTAssertEqual(k.prompts.last, "Which has no weights?  a) conv  b) maxpool ")
    }

    /// The class question shows the image, asks, and judges a name, its start, or its number.
    func testTheClassQuestionShowsTheImageFirst() {
        let k = kernel()
        var predicted = ""
        k.answer = { _ in "" }
        let x = k.execute("ask class image=2", allowStdin: true)
        XCTAssertEqual(x.outputs.first?.msgType, "display_data", "the image comes before the question")
        let said = stdout(x)
        XCTAssertTrue(said.hasPrefix("No answer given. The answer: "), said)
        predicted = String(said.dropFirst("No answer given. The answer: ".count).prefix { $0 != "." })
        k.answer = { _ in String(predicted.prefix(4)) }
        XCTAssertTrue(stdout(k.execute("ask class image=2", allowStdin: true)).hasPrefix("✓ Right: \(predicted)."))
        XCTAssertTrue(k.prompts[0].hasPrefix("Which class will model m predict for this image? ("))
    }

    /// Without stdin (nbclient, `cnn-kernel run`), no input_request: the question and its answer.
    func testWithoutStdinTheAnswerIsPrinted() {
        let k = kernel()
        k.answer = { _ in XCTFail("asked without stdin"); return nil }
        let shown = k.execute("ask shape layer=maxpool1").outputs.first { $0.msgType == "display_data" }?.content["data"]
        XCTAssertTrue(shown?["text/html"]?.stringValue?.contains("<details><summary>The answer (predict first, then open)</summary>") ?? false,
                      "in a notebook the answer is folded away")
        XCTAssertEqual(shown?["text/plain"]?.stringValue,
                       "Question: What shape does maxpool1 give for one image, (channels, height, width), when it receives (8, 16, 16)?\nAnswer: maxpool1 gives (8, 8, 8). ⌊(16 + 2·0 − 2)/2⌋ + 1 = 8, ⌊(16 + 2·0 − 2)/2⌋ + 1 = 8; channels unchanged\n(asked interactively in JupyterLab, Notebook or jupyter console)\n")
        XCTAssertTrue(k.prompts.isEmpty)
    }

    /// No answer at all (an interrupt while waiting) ends the cell as an interrupt; the session stays.
    func testNoReplyIsAnInterruptAndTheSessionStays() {
        let k = kernel()
        k.answer = { _ in nil }
        let x = k.execute("ask shape layer=conv1", stopOnError: false, allowStdin: true)
        XCTAssertEqual(x.reply.content["ename"], "KeyboardInterrupt")
        XCTAssertTrue(k.execute("ask params layer=conv1").outputs.contains { $0.content["data"]?["text/plain"]?.stringValue?.contains("Answer: conv1 has 80.") ?? false })
    }

    func testBadQuestionsAreClearErrors() {
        let k = kernel()
        for (code, message) in [
            ("ask shape", "ask shape needs layer=NAME"),
            ("ask shape layer=conv9", "model m has no layer `conv9`"),
            (#"ask choice question="Q?" options=["only one"]"#, "options= is a list of at least two strings"),
            (#"ask choice question="Q?" options=["a", "b"] answer=3"#, "answer=3, but there are 2 options"),
            (#"ask choice options=["a", "b"]"#, "ask choice needs question="),
        ] {
            let x = k.execute(code, stopOnError: false)
            XCTAssertEqual(x.reply.content["status"], "error", code)
            XCTAssertTrue(x.reply.content["evalue"]?.stringValue?.contains(message) ?? false, "\(code): \(x.reply.content["evalue"] ?? "")")
        }
    }
}
