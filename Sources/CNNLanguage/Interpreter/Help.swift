import CNNCore
import CNNEngine

/// `help` and inspection: the overview of the language and the text of one topic.
extension CNNInterpreter {
    func overviewHelp() -> String {
        var s = tr("CNN kernel \(CNNInterpreter.version)\n\n") + tr("Commands:") + "\n"
        let width = max(commandNames.map(\.count).max() ?? 0, 12)
        func pad(_ n: String) -> String { n + String(repeating: " ", count: max(0, width - n.count)) }
        for c in commands { s += "  \(pad(c.spec.name))  \(translated(c.spec.summary))\n" }
        s += "\n" + tr("Blocks (closed by `end`):") + "\n"
        for k in ["model", "block", "residual", "concat", "dense", "repeat", "if"] {
            s += "  \(pad(k))  \(Keywords.shownDoc(k).split(separator: "\n").first!)\n"
        }
        s += "\n" + tr("Layers (inside a model or block):") + "\n"
        for n in session.layers.names where session.definitions[n] == nil {
            s += "  \(pad(n))  \(session.layers.plugin(named: n)!.shownSummary)\n"
        }
        let blocks = session.definitions.values.sorted { $0.name < $1.name }
        if !blocks.isEmpty {
            s += "\n" + tr("Blocks and zoo models (use in a model, or `model r = NAME`; `show source NAME`):") + "\n"
            for d in blocks { s += "  \(pad(d.name))  \(d.signature)\n" }
        }
        s += "\n" + tr("A bare arithmetic expression (1 + 2, 2 * (3 + 4)) shows its value.") + "\n"
        s += tr("A cell is checked as a whole before it runs: a syntax or option mistake anywhere means nothing runs.") + "\n"
        s += tr("A failing line stops the cell; the lines before it keep their effects.") + "\n"
        s += "\n" + tr("`help NAME` shows one command, layer or block; Shift-Tab on a name shows the same in a notebook.") + "\n"
        return s
    }

    func helpText(_ topic: String) -> String? {
        if let c = command(named: topic) { return c.spec.helpText }
        if let d = session.definitions[topic] { return "block \(d.signature)    (\(d.origin))\n\n\(translated(d.doc))\n" }
        if let p = session.layers.plugin(named: topic) {
            return tr("layer") + " " + p.helpText + "\n(\(session.layers.origin(of: p.name).map(translated) ?? tr("built-in")))\n"
        }
        if Keywords.docs[topic] != nil { return Keywords.shownDoc(topic) + "\n" }
        return nil
    }
}
