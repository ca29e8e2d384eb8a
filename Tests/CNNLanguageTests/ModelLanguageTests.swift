import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// Transcripts of the model language: cells in, exact outputs out (text; mime types for rich outputs).
final class ModelLanguageTests: XCTestCase {
    var interp: CNNInterpreter!
    var kernel: InMemoryKernel!
    override func setUp() {
        interp = CNNInterpreter()
        kernel = InMemoryKernel(interpreter: interp)
    }

    func outputs(_ code: String) -> [String] {
        let x = kernel.execute(code)
        kernel.core.stopAborting()
        return x.outputs.map { m in
            let c = m.content
            switch m.msgType {
            case "stream": return c["text"]!.stringValue!
            case "execute_result": return "result: " + c["data"]!["text/plain"]!.stringValue!
            case "display_data": return "display[" + c["data"]!.objectValue!.keys.sorted().joined(separator: ",") + "]"
            case "update_display_data": return "update"
            case "error": return "error: " + c["evalue"]!.stringValue!
            default: return m.msgType
            }
        }
    }

    func lastError(_ code: String) -> String { outputs(code).last { $0.hasPrefix("error: ") } ?? "no error" }

    func testZooParameterCountsThroughTheLanguage() {
        let expected = [("googlenet", 260_650, 259_498), ("resnet", 272_378, 272_090), ("preactresnet", 272_250, 271_962), ("densenet", 239_146, 238_570)]
        for (name, three, one) in expected {
            XCTAssertEqual(outputs("model m = \(name)\nparams m").last, "result: \(three)", name)
            XCTAssertEqual(outputs("model m = \(name) input=[1, 28, 28]\nparams m").last, "result: \(one)", name)
        }
        XCTAssertEqual(outputs("model s = simplecnn input=[1,28,28]\nparams").last, "result: 215370")
        // A cell's zoo model is the one `Zoo` gives the command line and the benchmarks.
        _ = outputs("model r2 = resnet")
        XCTAssertEqual(interp.session.models["r2"]!.model.spec, try Zoo.spec("resnet", input: .image(c: 3, h: 32, w: 32)))
    }

    func testParamsFollowsTheData() {
        XCTAssertEqual(outputs("data shapes n=100\nmodel r = resnet\nparams r").last, "result: 272090")
    }

    func testModelDefinitionAndSummary() {
        let out = outputs("""
            model net
              conv 16 kernel=5 pad=2
              relu
              maxpool 2
              flatten
              linear 10
            end
            summary
            """)
        XCTAssertEqual(out[0], "model net: (3, 32, 32) → (10), 42,186 parameters\n")
        XCTAssertEqual(out[1], "display[application/vnd.cnn-kernel.table+json,text/html,text/plain]")
        let s = ModelSummary.bundle(interp.session.models["net"]!, data: nil).data["text/plain"]!.stringValue!
        XCTAssertTrue(s.contains("conv1     conv (16, kernel 5, pad 2)  (N, 16, 32, 32)            1,216      1,228,800"), s)
        XCTAssertTrue(s.contains("linear1   linear (4096 → 10)"), s)
    }

    func testBranchesResidualsAndDense() {
        let out = outputs("""
            model b input=[3, 16, 16]
              conv 8 kernel=3 pad=1
              concat
              branch
                conv 4 kernel=1
              branch
                maxpool 3 stride=1 pad=1
                conv 2 kernel=1
              end
              residual
                conv 6 kernel=3 pad=1
                relu
              end
              residual
                conv 12 kernel=3 stride=2 pad=1
              shortcut
                conv 12 kernel=1 stride=2
              end
              dense
                conv 5 kernel=3 pad=1
              end
              gap
              linear 10
            end
            summary
            """)
        XCTAssertEqual(out[0], "model b: (3, 16, 16) → (10), 2,077 parameters\n")
        let names = interp.session.models["b"]!.model.parameters.map(\.0)
        XCTAssertTrue(names.contains("concat1.branch2.conv1.weight"), "\(names)")
        XCTAssertTrue(names.contains("residual2.shortcut.conv1.bias"), "\(names)")
        XCTAssertTrue(names.contains("dense1.new.conv1.weight"), "\(names)")
    }

