import CNNCore
import JupyterKernel

/// `params`: the number of trained parameters, as the cell's value.
struct ParamsCommand: Command {
    static let model = Key<String>("model", .name, default: "", positional: true, "a model name (default: the current model)")
    let spec = CommandSpec(
        name: "params", summary: "The number of trained parameters of a model, as the cell's value.",
        parameters: [model.spec], examples: ["params r"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        env.context.result(.text("\(try env.model(inv, Self.model).model.parameterCount)"))
    }
}
