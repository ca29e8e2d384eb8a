import CNNCore
import JupyterKernel

/// `progress`: a live display updated in place.
struct ProgressCommand: Command {
    static let steps = Key<Int>("steps", .integer(min: 1, max: 10_000), positional: true, "number of steps")
    static let delay = Key<Double>("delay", .number(min: 0, max: 3600), default: 0.1, "seconds to wait at each step")
    let spec = CommandSpec(
        name: "progress", summary: "Shows a progress bar and advances it in place, one step at a time.",
        doc: "One output is shown and then updated once per step (update_display_data), not one line per step; a console, which shows no updates, gets a line rewritten in place.\n"
            + "Steps are capped at 10000 so that a typo cannot flood the frontend with updates.",
        parameters: [steps.spec, delay.spec], examples: ["progress 20", "progress 5 delay=0.5"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let (steps, delay, context) = (inv[Self.steps], inv[Self.delay], env.context)
        let bar = LiveProgressBar(context, total: steps, updateInterval: 0)
        for step in 1...steps {
            if !context.token.sleep(seconds: delay) {
                bar.finish(at: step - 1, label: "interrupted")
                throw ExecutionInterrupted()
            }
            bar.advance(to: step)
        }
        bar.finish(at: steps)
    }
}
