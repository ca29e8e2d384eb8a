import CNNCore
import CNNEngine

/// The model zoo for code outside a cell (`cnn-kernel train`, `cnn-kernel bench`, tests): the
/// same blocks a cell's `model r = resnet blocks=[2, 2, 2]` uses (ZooSource), expanded by the
/// language. There is no other zoo.
public enum Zoo {
    public static let names = ["simplecnn", "googlenet", "resnet", "preactresnet", "densenet"]

    /// The input a reference model is measured on: 28×28 grey for simplecnn, 32×32 colour for the others.
    public static func referenceInput(_ name: String) -> FeatureShape {
        name == "simplecnn" ? .image(c: 1, h: 28, w: 28) : .image(c: 3, h: 32, w: 32)
    }

    /// The architecture of `name` with `arguments` written as on a model line (`blocks=[1, 1] classes=4`).
    public static func spec(_ name: String, _ arguments: String = "", input: FeatureShape) throws -> ModelSpec {
        try model(name, arguments, input: input).spec
    }

    /// The model itself, its layers built once for `input`.
    public static func model(_ name: String, _ arguments: String = "", input: FeatureShape) throws -> Model {
        let interpreter = CNNInterpreter(loadPluginDirectories: false)
        let line = "\(name) \(arguments)"
        let statements = try Parser.parse(line)
        guard statements.count == 1, case .command(let token, let args) = statements[0], interpreter.session.definitions[name] != nil else {
            throw LanguageError(.name, at: SourceLocation(line: 1, column: 1), "no zoo model `\(name)`\(Suggest.hint(for: name, in: names))")
        }
        var expander = ModelExpander(definitions: interpreter.session.definitions, registry: interpreter.session.layers)
        ExpansionGuard.startCell(shouldStop: { false })
        let item = try expander.expandLayer(token, args, env: [:], input: input)
        guard case .sequence(let items, _, _) = item.spec, let s = item.layer as? Sequence else { preconditionFailure("a zoo model is a block") }
        return try Model(spec: .seq(items), root: Sequence(s.items, input: input), input: input)
    }
}