    func testUserBlockIsAPluginForTheSession() {
        _ = outputs("""
            block twoconv(c, k=3)
              # Two convolutions of c channels with a ReLU between them.
              conv c kernel=k pad=int(k / 2)
              relu
              conv c kernel=k pad=int(k / 2)
            end
            """)
        XCTAssertTrue(interp.session.layers.names.contains("twoconv"))
        XCTAssertEqual(interp.session.layers.plugin(named: "twoconv")?.summary, "Two convolutions of c channels with a ReLU between them.")
        // The block belongs to this session: the process's registry and a second session do not have it.
        XCTAssertNil(LayerRegistry.shared.plugin(named: "twoconv"))
        let other = CNNInterpreter(loadPluginDirectories: false)
        XCTAssertNil(other.session.layers.plugin(named: "twoconv"))
        XCTAssertNotNil(other.session.layers.plugin(named: "resnet"), "each session has the zoo")
        XCTAssertEqual(InMemoryKernel(interpreter: other).execute("model t input=[1, 8, 8]\n  twoconv 4\nend").reply.content["status"], "error")
        // twoconv 4: 1→4 (40) and 4→4 (148); twoconv 2 k=1: 4→2 (10) and 2→2 (6); linear 128→3 (387)
        XCTAssertEqual(outputs("model t input=[1, 8, 8]\n  twoconv 4\n  twoconv 2 k=1\n  flatten\n  linear 3\nend\nparams t").last, "result: 591")
        XCTAssertTrue(interp.complete("model x\n  two", cursorPos: 15).matches.map(\.text) == ["twoconv"])
        XCTAssertTrue(interp.inspect("twoconv", cursorPos: 3, detailLevel: 0)!.data["text/plain"]!.stringValue!.contains("Two convolutions of c channels"))
        XCTAssertEqual(outputs("plugins").first, "display[application/vnd.cnn-kernel.table+json,text/html,text/plain]")
        XCTAssertEqual(outputs("show source twoconv").first?.hasPrefix("error"), false)
        // The summary indents a block's layers under it, in line with the columns above.
        let summary = kernel.execute("summary t").outputs.compactMap { $0.content["data"]?["text/plain"]?.stringValue }.joined()
        let lines = summary.split(separator: "\n")
        let block = lines.first { $0.hasPrefix("twoconv1 ") }!, inner = lines.first { $0.hasPrefix("  conv1 ") }
        XCTAssertNotNil(inner, summary)
        XCTAssertEqual(block.range(of: "(N, ")?.lowerBound.utf16Offset(in: block), inner.flatMap { $0.range(of: "(N, ")?.lowerBound.utf16Offset(in: $0) }, summary)
        let check = kernel.execute("gradcheck twoconv 2 input=[2, 5, 5]")
        XCTAssertEqual(check.reply.content["status"], "ok")
        XCTAssertTrue(check.outputs.contains { $0.content["data"]?["text/plain"]?.stringValue?.contains("all gradients agree") == true })
    }

