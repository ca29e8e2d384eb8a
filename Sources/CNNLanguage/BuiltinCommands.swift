import JSONKit
import JupyterKernel

/// The first commands of the language: output, errors, waiting, a live display, help.
enum BuiltinCommands {
    static let print = CommandSpec(
        name: "print", summary: "Writes its values to standard output, separated by spaces.",
        positionals: [ParameterSpec("values", .any, variadic: true, "strings in double quotes, or numbers and arithmetic")],
        examples: ["print \"hello, world\"", "print \"two times three is\" 2 * 3"])

    static let warn = CommandSpec(
        name: "warn", summary: "Writes its values to standard error (shown in red by most frontends).",
        positionals: [ParameterSpec("values", .any, variadic: true, "strings in double quotes, or numbers")],
        examples: ["warn \"learning rate looks high\""])

    static let fail = CommandSpec(
        name: "fail", summary: "Stops the cell with an error carrying the message.",
        doc: "Lines before it have run and their effects stay; lines after it do not run.",
        positionals: [ParameterSpec("message", .text, "what went wrong")],
        examples: ["fail \"stop here\""])

    static let sleep = CommandSpec(
        name: "sleep", summary: "Waits the given number of seconds. An interrupt ends the wait at once.",
        positionals: [ParameterSpec("seconds", .number(min: 0, max: 86_400), "how long to wait")],
        examples: ["sleep 0.5"])

    static let progress = CommandSpec(
        name: "progress", summary: "Shows a progress bar and advances it in place, one step at a time.",
        doc: "One output is shown and then updated once per step (update_display_data), not one line per step.\n"
            + "Steps are capped at 10000 so that a typo cannot flood the frontend with updates.",
        positionals: [ParameterSpec("steps", .integer(min: 1, max: 10_000), "number of steps")],
        options: [ParameterSpec("delay", .number(min: 0, max: 3600), default: "0.1", "seconds to wait at each step")],
        examples: ["progress 20", "progress 5 delay=0.5"])

    static let clear = CommandSpec(
        name: "clear", summary: "Clears the output of the cell so far.",
        options: [ParameterSpec("wait", .bool, default: "false", "clear only when the next output arrives (no flicker)")],
        examples: ["clear", "clear wait=true"])

    static let help = CommandSpec(
        name: "help", summary: "Shows the documentation of a command, or the list of commands.",
        positionals: [ParameterSpec("topic", .name, default: "", "a command name")],
        examples: ["help", "help progress"])

    static let exit = CommandSpec(
        name: "exit", summary: "Ends a jupyter console session (notebooks ignore it; the kernel keeps running there).",
        options: [ParameterSpec("keep_kernel", .bool, default: "false", "leave the kernel running after the console exits")],
        examples: ["exit"])

    static let all: [CommandSpec] = [print, warn, fail, sleep, progress, clear, help, exit]
}

/// Draws the text and HTML forms of a progress bar.
enum ProgressBar {
    static func bundle(step: Int, of total: Int, label: String = "progress") -> MimeBundle {
        let width = 30
        let fraction = total > 0 ? Double(step) / Double(total) : 1
        let eighths = Int((fraction * Double(width * 8)).rounded(.down))
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths / 8 < width { bar += partials[eighths % 8] }
        bar += String(repeating: " ", count: max(0, width - bar.count))
        let percent = Int((fraction * 100).rounded(.down))
        let text = "\(label) ▕\(bar)▏ \(step)/\(total) (\(percent)%)"
        let html =
            "<div style=\"font-family:monospace\"><progress value=\"\(step)\" max=\"\(total)\" style=\"width:20em\"></progress>"
            + " \(step)/\(total) (\(percent)%)</div>"
        return MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)])
    }
}
