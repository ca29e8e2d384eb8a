import CNNCore
import CNNEngine

/// `help` and inspection: the overview of the language and the text of one topic.
extension CNNInterpreter {
    func overviewHelp() -> String {
        var s = "CNN kernel \(CNNInterpreter.version)\n\nCommands:\n"
        let width = max(commandNames.map(\.count).max() ?? 0, 12)
        func pad(_ n: String) -> String { n + String(repeating: " ", count: max(0, width - n.count)) }
        for c in commands { s += "  \(pad(c.spec.name))  \(c.spec.summary)\n" }
        s += "\nBlocks (closed by `end`):\n"
        for k in ["model", "block", "residual", "concat", "dense", "repeat", "if"] {
            s += "  \(pad(k))  \(Keywords.docs[k]!.split(separator: "\n").first!)\n"
        }
        s += "\nLayers (inside a model or block):\n"
        for n in session.layers.names where session.definitions[n] == nil {
            s += "  \(pad(n))  \(session.layers.plugin(named: n)!.summary)\n"
        }
        let blocks = session.definitions.values.sorted { $0.name < $1.name }
        if !blocks.isEmpty {
            s += "\nBlocks and zoo models (use in a model, or `model r = NAME`; `show source NAME`):\n"
            for d in blocks { s += "  \(pad(d.name))  \(d.signature)\n" }
        }
        s += "\nA bare arithmetic expression (1 + 2, 2 * (3 + 4)) shows its value.\n"
        s += "A cell is checked as a whole before it runs: a syntax or option mistake anywhere means nothing runs.\n"
        s += "A failing line stops the cell; the lines before it keep their effects.\n"
        s += "\n`help NAME` shows one command, layer or block; Shift-Tab on a name shows the same in a notebook.\n"
        return s
    }

    func helpText(_ topic: String) -> String? {
        if let c = command(named: topic) { return c.spec.helpText }
        if let d = session.definitions[topic] { return "block \(d.signature)    (\(d.origin))\n\n\(d.doc)\n" }
        if let p = session.layers.plugin(named: topic) {
            return "layer " + p.helpText + "\n(\(session.layers.origin(of: p.name) ?? "built-in"))\n"
        }
        if let k = Keywords.docs[topic] { return k + "\n" }
        return nil
    }
}