    func testErrorsNameLineColumnAndSuggest() {
        XCTAssertEqual(lastError("model m\n  conv 8\n  maxpol 2\nend"), "error: line 3, column 3: unknown layer `maxpol`; did you mean `maxpool`?")
        XCTAssertEqual(lastError("model m\n  conv 8 kernal=3\nend"), "error: line 2, column 10: `kernal` is not an option of conv; did you mean `kernel`?")
        XCTAssertEqual(lastError("model m\n  conv 8\n"), "error: line 1, column 1: `model` opened here has no `end`")
        XCTAssertEqual(lastError("model m input=[1, 28, 28]\n  conv 8 kernel=5\n  flatten\n  linear 10 in_features=1568\nend"),
                       "error: line 4, column 3: linear expects 1568 inputs, gets 4608 (its input (4608) comes from flatten at line 3)")
        XCTAssertEqual(lastError("model m input=[3, 8, 8]\n  residual\n    conv 4 kernel=3 stride=2 pad=1\n  end\n  gap\n  linear 2\nend"),
                       "error: line 2, column 3: residual sum needs equal shapes: the body gives (4, 4, 4) but the identity shortcut keeps the input (3, 8, 8); add a projection shortcut")
        XCTAssertEqual(lastError("train epochs=1"), "error: line 1, column 1: no model yet: define one with `model NAME … end` or `model r = resnet`")
        XCTAssertEqual(lastError("model m = simplecnn\ntrain"), "error: line 2, column 1: no data loaded: start with `data fashion-mnist` (or `data shapes`)")
        XCTAssertEqual(lastError("train optimizer=sdg"), "error: line 1, column 17: `sdg` is not a valid optimizer of train (sgd, adam, adamw); did you mean `sgd`?")
        // A layer, or a near miss of one, at the top level: how to put it inside a model.
        XCTAssertEqual(lastError("conv 16"), "error: line 1, column 1: `conv` is a layer, not a command: layers go inside a model, one per line, as in `model m` / `  conv 16` / `end`")
        XCTAssertEqual(lastError("maxpool 2"), "error: line 1, column 1: `maxpool` is a layer, not a command: layers go inside a model, one per line, as in `model m` / `  maxpool 2` / `end`")
        XCTAssertEqual(lastError("maxpol 2"), "error: line 1, column 1: unknown command `maxpol`; did you mean the layer `maxpool`? Layers go inside a model, one per line, as in `model m` / `  maxpool 2` / `end`")
        XCTAssertEqual(lastError("resnet"), "error: line 1, column 1: `resnet` is a layer, not a command: layers go inside a model, one per line, as in `model m` / `  resnet` / `end`")
        XCTAssertEqual(lastError("trian epochs=1"), "error: line 1, column 1: unknown command `trian`; did you mean `train`?")
        XCTAssertEqual(lastError("model m = resnt"), "error: line 1, column 11: no model or block named `resnt`; did you mean `resnet`?")
        XCTAssertEqual(lastError("data shapes\nresidual\nend"), "error: line 2, column 1: `residual` goes inside a model or block")
        XCTAssertEqual(lastError("load \"/nonexistent/x.ckpt\""), "error: line 1, column 6: /nonexistent/x.ckpt: No such file or directory")
        XCTAssertEqual(lastError("data idx path=\"/nonexistent\""), "error: line 1, column 15: /nonexistent: no train-images-idx3-ubyte[.gz] (an IDX directory needs train- and optionally t10k- files)")
        XCTAssertTrue(lastError("plugin load \"/etc/hostname\"").hasPrefix("error: line 1, column 13: /etc/hostname is "))
        XCTAssertTrue(lastError("plugin load \"/etc/hostname\"").hasSuffix("; it is not loaded"))
    }

    func testACellKeepsTheEffectsBeforeAFailingLine() {
        let out = outputs("model a = simplecnn\nfail \"stop\"\nmodel b = simplecnn")
        XCTAssertEqual(out.count, 2)
        XCTAssertNotNil(interp.session.models["a"])
        XCTAssertNil(interp.session.models["b"])
        // A mistake found while checking options means nothing runs.
        XCTAssertEqual(outputs("model c = simplecnn\ntrain epochz=1").count, 1)
        XCTAssertNil(interp.session.models["c"])
    }

