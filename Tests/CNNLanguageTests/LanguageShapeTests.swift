import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// The language's one shape: one parameter vocabulary and binder for commands, layers and
/// blocks (one wording of every error), names written the same way everywhere, gradcheck's
/// options checked with the rest of the cell, and every command registered once.
final class LanguageShapeTests: XCTestCase {
    var interp: CNNInterpreter!
    var kernel: InMemoryKernel!
    override func setUp() {
        interp = CNNInterpreter(loadPluginDirectories: false)
        kernel = InMemoryKernel(interpreter: interp)
    }

    func run(_ code: String) -> (status: String, outputs: [String], error: String?) {
        let x = kernel.execute(code)
        kernel.core.stopAborting()
        let texts = x.outputs.compactMap { m -> String? in
            m.content["text"]?.stringValue ?? m.content["data"]?["text/plain"]?.stringValue
        }
        let error = x.outputs.first { $0.msgType == "error" }?.content["evalue"]?.stringValue
        return (x.reply.content["status"]?.stringValue ?? "?", texts, error)
    }

    func testOneWordingForCommandsLayersAndBlocks() {
        // The same mistake, the same sentence, whoever owns the parameter.
        XCTAssertEqual(run("train epochs=0").error, "line 1, column 14: epochs of train must be ≥ 1, got 0")
        XCTAssertEqual(run("model m input=[1, 8, 8]\n  conv 4 kernel=0\nend").error, "line 2, column 17: kernel of conv must be ≥ 1, got 0")
        XCTAssertEqual(run("train epochs=1.5").error, "line 1, column 14: epochs of train must be a whole number in 1…10000, got 1.5")
        XCTAssertEqual(run("model m input=[1, 8, 8]\n  conv 2.5\nend").error, "line 2, column 8: out_channels of conv must be a whole number in 1…65536, got 2.5")
        XCTAssertEqual(run("train epoch=2").error, "line 1, column 7: `epoch` is not an option of train; did you mean `epochs`?")
        XCTAssertEqual(run("model m input=[1, 8, 8]\n  conv 4 kernal=3\nend").error, "line 2, column 10: `kernal` is not an option of conv; did you mean `kernel`?")
        XCTAssertEqual(run("model m input=[1, 8, 8]\n  conv 4 kernel=3 kernel=5\nend").error, "line 2, column 19: `kernel` is given twice")
        XCTAssertEqual(run("train epochs=1 epochs=2").error, "line 1, column 16: `epochs` is given twice")
        // A block's parameters go through the same binder.
        _ = run("block pair(c, k=3)\n  conv c kernel=k\n  relu\nend")
        XCTAssertEqual(run("model m input=[1, 8, 8]\n  pair 4 kernal=5\nend").error, "line 2, column 10: `kernal` is not an option of pair (options: c, k, name)")
        XCTAssertEqual(run("model m input=[1, 8, 8]\n  pair\nend").error?.hasPrefix("line 2, column 7: pair needs c (value)"), true)
        XCTAssertEqual(run("model m input=[1, 8, 8]\n  pair 4 5 6\nend").error?.hasPrefix("line 2, column 12: pair takes 2 positional values; unexpected a number"), true)
        // Values that do not fit a whole number are refused, not converted.
        XCTAssertEqual(run("train epochs=1e300").error, "line 1, column 14: epochs of train must be a whole number in 1…10000, got 1e+300")
        XCTAssertEqual(run("seed 1e19").error, "line 1, column 6: value of seed must be a whole number in 0…2147483647, got 1e+19")
    }

    func testTypedDefaultsReachBlocksAsValues() throws {
        // A list default reaches the block as a list (no text parsed back), through the plugin interface too.
        XCTAssertEqual(run("block stack(widths=[2, 3])\n  repeat len(widths) as i\n    conv widths[i] kernel=1\n  end\nend").status, "ok")
        let plugin = try XCTUnwrap(interp.session.layers.plugin(named: "stack"))
        XCTAssertEqual(plugin.parameters.first?.defaultValue, .list([.number(2), .number(3)]))
        let layer = try plugin.build(try plugin.bind([:]), input: .image(c: 1, h: 4, w: 4))
        XCTAssertEqual(layer.outputShape, .image(c: 3, h: 4, w: 4))
        let wider = try plugin.build(try plugin.bind(["widths": .list([.number(5)])]), input: .image(c: 1, h: 4, w: 4))
        XCTAssertEqual(wider.outputShape, .image(c: 5, h: 4, w: 4))
    }

