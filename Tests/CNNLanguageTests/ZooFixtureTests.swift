import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// The engine's tests run the zoo's models from Tests/CNNEngineTests/Fixtures/zoo.json (the
/// engine does not depend on the language). This test fails when that file and the language's
/// zoo differ, and rewrites it when CNN_KERNEL_UPDATE_FIXTURES=1.
final class ZooFixtureTests: XCTestCase {
    static let entries: [(key: String, line: String, input: [Int])] = [
        ("simplecnn", "simplecnn", [1, 28, 28]),
        ("resnet", "resnet", [3, 32, 32]),
        ("preactresnet", "preactresnet", [3, 32, 32]),
        ("googlenet", "googlenet", [3, 32, 32]),
        ("densenet", "densenet", [3, 32, 32]),
        ("resnet-small", "resnet blocks=[1, 1] channels=[8, 16]", [3, 12, 12]),
        ("preactresnet-small", "preactresnet blocks=[1, 1] channels=[8, 16]", [3, 12, 12]),
        ("densenet-small", "densenet layers=[1, 1] growth=4", [3, 12, 12]),
    ]
    static let path = String(#filePath.dropLast("CNNLanguageTests/ZooFixtureTests.swift".count)) + "CNNEngineTests/Fixtures/zoo.json"

    func testEngineFixturesAreTheLanguageZoo() throws {
        var expected: [String: JSON] = [:]
        for e in Self.entries {
            let parts = e.line.split(separator: " ", maxSplits: 1).map(String.init)
            let spec = try Zoo.spec(parts[0], parts.count > 1 ? parts[1] : "", input: .image(c: e.input[0], h: e.input[1], w: e.input[2]))
            expected[e.key] = ["line": .string(e.line), "input": .array(e.input.map { .int($0) }), "architecture": spec.json]
        }
        let text = JSON.object(expected).prettyString() + "\n"
        if FileIO.environment("CNN_KERNEL_UPDATE_FIXTURES") == "1" {
            try FileIO.writeAtomically(path: Self.path, bytes: Array(text.utf8))
        }
        let stored = try JSON.parse(String(decoding: try FileIO.readAll(path: Self.path), as: UTF8.self))
        for e in Self.entries {
            let a = try ModelSpec(json: try XCTUnwrap(stored[e.key]?["architecture"], e.key))
            let b = try ModelSpec(json: try XCTUnwrap(expected[e.key]?["architecture"]))
            XCTAssertEqual(a, b, "\(e.key): Fixtures/zoo.json differs from the zoo; rerun with CNN_KERNEL_UPDATE_FIXTURES=1")
        }
    }
}