    func testTrainEvaluateSaveLoadRoundTrip() throws {
        let dir = NSTemporaryDirectory() + "cnn-lang-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let out = outputs("""
            seed 7
            data shapes n=600 size=16 seed=3
            model net
              conv 8 kernel=3 pad=1
              relu
              maxpool 2
              flatten
              linear 10
            end
            train epochs=2 batch=50 lr=0.05 schedule=multistep(2)
            evaluate
            save "\(dir)/net.ckpt"
            """)
        let evaluation = out.first { $0.hasPrefix("result: accuracy") }!
        XCTAssertTrue(out.contains("update"))
        XCTAssertTrue(out.contains { $0.hasPrefix("epoch 2: train loss") })
        let other = CNNInterpreter()
        let k2 = InMemoryKernel(interpreter: other)
        let out2 = k2.execute("data shapes n=600 size=16 seed=3\nload \"\(dir)/net.ckpt\"\nevaluate").outputs.compactMap { $0.content["data"]?["text/plain"]?.stringValue }
        XCTAssertEqual("result: " + out2.last!, evaluation, "the same accuracy after a restart")
        XCTAssertEqual(other.session.models["net"]?.history.epochs.count, 2)
    }

    func testCompletionContexts() {
        func matches(_ code: String) -> [String] { interp.complete(code, cursorPos: code.unicodeScalars.count).matches.map(\.text) }
        XCTAssertEqual(matches("model m\n  max"), ["maxpool"])
        XCTAssertEqual(matches("model m\n  conv 16 ker"), ["kernel="])
        XCTAssertEqual(matches("model m\n  conv 16 bias="), ["false", "true"])
        XCTAssertEqual(matches("train optimizer=a"), ["adam", "adamw"])
        XCTAssertEqual(matches("train sched"), ["schedule="])
        XCTAssertEqual(matches("train schedule=c"), ["constant", "cosine"])
        XCTAssertEqual(matches("data fa"), ["fashion-mnist"])
        XCTAssertEqual(matches("model r = res"), ["resblock", "resnet"])
        _ = outputs("model net = simplecnn")
        XCTAssertEqual(matches("summary ne"), ["net"])
        XCTAssertTrue(matches("train model=").contains("net"))
        XCTAssertTrue(matches("summary layer=co").contains("conv1"))
        XCTAssertTrue(matches("load \"/et").contains("/etc/"))
        let r = interp.complete("model m\n  conv 16 ker", cursorPos: 21)
        XCTAssertEqual(r.cursorStart, 18)
        XCTAssertEqual(r.matches.first?.type, "option")
    }

    func testIsCompleteWithBlocks() {
        XCTAssertEqual(interp.isComplete("model m\n  conv 8").status, .incomplete)
        XCTAssertEqual(interp.isComplete("model m\n  residual\n    conv 8").indent, "    ")
        XCTAssertEqual(interp.isComplete("model m\n  conv 8\nend").status, .complete)
        XCTAssertEqual(interp.isComplete("model r = resnet").status, .complete)
        XCTAssertEqual(interp.isComplete("end").status, .invalid)
    }

    func testInspectLayerOptionAndModel() {
        XCTAssertTrue(interp.inspect("model m\n  conv 8", cursorPos: 12, detailLevel: 0)!.data["text/plain"]!.stringValue!.hasPrefix("layer conv (also: conv2d): 2-D convolution"))
        XCTAssertEqual(interp.inspect("model m\n  conv 8 stride=2", cursorPos: 20, detailLevel: 0)!.data["text/plain"]!.stringValue!,
                       "conv stride: integer in 1…31, default 1\n\nstep between kernel positions\n")
        _ = outputs("model net = simplecnn")
        XCTAssertNotNil(interp.inspect("net", cursorPos: 2, detailLevel: 0)!.data["text/html"])
    }

    func testShowSourceOfTheZoo() {
        let x = kernel.execute("show source resnet")
        let text = x.outputs[0].content["data"]!["text/plain"]!.stringValue!
        XCTAssertTrue(text.hasPrefix("block resnet(classes=10, blocks=[3, 3, 3], channels=[16, 32, 64], act=relu)"), text)
        XCTAssertTrue(text.contains("resblock channels[g] subsample=(g > 0 and i == 0) act=act"))
    }

    func testGradcheckCommand() {
        let x = kernel.execute("gradcheck conv 4 kernel=3 stride=2 input=[2, 7, 7]")
        let text = x.outputs[0].content["data"]!["text/plain"]!.stringValue!
        XCTAssertTrue(text.hasPrefix("gradcheck conv on input (2, 2, 7, 7)"), text)
        XCTAssertTrue(text.contains("\nweight "), text)
        XCTAssertTrue(text.hasSuffix("all gradients agree\n"), text)
    }
}
