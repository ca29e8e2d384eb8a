import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// `show graph` draws a run of the same block once, with its count ("3 × resblock"), and
/// `layer=` draws one block alone, unfolded: a ResNet is as tall as its stages, a DenseNet's
/// dense blocks as tall as one of their layers.
final class GraphFoldingTests: XCTestCase {
    func svg(_ kernel: InMemoryKernel, _ code: String) -> String {
        let x = kernel.execute(code)
        XCTAssertEqual(x.reply.content["status"], "ok", code)
        return x.outputs.last { $0.msgType == "display_data" }?.content["data"]?["image/svg+xml"]?.stringValue ?? ""
    }

    func height(_ svg: String) -> Int {
        Int(svg.components(separatedBy: "height=\"").dropFirst().first?.split(separator: "\"").first ?? "") ?? 0
    }

    func testRepeatedBlocksFoldAndOneUnfolds() {
        let kernel = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        XCTAssertEqual(kernel.execute("data shapes n=100 size=32 channels=3\nmodel r = resnet\nmodel d = densenet").reply.content["status"], "ok")
        let r = svg(kernel, "show graph model=r")
        // blocks=[3, 3, 3]: three 16-channel blocks, then a subsampling block and two alike, twice.
        XCTAssertTrue(r.contains("3 × resblock: resblock1 … resblock3"), String(r.prefix(500)))
        XCTAssertEqual(r.components(separatedBy: "2 × resblock:").count - 1, 2)
        let d = svg(kernel, "show graph model=d")
        XCTAssertTrue(d.contains("× denselayer: denselayer1 …"), String(d.prefix(500)))
        let one = svg(kernel, "show graph model=r layer=resblock4")
        XCTAssertTrue(one.contains("resblock4 of model r: "), String(one.prefix(300)))
        XCTAssertLessThan(height(one), height(r))
        XCTAssertGreaterThan(height(r), 0)
    }

    func width(_ svg: String) -> Int {
        Int(svg.components(separatedBy: "width=\"").dropFirst().first?.split(separator: "\"").first ?? "") ?? 0
    }

    /// The zoo's graphs stay legible in a notebook: at most 1,000 px wide, which JupyterLab's
    /// output area shows at (nearly) full size. GoogLeNet's was 1,405 px and ResNet's 1,171 px
    /// when every branch kept a fixed margin for its shape labels. A join names the channels it adds.
    func testTheZooGraphsFitANotebooksWidth() {
        let kernel = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        XCTAssertEqual(kernel.execute("data shapes n=100 size=32 channels=3").reply.content["status"], "ok")
        for zoo in ["googlenet", "resnet", "preactresnet", "densenet"] {
            let graph = svg(kernel, "model \(zoo) = \(zoo)\nshow graph")
            XCTAssertGreaterThan(width(graph), 400, zoo)
            XCTAssertLessThanOrEqual(width(graph), 1000, zoo)
        }
        let g = svg(kernel, "show graph model=googlenet")
        XCTAssertTrue(g.contains("concat: 16 + 32 + 8 + 8 channels"), "inception1's four branches")
        XCTAssertTrue(svg(kernel, "show graph model=densenet").contains("concat: 16 + 32 channels (new, input)"))
    }
}
