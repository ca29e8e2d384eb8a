import CNNCore
import JSONKit
@testable import CNNEngine
import XCTest

enum Support {
    static let registered: Void = BuiltinLayers.register()

    static func build(_ name: String, _ args: [String: ParameterValue] = [:], input: FeatureShape) throws -> Layer {
        _ = registered
        let plugin = LayerRegistry.shared.plugin(named: name)!
        let layer = try plugin.build(try plugin.bind(args), input: input)
        layer.initializeAll(RandomSource(seed: 3), scheme: .pytorch)
        return layer
    }

    /// Random input with every |value| ≥ 0.1, so ±ε (0.01) never crosses a ReLU kink.
    static func input(_ batch: Int, _ shape: FeatureShape, seed: UInt64 = 9) -> Tensor {
        let rng = RandomSource(seed: seed)
        let t = Tensor(batch: batch, shape: shape)
        for i in 0..<t.count {
            let m = Float(rng.uniform(0.1, 1.0))
            t.data[i] = rng.uniform() < 0.5 ? -m : m
        }
        return t
    }

    /// Distinct values spaced ≥ 0.05 apart in random order: max-pool windows never tie under ±ε.
    static func distinctInput(_ batch: Int, _ shape: FeatureShape, seed: UInt64 = 5) -> Tensor {
        let rng = RandomSource(seed: seed)
        let t = Tensor(batch: batch, shape: shape)
        var values = (0..<t.count).map { Float($0) * 0.05 - Float(t.count) * 0.025 }
        rng.shuffle(&values)
        for i in 0..<t.count { t.data[i] = values[i] }
        return t
    }

    static func assertGradients(_ layer: Layer, _ x: Tensor, training: Bool = true, tolerance: Double = 2e-2,
                                file: StaticString = #filePath, line: UInt = #line) {
        let entries = GradientCheck.run(layer: layer, input: x, tolerance: tolerance, training: training)
        for e in entries { XCTAssertTrue(e.passed, "\(layer.typeName) \(e)", file: file, line: line) }
        XCTAssertEqual(entries.count, 1 + layer.namedParameters().count, file: file, line: line)
    }
}

/// Architectures of the language's zoo for the engine's tests, which do not depend on the
/// language: Fixtures/zoo.json holds each one's model line, input shape and architecture as a
/// checkpoint stores it. It is written by the language's ZooFixtureTests
/// (CNN_KERNEL_UPDATE_FIXTURES=1 swift test --filter ZooFixtureTests), which also fail when the
/// file and the zoo differ, so the engine's tests always run the zoo's models.
enum ZooFixtures {
    static let path = String(#filePath.dropLast("EngineTestSupport.swift".count)) + "Fixtures/zoo.json"

    static func spec(_ key: String) throws -> (ModelSpec, FeatureShape) {
        let json = try JSON.parse(String(decoding: try DataReaders.readFile(path), as: UTF8.self))
        guard let entry = json[key], let dims = entry["input"]?.arrayValue?.compactMap(\.intValue), dims.count == 3,
              let architecture = entry["architecture"] else {
            throw DataError("\(path) has no model \(key)")
        }
        return (try ModelSpec(json: architecture), .image(c: dims[0], h: dims[1], w: dims[2]))
    }

    static func model(_ key: String) throws -> Model {
        let (spec, input) = try spec(key)
        return try Model(spec: spec, input: input)
    }
}
