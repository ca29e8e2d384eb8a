import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// Cells in, exact outputs out, through the real kernel core (in memory, no sockets).
final class TranscriptTests: XCTestCase {
    var kernel: InMemoryKernel!
    override func setUp() { kernel = InMemoryKernel(interpreter: CNNInterpreter()) }

    /// One line per output: "stdout: …", "stderr: …", "result: …", "display: …", "error: …".
    func transcript(_ code: String) -> [String] {
        let x = kernel.execute(code)
        kernel.core.stopAborting()
        return x.outputs.map { m in
            let c = m.content
            switch m.msgType {
            case "stream": return "\(c["name"]!.stringValue!): \(c["text"]!.stringValue!)"
            case "execute_result": return "result: \(c["data"]!["text/plain"]!.stringValue!)"
            case "display_data", "update_display_data":
                return "\(m.msgType == "display_data" ? "display" : "update"): \(c["data"]!["text/plain"]!.stringValue!)"
            case "clear_output": return "clear(wait: \(c["wait"]!.boolValue!))"
            case "error": return "error: " + c["traceback"]!.arrayValue!.map { $0.stringValue! }.joined(separator: "\n")
            default: return m.msgType
            }
        }
    }

    func testPrintWarnAndArithmetic() {
        XCTAssertEqual(transcript(#"print "hello, world""#), ["stdout: hello, world\n"])
        XCTAssertEqual(transcript(#"print "two times three is" 2 * 3"#), ["stdout: two times three is 6\n"])
        XCTAssertEqual(transcript(#"warn "careful""#), ["stderr: careful\n"])
        XCTAssertEqual(transcript("1 + 2"), ["result: 3"])
        XCTAssertEqual(transcript("2 * (3 + 4)"), ["result: 14"])
        XCTAssertEqual(transcript("7 / 2"), ["result: 3.5"])
        XCTAssertEqual(transcript("-2 ^ 2"), ["result: 4"])
        XCTAssertEqual(transcript("2 ^ 3 ^ 2"), ["result: 512"])
        XCTAssertEqual(transcript("10 % 4 + 1e-3 * 1000"), ["result: 3"])
        XCTAssertEqual(transcript("# a comment\n\n  1 + 1  # trailing"), ["result: 2"])
        XCTAssertEqual(transcript(#"print "tab\tquote\" backslash\\""#), ["stdout: tab\tquote\" backslash\\\n"])
    }

    func testUnknownCommandWithSuggestionAndCaret() {
        XCTAssertEqual(
            transcript("print \"ok\"\n  prnt \"typo\""),
            ["error: NameError at line 2, column 3: unknown command `prnt`; did you mean `print`?\n2 |   prnt \"typo\"\n  |   ^^^^"])
    }

    func testUnknownOptionWithSuggestion() {
        XCTAssertEqual(
            transcript("progress 3 dealy=0"),
            ["error: NameError at line 1, column 12: `dealy` is not an option of progress; did you mean `delay`?\n1 | progress 3 dealy=0\n  |            ^^^^^"])
    }

    func testWrongTypeAndRange() {
        XCTAssertEqual(
            transcript(#"sleep "long""#),
            ["error: TypeError at line 1, column 7: seconds of sleep is number in 0…86400, not a string\n1 | sleep \"long\"\n  |       ^^^^^^"])
        XCTAssertEqual(
            transcript("progress 0"),
            ["error: ValueError at line 1, column 10: steps of progress must be ≥ 1, got 0\n1 | progress 0\n  |          ^"])
        XCTAssertEqual(
            transcript("progress 2.5"),
            ["error: TypeError at line 1, column 10: steps of progress must be a whole number in 1…10000, got 2.5\n1 | progress 2.5\n  |          ^^^"])
        XCTAssertEqual(
            transcript("sleep"),
            ["error: TypeError at line 1, column 6: sleep needs seconds (number in 0…86400); usage: sleep SECONDS\n1 | sleep\n  |      ^"])
        XCTAssertEqual(
            transcript("print hello"),
            ["error: TypeError at line 1, column 7: `hello` is not a value; write text in double quotes: \"hello\"\n1 | print hello\n  |       ^^^^^"])
    }

    func testSyntaxErrors() {
        XCTAssertEqual(
            transcript(#"print "open"#),
            ["error: SyntaxError at line 1, column 7: string is not closed: add `\"` before the end of the line\n1 | print \"open\n  |       ^^^^^"])
        XCTAssertEqual(
            transcript("1 + )"),
            ["error: SyntaxError at line 1, column 5: `)` closes nothing\n1 | 1 + )\n  |     ^"])
        XCTAssertEqual(
            transcript("2 * (3 ]"),
            ["error: SyntaxError at line 1, column 8: `]` does not match the `(` opened at line 1, column 5\n1 | 2 * (3 ]\n  |        ^"])
        XCTAssertEqual(transcript("1 / 0"), ["error: ArithmeticError at line 1, column 3: division by zero\n1 | 1 / 0\n  |   ^"])
        XCTAssertEqual(transcript("3abc"), ["error: SyntaxError at line 1, column 1: `3abc` is not a number\n1 | 3abc\n  | ^^^^"])
        XCTAssertEqual(transcript("= 3"), ["error: SyntaxError at line 1, column 1: a line starts with a command name or a number, not `=`\n1 | = 3\n  | ^"])
    }

    func testACheckedCellRunsNothingWhenAnyLineIsWrong() {
        XCTAssertEqual(transcript("print \"first\"\nsleep -1").count, 1)
        XCTAssertTrue(transcript("print \"first\"\nsleep -1")[0].hasPrefix("error: ValueError at line 2, column 7"))
    }

    func testFailStopsTheCellAndKeepsEarlierOutput() {
        XCTAssertEqual(
            transcript("print \"before\"\nfail \"stop here\"\nprint \"after\""),
            ["stdout: before\n", "error: Failure at line 2, column 1: stop here\n2 | fail \"stop here\"\n  | ^^^^"])
    }

    func testProgressUpdatesOneDisplay() {
        XCTAssertEqual(
            transcript("progress 2 delay=0"),
            [
                "display: progress ▕                              ▏ 0/2 (0%)",
                "update: progress ▕███████████████               ▏ 1/2 (50%)",
                "update: progress ▕██████████████████████████████▏ 2/2 (100%)",
            ])
    }

    func testClearAndHelpAndExit() {
        XCTAssertEqual(transcript("clear"), ["clear(wait: false)"])
        XCTAssertEqual(transcript("clear wait=true"), ["clear(wait: true)"])
        let help = kernel.execute("help sleep")
        let page = help.reply.content["payload"]!.arrayValue![0]
        XCTAssertEqual(page["source"], "page")
        XCTAssertEqual(
            page["data"]!["text/plain"]!.stringValue!,
            "sleep SECONDS\n\nWaits the given number of seconds. An interrupt ends the wait at once.\n\nParameters:\n  seconds  number in 0…86400, required: how long to wait\n\nExamples:\n  sleep 0.5\n")
        let overview = kernel.execute("help").reply.content["payload"]!.arrayValue![0]["data"]!["text/plain"]!.stringValue!
        for name in ["print", "warn", "fail", "sleep", "progress", "clear", "help", "exit"] {
            XCTAssertTrue(overview.contains("\n  \(name) "), "help lists \(name)")
        }
        XCTAssertEqual(
            transcript("help slep"),
            ["error: NameError at line 1, column 6: no help for `slep`; did you mean `sleep`?\n1 | help slep\n  |      ^^^^"])
        XCTAssertEqual(kernel.execute("exit").reply.content["payload"], [["source": "ask_exit", "keepkernel": false]])
    }

    func testSleepIsInterruptible() {
        let interp = CNNInterpreter()
        let token = CancellationToken()
        let ctx = ExecutionContext(token: token, executionCount: 1, silent: false) { _, _, _ in }
        let t = Thread {
            usleep(200_000)
            token.cancel()
        }
        t.start()
        let t0 = Timestamps.monotonicSeconds()
        XCTAssertThrowsError(try interp.execute("sleep 30", context: ctx)) { XCTAssertTrue($0 is ExecutionInterrupted) }
        XCTAssertLessThan(Timestamps.monotonicSeconds() - t0, 2)
    }
}