    func testNamesAreBareWordsEverywhere() {
        let cell = "model net input=[1, 8, 8]\n  conv 2 kernel=3 name=stem\n  relu name=\"act\"\n  gap\n  linear 3\nend"
        XCTAssertEqual(run(cell).status, "ok")
        XCTAssertEqual(interp.session.models["net"]?.model.allLayers().map(\.name), ["stem", "act", "gap1", "linear1"])
        XCTAssertEqual(run("model other input=[1, 8, 8]\n  conv 2 name=a.b\nend").error, "line 2, column 15: name= takes a name without dots, such as name=stem")
        XCTAssertEqual(run("use net").status, "ok")
        XCTAssertEqual(run("use \"net\"").status, "ok")
        XCTAssertEqual(run("setweights layer=stem values=[0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]").status, "ok")
        XCTAssertEqual(run("summary net").status, "ok")
        XCTAssertEqual(run("help conv").status, "ok")
    }

    func testGradcheckOptionsAreCheckedBeforeTheCellRuns() {
        // The `print` on line 1 must not run: the layer option on line 2 is wrong.
        let r = run("print \"ran\"\ngradcheck conv 4 kernal=3")
        XCTAssertEqual(r.status, "error")
        XCTAssertEqual(r.outputs, [])
        XCTAssertEqual(r.error, "line 2, column 18: `kernal` is not an option of conv; did you mean `kernel`?")
        XCTAssertEqual(run("print \"ran\"\ngradcheck conv").error, "line 2, column 15: conv needs out_channels (integer in 1…65536)")
        XCTAssertEqual(run("print \"ran\"\ngradcheck convv 4").error, "line 2, column 11: unknown layer `convv`; did you mean `conv`?")
        XCTAssertEqual(run("print \"ran\"\ngradcheck conv 4 batch=0").error, "line 2, column 24: batch of gradcheck must be ≥ 1, got 0")
        XCTAssertEqual(run("gradcheck conv 4 input=[3, 8]").error, "line 1, column 24: input is [C, H, W] (or [F] for flat features), in positive whole numbers")
        // A block the same cell defines first is checked when its line runs.
        let ok = run("block b2(c)\n  conv c kernel=1\nend\ngradcheck b2 2 input=[2, 4, 4]")
        XCTAssertEqual(ok.status, "ok")
        XCTAssertTrue(ok.outputs.joined().contains("all gradients agree"))
        // A block the cell redefines is checked against its new parameters, when the line runs.
        XCTAssertEqual(run("block b3(c)\n  conv c kernel=1\nend").status, "ok")
        XCTAssertEqual(run("block b3(c, k=1)\n  conv c kernel=k\nend\ngradcheck b3 2 k=3 input=[2, 4, 4]").status, "ok")
        // A plugin library the cell loads first may add the layer: checked when the line runs.
        XCTAssertEqual(run("plugin load \"/nonexistent/libX.so\"\ngradcheck swish2 input=[2, 3, 3]").error?.hasPrefix("line 1, column 13:"), true)
        // Completion offers the layer's options after gradcheck.
        XCTAssertTrue(interp.complete("gradcheck conv 4 ker", cursorPos: 20).matches.map(\.text).contains("kernel="))
    }

    /// `train lr=100` stops with an error naming the step and suggesting a smaller rate; the
    /// model keeps finite weights and can be evaluated and trained on.
    func testDivergingTrainingSaysSoAndKeepsAUsableModel() {
        XCTAssertEqual(run("data shapes n=200 size=16\nmodel net\n  conv 8 kernel=3\n  relu\n  flatten\n  linear 10\nend").status, "ok")
        let r = run("train lr=100 batch=20")
        XCTAssertEqual(r.status, "error")
        XCTAssertTrue(r.error?.contains("training diverged at step") == true, r.error ?? "")
        XCTAssertTrue(r.error?.contains("try a smaller learning rate, such as lr=10") == true, r.error ?? "")
        let weights = interp.session.models["net"]!.model.parameters.flatMap { $0.1.value.values }
        XCTAssertTrue(weights.allSatisfy(\.isFinite))
        XCTAssertEqual(run("evaluate").status, "ok")
        XCTAssertEqual(run("train lr=100 batch=20").error?.contains("training diverged at step"), true, "never silently")
    }

    /// Files the learner names are read only when they are regular files: no wait on a FIFO, no
    /// endless read of a device.
    func testDevicesAndPipesAreRefusedAtOnce() {
        XCTAssertEqual(run("load \"/dev/zero\"").error, "line 1, column 6: /dev/zero is a character device, not a regular file")
        XCTAssertEqual(run("data idx path=\"/dev\"").status, "error")
        XCTAssertEqual(run("print 1").status, "ok")
    }

