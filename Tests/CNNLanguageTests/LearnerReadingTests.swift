import JSONKit
import JupyterKernel
import Rendering
import XCTest
@testable import CNNLanguage

/// Outputs read as a learner reads them: each test is a defect found that way, and fails on the
/// output as it was.
final class LearnerReadingTests: XCTestCase {
    func kernel(_ setup: String) -> InMemoryKernel {
        let k = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        let x = k.execute(setup)
        XCTAssertEqual(x.reply.content["status"], "ok", "\(x.outputs.map(\.content))")
        return k
    }

    func texts(_ x: InMemoryKernel.Exchange) -> [String] {
        x.outputs.compactMap { $0.content["data"]?["text/plain"]?.stringValue ?? $0.content["text"]?.stringValue }
    }

    static let small = "data shapes n=300 size=16 val=60\nmodel m input=[1, 16, 16]\n  conv 4 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend\n"

    /// The live display's headline was the last batch's accuracy, unlabelled (12 of 16 images
    /// gave "75.00%" while the epoch said 87.32%). Now it is the epoch so far, labelled, and at the
    /// epoch's end it equals the epoch's line.
    func testTheLiveHeadlineIsTheEpochSoFar() {
        let k = kernel(Self.small)
        // 240 training images in batches of 64: the last batch holds 48.
        let x = k.execute("train epochs=1 batch=64")
        let updates = x.outputs.filter { $0.msgType == "update_display_data" }.compactMap { $0.content["data"]?["text/plain"]?.stringValue }
        let last = updates.last { $0.contains("this epoch so far") } ?? ""
        let epochLine = texts(x).first { $0.hasPrefix("epoch 1: train loss") } ?? ""
        func number(after marker: String, in text: String) -> String {
            guard let r = text.range(of: marker) else { return "" }
            return String(text[r.upperBound...].prefix { $0 != "," && $0 != ";" && $0 != " " })
        }
        XCTAssertTrue(last.contains("over 240 images; last batch loss"), last)
        XCTAssertEqual(number(after: "this epoch so far: loss ", in: last), number(after: "train loss ", in: epochLine))
        // The first ", accuracy " in each is the epoch's (so far, and at its end).
        XCTAssertEqual(number(after: ", accuracy ", in: last), number(after: ", accuracy ", in: epochLine))
    }

    /// `plot lr`'s text ended with the epochs' validation losses.
    func testPlotLearningRateTextGivesRates() {
        let k = kernel(Self.small + "train epochs=2 batch=60 lr=0.02 schedule=cosine")
        let text = texts(k.execute("plot lr")).joined()
        XCTAssertTrue(text.contains("m: epoch 1 "), text)
        XCTAssertTrue(text.hasSuffix("(learning rate at the epoch's end)\n"), text)
        XCTAssertFalse(text.contains("(validation)"))
    }

    /// gradcheck's "values" column was the number sampled, saying neither that nor the size.
    func testGradcheckSaysHowManyOfHowMany() {
        let k = kernel("")
        let table = texts(k.execute("gradcheck conv 4 input=[3, 6, 6]")).joined()
        // input 2×3×6×6 = 216 values, 40 sampled; weight 4×3×3×3 = 108, 40 sampled; bias 4 of 4.
        XCTAssertTrue(table.contains("values checked   of"), table)
        XCTAssertTrue(table.contains("input               40  216"), table)
        XCTAssertTrue(table.contains("bias                 4    4"), table)
        XCTAssertTrue(table.contains("checked at a random sample"), table)
    }

    /// A model's conv1 and a block's conv1 looked like two layers of one name in the summary.
    func testTheSummarySaysHowToNameABlocksInnerLayer() {
        let k = kernel("data shapes n=100 size=16\nblock cbr(c)\n  conv c kernel=3 pad=1 bias=false\n  batchnorm\n  relu\nend\n"
                       + "model p\n  cbr 8\n  maxpool 2\n  conv 12 kernel=3 pad=1\n  gap\n  linear 10\nend")
        let summary = texts(k.execute("summary")).joined()
        XCTAssertTrue(summary.contains("layers inside a block are named within it: `layer=conv1` is the model's own conv1; the one inside is `layer=cbr1.conv1`"), summary)
    }

    /// `explain backprop` after a one-cycle schedule showed an update by lr 1e−8: no change.
    func testBackpropExplanationUsesARateThatMoves() {
        let k = kernel(Self.small + "train epochs=2 batch=60 lr=0.05 schedule=onecycle")
        let text = texts(k.execute("explain backprop layer=conv1")).joined()
        XCTAssertTrue(text.contains("(the largest rate training used; its schedule ended at"), text)
        XCTAssertFalse(text.contains("lr 1.2"), text)
    }

    /// Confusion-matrix column labels were cut to six letters ("T-shir", "Pullov").
    func testColumnLabelsKeepTheWholeName() {
        for name in ["T-shirt/top", "Ankle boot", "horizontal stripes", "Pullover", "Bag", "averyveryverylongclassname"] {
            let lines = ConfusionView.twoLines(name, width: 60)
            XCTAssertTrue(lines.count <= 2 && lines.allSatisfy { Canvas.textWidth($0) <= 60 }, "\(name): \(lines)")
            let joined = lines.joined(separator: " ").replacingOccurrences(of: "- ", with: "").replacingOccurrences(of: "/ ", with: "/")
            if !lines.last!.hasSuffix("…") { XCTAssertEqual(joined, name, "\(lines)") }
        }
        XCTAssertEqual(ConfusionView.twoLines("T-shirt/top", width: Canvas.textWidth("T-shirt/")), ["T-shirt/", "top"])
        XCTAssertEqual(ConfusionView.twoLines("horizontal stripes", width: Canvas.textWidth("horizontal")), ["horizontal", "stripes"])
        XCTAssertEqual(ConfusionView.twoLines("Bag", width: 60), ["Bag"])
    }

    /// The braille chart of three models overwrote one model's markers with another's.
    func testEachSeriesKeepsItsMarkers() {
        let flat = { (y: Double) in (0..<200).map { (Double($0), y + Double($0) * 1e-3) } }
        let text = TextPlot.lines([("a", flat(1)), ("b", flat(1)), ("c", flat(1))])
        let chart = text.split(separator: "\n").dropLast(2).joined()
        XCTAssertGreaterThanOrEqual(chart.filter { $0 == "○" }.count, 8, text)
        XCTAssertGreaterThanOrEqual(chart.filter { $0 == "■" }.count, 8, text)
        // A constant series is a flat line, not a cliff made of rounding.
        let constant = TextPlot.lines([("lr", (0..<50).map { (Double($0), 0.05 + ($0 == 0 ? 1e-17 : 0)) })])
        XCTAssertEqual(constant.split(separator: "\n").filter { $0.contains("⡇") || $0.contains("⢱") }.count, 0, constant)
    }
}
