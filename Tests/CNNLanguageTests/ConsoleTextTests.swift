import JSONKit
import JupyterKernel
import Rendering
import XCTest
@testable import CNNLanguage

/// What a console (jupyter console: stdin allowed, no notebook cell id) gets, and what a
/// notebook cell and a headless run do not: progress lines rewritten in place, and text fitted
/// to a terminal of 80 columns. The protocol test drives the real console through a pty.
final class ConsoleTextTests: XCTestCase {
    static let small = "data shapes n=600 size=16 val=60\nmodel m input=[1, 16, 16]\n  conv 4 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend\n"

    func kernel() -> InMemoryKernel {
        let k = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        XCTAssertEqual(k.execute(Self.small).reply.content["status"], "ok")
        return k
    }

    func stdout(_ x: InMemoryKernel.Exchange) -> String {
        x.outputs.filter { $0.msgType == "stream" && $0.content["name"] == "stdout" }.compactMap { $0.content["text"]?.stringValue }.joined()
    }

    /// The screen a terminal shows for `text`: a carriage return goes back to the line's start
    /// and what follows overwrites it.
    func screen(_ text: String) -> [String] {
        var lines: [[Character]] = [[]]
        var column = 0
        for ch in text {
            switch ch {
            case "\n": lines.append([]); column = 0
            case "\r": column = 0
            default:
                if column < lines[lines.count - 1].count { lines[lines.count - 1][column] = ch } else { lines[lines.count - 1].append(ch) }
                column += 1
            }
        }
        return lines.map { String($0).replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
    }

    func testTrainingInAConsoleWritesProgressLinesThatEpochLinesReplace() {
        let k = kernel()
        // 540 training images in batches of 8: 68 batches an epoch, a line at each tenth.
        let x = k.execute("train epochs=2 batch=8", allowStdin: true)
        XCTAssertEqual(x.reply.content["status"], "ok")
        let out = stdout(x)
        let states = out.components(separatedBy: "\r").dropFirst().filter { $0.hasPrefix("epoch ") && $0.contains("% · loss ") }
        XCTAssertGreaterThanOrEqual(states.count, 2 * 9, "a state at least every tenth of each epoch:\n\(out)")
        XCTAssertLessThanOrEqual(states.count, 2 * 12, "states come at a modest rate:\n\(out)")
        for s in states { XCTAssertLessThanOrEqual(s.trimmingCharacters(in: .whitespaces).count, 79, s) }
        XCTAssertTrue(states.contains { $0.hasPrefix("epoch 1/2 ▕") }, out)
        // On screen: what the first display state said, then one line per epoch, nothing left of the states.
        let first = x.outputs.first { $0.msgType == "display_data" && ($0.content["data"]?["text/plain"]?.stringValue ?? "").contains("epochs of 68 batches") }
        XCTAssertNotNil(first, "the first display state says what the console will see")
        // (An epoch line longer than the terminal goes on, wrapped, on the next line.)
        XCTAssertEqual(screen(out).filter { $0.hasPrefix("epoch ") }.map { String($0.prefix(8)) }, ["epoch 1:", "epoch 2:"], out)
        XCTAssertFalse(screen(out).contains { $0.contains("% · loss") }, out)
        for line in screen(out) { XCTAssertLessThanOrEqual(line.count, 79, line) }
    }

    func testANotebookCellAndAHeadlessRunGetNoProgressLinesAndLongLines() {
        let k = kernel()
        for x in [k.execute("train epochs=1 batch=8", cellID: "cell-1", allowStdin: true), k.execute("train epochs=1 batch=8")] {
            let out = stdout(x)
            XCTAssertFalse(out.contains("\r"), out)
            XCTAssertTrue(out.hasPrefix("epoch "), out)
            // The epoch line is one line, however long (a notebook wraps it itself).
            XCTAssertEqual(out.split(separator: "\n").count, 1, out)
        }
    }

    func testAnInterruptedProgressEndsItsLine() {
        let k = kernel()
        let x = k.execute("progress 3 delay=0.01", allowStdin: true)
        let out = stdout(x)
        XCTAssertTrue(out.hasPrefix("\rprogress ▕"), out)
        XCTAssertTrue(out.hasSuffix("3/3 (100%)\n"), out)
        XCTAssertEqual(screen(out).filter { !$0.isEmpty }, ["progress ▕██████████████████████████████▏ 3/3 (100%)"])
        // A notebook's cell sees the display only.
        XCTAssertEqual(stdout(k.execute("progress 3 delay=0.01", cellID: "c", allowStdin: true)), "")
    }

    func testAConsolesTextFitsEightyColumns() {
        let k = kernel()
        let x = k.execute("summary\nmemory\nhelp train", allowStdin: true)
        var texts = x.outputs.compactMap { $0.content["data"]?["text/plain"]?.stringValue ?? $0.content["text"]?.stringValue }
        texts += (x.reply.content["payload"]?.arrayValue ?? []).compactMap { $0["data"]?["text/plain"]?.stringValue }
        XCTAssertGreaterThanOrEqual(texts.count, 3)
        for t in texts {
            for line in t.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 79, "\(line)\nin\n\(t)") }
        }
        let summary = texts.first { $0.hasPrefix("model m") } ?? ""
        XCTAssertTrue(summary.contains("\n\nlayer "), "the summary's table comes in two parts, each starting with the layer column:\n\(summary)")
        // A notebook keeps one table with long rows (it shows the HTML; the text is for nbconvert and the like).
        let wide = k.execute("summary", cellID: "c").outputs.compactMap { $0.content["data"]?["text/plain"]?.stringValue }.first ?? ""
        XCTAssertTrue(wide.split(separator: "\n").contains { $0.count > 79 }, wide)
        // An error's message line too.
        let error = k.execute("train epochs=1 batch=8 optimizer=adamm", allowStdin: true).reply.content["traceback"]?.arrayValue?.first?.stringValue ?? ""
        for line in error.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 79, error) }
    }

    func testWrappingBreaksBetweenWordsAndLeavesPicturesAlone() {
        let prose = "one two three four five six seven eight nine ten eleven twelve"
        XCTAssertEqual(prose.wrapped(width: 20), "one two three four\nfive six seven eight\nnine ten eleven\ntwelve")
        XCTAssertEqual("  name      what it does, said in a good many words".wrapped(width: 30),
                       "  name      what it does, said\n            in a good many\n            words", "a list line continues under its description")
        let row = "░░  ▒▒" + String(repeating: " ", count: 40) + "▓▓  ██ " + String(repeating: "░", count: 40)
        XCTAssertEqual(row.wrapped(width: 30), row, "a picture's row keeps its spaces")
        let path = String(repeating: "x", count: 50)
        XCTAssertEqual(("see " + path).wrapped(width: 20), "see\n" + path, "a word longer than the width stays whole")
        XCTAssertEqual("short\n\nlines".wrapped(width: 20), "short\n\nlines")
    }

    func testAWideTableComesInPartsThatRepeatTheFirstColumn() {
        var t = Table(title: "title", [.init("name"), .init("aaaaaaaaaa", .right), .init("bbbbbbbbbb", .right), .init("cccccccccc", .right)])
        t.add(["first", "1", "2", "3"])
        t.footer = ["total", "1", "2", "3"]
        let narrow = t.text(width: 30)
        XCTAssertEqual(narrow, """
            title
            name   aaaaaaaaaa  bbbbbbbbbb
            ─────  ──────────  ──────────
            first           1           2
            ─────  ──────────  ──────────
            total           1           2

            name   cccccccccc
            ─────  ──────────
            first           3
            ─────  ──────────
            total           3

            """)
        XCTAssertEqual(t.text, t.text(width: 1000), "the plain form is one table")
        var prose = Table([.init("what"), .init("why")])
        prose.add(["limit", "physical memory, as the kernel measures it when it starts"])
        XCTAssertEqual(prose.text(width: 40), """
            what   why
            ─────  ──────────────────────────────
            limit  physical memory, as the kernel
                   measures it when it starts

            """)
    }
}
