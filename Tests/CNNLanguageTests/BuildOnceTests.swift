import CNNCore
import CNNEngine
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// A model line builds each of its layers exactly once, and the layers that were checked are
/// the ones that run. Each plugin of the registry is wrapped so that every `build` is counted
/// and every layer it makes is remembered.
final class BuildOnceTests: XCTestCase {
    final class CountingPlugin: LayerPlugin, @unchecked Sendable {
        let inner: LayerPlugin
        var built: [ObjectIdentifier] = []
        init(_ inner: LayerPlugin) { self.inner = inner }
        var name: String { inner.name }
        var aliases: [String] { inner.aliases }
        var summary: String { inner.summary }
        var doc: String { inner.doc }
        var parameters: [ParameterSpec] { inner.parameters }
        func build(_ arguments: Arguments, input: FeatureShape) throws -> Layer {
            let l = try inner.build(arguments, input: input)
            built.append(ObjectIdentifier(l))
            return l
        }
    }

    /// Every leaf layer (a layer without children) of a tree.
    func leaves(_ l: Layer) -> [ObjectIdentifier] {
        l.children.isEmpty ? [ObjectIdentifier(l)] : l.children.flatMap { leaves($0.layer) }
    }

    /// Every node's dotted name, type and output shape, parents first.
    func describe(_ l: Layer, _ prefix: String = "") -> [String] {
        [prefix + " " + l.typeName + " " + l.outputShape.description]
            + l.children.flatMap { describe($0.layer, prefix + "." + $0.name) }
    }

    func testZooModelsBuildEachLayerOnce() throws {
        let interp = CNNInterpreter(loadPluginDirectories: false)
        let shared = LayerRegistry.shared
        for zoo in ["simplecnn", "resnet", "preactresnet", "googlenet", "densenet"] {
            let registry = LayerRegistry()
            var counters: [CountingPlugin] = []
            for n in shared.names {
                let c = CountingPlugin(shared.plugin(named: n)!)
                try registry.register(c)
                counters.append(c)
            }
            var expander = ModelExpander(definitions: interp.session.definitions, registry: registry)
            let token = try XCTUnwrap(try Lexer.tokenize(zoo).first)
            let item = try expander.expandLayer(token, [], env: [:], input: .image(c: 3, h: 32, w: 32))
            let built = counters.flatMap(\.built)
            let inTree = leaves(item.layer)
            XCTAssertEqual(built.count, inTree.count, "\(zoo): \(built.count) builds for \(inTree.count) layers")
            XCTAssertTrue(Set(built) == Set(inTree), "\(zoo): the layers built are the layers of the model")
            XCTAssertGreaterThan(inTree.count, 5, zoo)
            // The tree the expander assembled is the one a build from its spec makes.
            let rebuilt = try ModelBuilder.build(item.spec, input: .image(c: 3, h: 32, w: 32))
            XCTAssertEqual(rebuilt.parameterCount, item.layer.parameterCount, zoo)
            XCTAssertEqual(describe(rebuilt), describe(item.layer), zoo)
        }
    }

    func testTheModelThatRunsIsTheOneTheLineBuilt() throws {
        // A layer line with a block inside a model: the model's layers are the expander's.
        let interp = CNNInterpreter(loadPluginDirectories: false)
        let kernel = InMemoryKernel(interpreter: interp)
        let x = kernel.execute("model r = resnet\nmodel n input=[1, 8, 8]\n  conv 4 kernel=3\n  relu\n  gap\n  linear 3\nend")
        XCTAssertEqual(x.reply.content["status"]?.stringValue, "ok")
        XCTAssertEqual(interp.session.models["r"]?.model.parameterCount, 272_378)
        XCTAssertEqual(interp.session.models["n"]?.model.allLayers().map(\.name), ["conv1", "relu1", "gap1", "linear1"])
    }
}