    /// Option values that only the command understands are checked with the rest of the cell too.
    func testScheduleAndAugmentationMistakesStopTheCellBeforeItRuns() {
        for cell in ["print \"ran\"\ntrain schedule=multistep", "print \"ran\"\ntrain schedule=onecycle(2)",
                     "print \"ran\"\ndata shapes augment=[crop(99)]", "print \"ran\"\ndata idx"] {
            let r = run(cell)
            XCTAssertEqual(r.status, "error", cell)
            XCTAssertEqual(r.outputs.filter { $0 == "ran\n" }, [], "\(cell): line 1 ran")
        }
    }

    /// A layer whose weights would not fit is an error at its line, not an allocation that kills the kernel.
    func testALayerTooLargeToAllocateIsAnErrorAtItsLine() {
        XCTAssertEqual(run("model huge input=[64, 64, 64]\n  conv 65536 kernel=31\nend").error?.hasPrefix("line 2, column 3: conv with 65536 output channels, 64 input channels per group and a 31×31 kernel would hold more than 268,435,456 weights"), true)
        XCTAssertEqual(run("model wide input=[64, 64, 64]\n  flatten\n  linear 1048576\nend").error?.hasPrefix("line 3, column 3: linear from 262144 inputs to 1048576 outputs would hold more than"), true)
        XCTAssertEqual(run("print 1").status, "ok")
    }

    func testEveryCommandIsRegisteredOnceAndDocumented() {
        let names = Commands.all.map(\.spec.name)
        XCTAssertEqual(Set(names).count, names.count)
        for c in Commands.all {
            XCTAssertFalse(c.spec.summary.isEmpty, c.spec.name)
            XCTAssertEqual(run("help \(c.spec.name)").status, "ok", c.spec.name)
            for p in c.spec.parameters { XCTAssertFalse(p.doc.isEmpty, "\(c.spec.name) \(p.name)") }
        }
        // Every view and explanation answers to a name of its command's `what`.
        XCTAssertEqual(Set(Views.all.map(\.name)).count, Views.all.count)
        XCTAssertEqual(Set(Explanations.names).count, Explanations.names.count)
    }

    /// The same schedule and augmentation text means the same thing to the language and to the
    /// command line (both read it through the engine).
    func testScheduleAndAugmentationTextIsReadOnce() throws {
        for (text, expected) in [("multistep(2)", Schedule.multistep(milestones: [2], gamma: 0.1)), ("cosine", .cosine), ("onecycle", .onecycle(warmup: 0.3)),
                                 ("onecycle(0.2)", .onecycle(warmup: 0.2)), ("multistep(100, 150)", .multistep(milestones: [100, 150], gamma: 0.1))] {
            let v = try Evaluator.evaluate(try XCTUnwrap(Parser.expression(text)))
            XCTAssertEqual(try Schedule(v), expected, text)
            XCTAssertEqual(try Schedule(try Evaluator.evaluate(try XCTUnwrap(Parser.expression(expected.written)))), expected, text)
        }
        XCTAssertThrowsError(try Schedule(.call("multistep", [.number(1e300)])))
        XCTAssertEqual(run("train schedule=multistep(1e300)").status, "error")
        let v = try Evaluator.evaluate(try XCTUnwrap(Parser.expression("[flip, crop(2)]")))
        XCTAssertEqual(try Augmentation.list(v), [.flip, .crop(padding: 2)])
        XCTAssertThrowsError(try Augmentation.list(.list([.word("flop")])))
    }
}

/// The one number formatter never traps, and quoted names in a list of names are names.
final class NumberFormatAndNamesTests: XCTestCase {
    func testFixedFallsBackToScientificBeforeIntOverflows() {
        XCTAssertEqual(NumberFormat.fixed(1e13, 6), "1.00e+13")
        XCTAssertEqual(NumberFormat.fixed(-9.5e12, 6), "-9.50e+12")
        XCTAssertEqual(NumberFormat.fixed(123.456789, 3), "123.457")
        XCTAssertEqual(NumberFormat.fixed(1e14, 2), "100000000000000.00")
    }

    func testQuotedNamesInAListOfNames() throws {
        let spec = ParameterSpec("augment", .words, default: .list([]), "")
        XCTAssertEqual(try Binder.check(.list([.string("flip"), .call("crop", [.number(2)])]), spec, of: "data"),
                       .list([.word("flip"), .call("crop", [.number(2)])]))
        XCTAssertEqual(try Binder.check(.string("flip"), spec, of: "data"), .list([.word("flip")]))
        XCTAssertThrowsError(try Binder.check(.list([.number(2)]), spec, of: "data"))
    }
}
