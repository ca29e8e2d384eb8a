import FoundationXML
import XCTest
@testable import Rendering

final class ChartTests: XCTestCase {
    func parses(_ xml: String) -> Bool { XMLParser(data: Data(xml.utf8)).parse() }

    func testLineChartIsWellFormedXMLEvenWithAwkwardText() {
        var chart = LineChart(title: "loss <train & \"val\">", xLabel: "epoch", yLabel: "loss", series: [
            .init(name: "a < b", points: [(0, 2.3), (1, 1.1), (2, .nan), (3, 0.4)]),
            .init(name: "val", points: [(1, 1.2), (2, 0.8)], dashed: true, markers: true),
        ])
        chart.colorKeys = [0, 0]
        let svg = chart.svg
        XCTAssertTrue(parses(svg), svg)
        XCTAssertTrue(svg.contains("loss &lt;train &amp; &quot;val&quot;&gt;"))
        XCTAssertTrue(parses(LineChart(title: "empty", xLabel: "x", yLabel: "y", series: []).svg))
    }

    func testNiceTicks() {
        XCTAssertEqual(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1])
        XCTAssertEqual(niceTicks(0.27, 2.31), [0.5, 1, 1.5, 2])
        XCTAssertEqual(niceTicks(0, 100, count: 4), [0, 50, 100])
        XCTAssertEqual(tickLabel(0.0005), "5.0e-4")
    }

    /// Values equal but for rounding (a gradient norm that did not change, a loss on a plateau)
    /// once sent the tick loop past 2^53, where k + 1 == k: it appended until memory ran out.
    func testTicksOfARangeOnlyRoundingWide() {
        for (lo, hi) in [(1.0, 1.0.nextUp), (1.0, 1.0 + 4 * Double.ulpOfOne), (1e20, 1e20 + 1e5), (-3.0, (-3.0).nextUp), (0.0, Double.leastNonzeroMagnitude)] {
            let ticks = niceTicks(lo, hi)
            XCTAssertTrue(!ticks.isEmpty && ticks.count <= 30, "\(lo)…\(hi): \(ticks.count) ticks")
        }
        var chart = LineChart(title: "flat", xLabel: "epoch", yLabel: "norm", series: [.init(name: "a", points: [(1, 0.1), (2, 0.1.nextUp), (3, 0.1)])])
        XCTAssertTrue(chart.svg.contains("<svg"))
        chart.logY = true
        XCTAssertTrue(chart.svg.contains("<svg"))
    }

    func testBrailleAndShadedText() {
        let t = TextPlot.lines([("loss", [(0, 1), (1, 0.5), (2, 0.25)])], width: 20, height: 5, title: "loss")
        let rows = t.split(separator: "\n")
        XCTAssertEqual(rows.first, "loss")
        XCTAssertEqual(rows.count, 1 + 5 + 2)
        XCTAssertTrue(t.unicodeScalars.contains { $0.value >= 0x2801 && $0.value <= 0x28FF })
        XCTAssertEqual(TextPlot.shaded([0, 0.5, 1, 0.25], rows: 2, cols: 2), "  ▒▒\n██░░\n")
    }

    /// Portuguese labels keep their accents: "ç" and "ã" are drawn as themselves, not as "?" or
    /// as the bare letter.
    func testAccentedLettersHaveTheirOwnGlyphs() {
        func pixels(_ t: String) -> [UInt8] {
            var c = Canvas(width: 16, height: 16)
            _ = c.text(t, x: 1, y: 1)
            return c.image.pixels
        }
        for (accented, plain) in [("ç", "c"), ("ã", "a"), ("é", "e"), ("Ó", "O"), ("ê", "e")] {
            XCTAssertNotEqual(pixels(accented), pixels("?"), accented)
            XCTAssertNotEqual(pixels(accented), pixels(plain), accented)
        }
        XCTAssertEqual(Canvas.textWidth("época"), Canvas.textWidth("epoca"))
    }

    func testTextIsDrawnWithTheEmbeddedFont() {
        var c = Canvas(width: 60, height: 20)
        let w = c.text("Hi 42", x: 2, y: 2)
        XCTAssertEqual(w, Canvas.textWidth("Hi 42"))
        XCTAssertGreaterThan(w, 20)
        let dark = stride(from: 0, to: c.image.pixels.count, by: 4).filter { c.image.pixels[$0] < 128 }.count
        XCTAssertGreaterThan(dark, 20, "glyph pixels were drawn")
        XCTAssertEqual(Colormap.viridis.color(0), Color(68, 1, 84))
        XCTAssertEqual(Colormap.viridis.color(1), Color(253, 231, 37))
    }
}

import JSONKit

/// The one table type: aligned text with nested rows, HTML with classes and no inline style, JSON rows.
final class TableTests: XCTestCase {
    func testThreeFormsOfOneTable() throws {
        var t = Table(title: "model m", [.init("layer"), .init("parameters", .right), .init("note")])
        t.add(["block1", "1,216"], strong: true)
        t.add(["conv1", "40", "a <b> & \"c\""], depth: 1)
        t.footer = ["total", "1,256", ""]
        t.notes = ["all good"]
        XCTAssertEqual(t.text, """
            model m
            layer    parameters  note
            ───────  ──────────  ───────────
            block1        1,216
              conv1          40  a <b> & "c"
            ───────  ──────────  ───────────
            total         1,256
            all good

            """)
        let html = t.html
        XCTAssertTrue(html.hasPrefix("<style>"))
        XCTAssertFalse(html.contains("style=\""), "no inline styles")
        XCTAssertTrue(html.contains("<td class=\"d1\">conv1</td><td class=\"num\">40</td><td>a &lt;b&gt; &amp; &quot;c&quot;</td>"), html)
        XCTAssertTrue(html.contains("<tfoot><tr><th>total</th><th class=\"num\">1,256</th>"), html)
        let json = t.json
        XCTAssertEqual(json["rows"]?.arrayValue?.count, 2)
        XCTAssertEqual(json["rows"]?.arrayValue?[1]["note"], "a <b> & \"c\"")
        XCTAssertEqual(json["rows"]?.arrayValue?[1]["depth"], .int(1))
        XCTAssertEqual(json["footer"]?["parameters"], "1,256")
    }
}
