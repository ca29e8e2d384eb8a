import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel

/// `check`: the end of an exercise the learner completes. The cell above it holds a model the
/// learner edits; `check` compares what that model gives (a layer's output shape, or the
/// parameters of a layer or of the whole model) with the exercise's target, and says "passed"
/// with how the number comes about, or "not yet" with what the model gives now and the
/// exercise's hint. It never fails the cell: a notebook shows the starting state of its
/// exercises, and the learner reruns the cell until it passes.
struct CheckCommand: Command {
    static let what = Key<String>("what", .choice(["shape", "params"]), positional: true,
                                  "shape: a layer's output shape; params: the parameters of a layer, or of the whole model without layer=")
    static let expect = Key<ParameterValue>("expect", .literal, "the target: a shape as a list ([8, 14, 14]) or a parameter count (15920)")
    static let hint = Key<String>("hint", .text, default: "", "what to try when the check does not pass yet")
    let spec = CommandSpec(
        name: "check",
        summary: "Checks an exercise: a layer's shape or a parameter count against the target, with a hint until it passes.",
        parameters: [what.spec, expect.spec, Common.layer.spec, Common.model.spec, hint.spec],
        examples: ["check shape layer=conv1 expect=[8, 14, 14] hint=\"A stride of 2 halves the size.\"",
                   "check params model=reduced expect=15920"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let entry = try env.model(inv)
        let target = try Self.integers(inv[Self.expect], at: inv.token(Self.expect))
        let name: String, got: [Int], shown: String, rule: String
        if inv[Self.what] == "shape" {
            guard inv.given(Common.layer) else { throw LanguageError(.value, at: inv.nameToken, "check shape needs layer=NAME") }
            let (n, layer) = try env.layerNamed(entry, inv)
            switch layer.outputShape {
            case .image(let c, let h, let w): got = [c, h, w]
            case .flat(let f): got = [f]
            }
            name = n
            shown = "\(layer.outputShape)"
            rule = CommandEnvironment.shapeRule(layer)
        } else if inv.given(Common.layer) {
            let (n, layer) = try env.layerNamed(entry, inv)
            name = n
            got = [layer.parameterCount]
            shown = formatCount(layer.parameterCount)
            rule = AskCommand.parameterRule(layer)
        } else {
            name = tr("model \(entry.name)")
            got = [entry.model.parameterCount]
            shown = formatCount(entry.model.parameterCount)
            rule = tr("The sum of its layers': ") + entry.model.allLayers().filter { $0.depth == 0 && $0.layer.parameterCount > 0 }
                .map { "\($0.name) \(formatCount($0.layer.parameterCount))" }.joined(separator: ", ") + "."
        }
        let wanted = target.count == 1 ? formatCount(target[0]) : "(" + target.map(String.init).joined(separator: ", ") + ")"
        let passed = got == target
        let says = inv[Self.what] == "shape" ? tr("\(name) gives \(shown)") : tr("\(name) has \(shown)")
        let verdict = passed ? tr("✓ Passed: \(says). \(rule)")
            : tr("✗ Not yet: \(says), and the exercise wants \(wanted).") + (inv[Self.hint].isEmpty ? "" : " " + tr("Hint: \(inv[Self.hint])"))
        let colour = passed ? "#1a8540" : "#b0501a"
        let html = "<div style=\"border-left:3px solid \(colour);padding:4px 10px\">\(escape(verdict))</div>"
        env.context.display(MimeBundle(data: ["text/plain": .string(verdict + "\n"), "text/html": .string(html)]))
    }

    /// A target written as one whole number or a list of them.
    static func integers(_ v: ParameterValue, at token: Token) throws -> [Int] {
        let items: [ParameterValue]
        if case .list(let l) = v { items = l } else { items = [v] }
        let out = items.compactMap(\.wholeNumber)
        guard !out.isEmpty, out.count == items.count, out.allSatisfy({ $0 >= 0 }) else {
            throw LanguageError(.value, at: token, "expect= is a whole number (a parameter count) or a list of them (a shape): expect=[8, 14, 14]")
        }
        return out
    }
}
