import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
#if canImport(Glibc)
import Glibc
#endif

/// Completion, inspection and completeness: all read the command specs, the layer plugins'
/// parameter lists and the session's blocks and models.
extension CNNInterpreter {
    /// The block keywords open before `lines` end (innermost last), as `model`, `block`, `residual` …
    func openBlocks(_ lines: [Substring]) -> [String] {
        var stack: [String] = []
        for l in lines {
            let words = l.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let w = words.first.map(String.init), !w.hasPrefix("#") else { continue }
            if w == "end" { _ = stack.popLast(); continue }
            if Keywords.openers.contains(w) {
                // `model r = resnet` is one line, not a block.
                if w == "model" && words.count > 2 && words[2] == "=" { continue }
                if w == "model" && words.count > 1 && words[1].contains("=") && !words[1].hasPrefix("(") { continue }
                stack.append(w)
            }
        }
        return stack
    }

    var layerNames: [String] {
        var names = Set(session.layers.names)
        for d in session.definitions.keys { names.insert(d) }
        return names.sorted()
    }

    public func complete(_ code: String, cursorPos: Int) -> CompletionResult {
        let scalars = Array(code.unicodeScalars)
        let pos = min(max(0, cursorPos), scalars.count)
        var lineStart = pos
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        let before = String(String.UnicodeScalarView(scalars[lineStart..<pos]))
        let priorLines = String(String.UnicodeScalarView(scalars[0..<lineStart])).split(separator: "\n", omittingEmptySubsequences: false)
        let blocks = openBlocks(priorLines)
        let inBody = !blocks.isEmpty && blocks.first != nil

        // Inside a string: file names.
        if before.filter({ $0 == "\"" }).count % 2 == 1 {
            let quote = before.lastIndex(of: "\"")!
            let typed = String(before[before.index(after: quote)...])
            let start = pos - typed.unicodeScalars.count
            return CompletionResult(matches: fileMatches(typed), cursorStart: start, cursorEnd: pos)
        }

        var start = pos
        while start > lineStart, Self.isWordScalar(scalars[start - 1]) { start -= 1 }
        let prefix = String(String.UnicodeScalarView(scalars[start..<pos]))
        let head = String(String.UnicodeScalarView(scalars[lineStart..<start]))
        let words = head.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)

        func result(_ ms: [CompletionMatch], from s: Int = start) -> CompletionResult {
            CompletionResult(matches: ms.sorted { $0.text < $1.text }, cursorStart: s, cursorEnd: pos)
        }

        if words.isEmpty {
            if inBody {
                var ms = layerNames.filter { $0.hasPrefix(prefix) }.map { n -> CompletionMatch in
                    let isBlock = session.definitions[n] != nil
                    return CompletionMatch(n, type: isBlock ? "block" : "layer", signature: isBlock ? session.definitions[n]!.signature : (session.layers.plugin(named: n)?.shownSummary ?? ""))
                }
                var keys = ["residual", "concat", "dense", "repeat", "if", "end"]
                if let top = blocks.last, let sep = Keywords.separators.first(where: { $0.value == top })?.key { keys.append(sep) }
                ms += keys.filter { $0.hasPrefix(prefix) }.map { CompletionMatch($0, type: "keyword") }
                return result(ms)
            }
            let ms = (commands.map { ($0.spec.name, "command", $0.spec.synopsis) } + [("model", "keyword", "model NAME … end"), ("block", "keyword", "block NAME(params) … end")])
                .filter { $0.0.hasPrefix(prefix) }.map { CompletionMatch($0.0, type: $0.1, signature: $0.2) }
            return result(ms)
        }

        // A value after `option=`.
        if let eq = prefix.firstIndex(of: "=") {
            let optName = String(prefix[..<eq])
            let valuePrefix = String(prefix[prefix.index(after: eq)...])
            let offset = optName.unicodeScalars.count + 1
            let values = optionValues(command: words[0], option: optName, inBody: inBody)
            return result(values.filter { $0.text.hasPrefix(valuePrefix) }, from: start + offset)
        }

        // Positional values of commands with enumerable first arguments.
        let command = words[0]
        if !inBody, let spec = self.command(named: command)?.spec {
            let positionalIndex = words.dropFirst().filter { !$0.contains("=") }.count
            if positionalIndex < spec.positionals.count {
                let p = spec.positionals[positionalIndex]
                var ms = values(for: p, command: command)
                if command == "help" { ms = (commandNames + layerNames + ["model", "block", "residual", "concat", "dense", "repeat", "if"]).map { CompletionMatch($0, type: "topic") } }
                if command == "gradcheck" { ms = layerNames.map { CompletionMatch($0, type: "layer") } }
                let filtered = ms.filter { $0.text.hasPrefix(prefix) }
                if !filtered.isEmpty || !prefix.isEmpty { return result(filtered + optionNames(command, words, prefix, inBody: false)) }
            }
        }
        if command == "model", words.count >= 2, words.last == "=" {
            let ms = session.definitions.keys.filter { $0.hasPrefix(prefix) }.map { CompletionMatch($0, type: "block", signature: session.definitions[$0]!.signature) }
            return result(ms)
        }
        return result(optionNames(command, words, prefix, inBody: inBody))
    }

    func optionNames(_ command: String, _ words: [String], _ prefix: String, inBody: Bool) -> [CompletionMatch] {
        let given = Set(words.dropFirst().compactMap { $0.split(separator: "=").first.map(String.init) })
        var out: [CompletionMatch] = []
        if !inBody, let spec = self.command(named: command)?.spec {
            out = spec.options.map { CompletionMatch($0.name + "=", type: "option", signature: "\($0.kind.describe): \($0.shownDoc)") }
            // gradcheck LAYER …: the layer's own options too.
            if spec.passesOptionsToLayer != nil, words.count > 1 { out += layerOptions(words[1]) }
        } else {
            out = layerOptions(command)
            if command == "model" { out.append(CompletionMatch("input=", type: "option")) }
        }
        out = out.filter { !given.contains(String($0.text.dropLast())) }
        return out.filter { $0.text.hasPrefix(prefix) }
    }

    /// The options of a layer or block line.
    func layerOptions(_ layer: String) -> [CompletionMatch] {
        if let def = session.definitions[layer] {
            return def.parameters.map { CompletionMatch($0.name.word! + "=", type: "option", signature: "parameter of \(def.name)") }
        }
        guard let p = session.layers.plugin(named: layer) else { return [] }
        return p.parameters.map { CompletionMatch($0.name + "=", type: "option", signature: "\($0.kind.describe): \($0.shownDoc)") }
            + [CompletionMatch("name=", type: "option", signature: "a name for this layer")]
    }

    func values(for p: ParameterSpec, command: String) -> [CompletionMatch] {
        switch p.kind {
        case .choice(let c): return c.map { CompletionMatch($0, type: "value") }
        case .call(let c): return c.map { CompletionMatch($0, type: "value") }
        case .bool: return ["true", "false"].map { CompletionMatch($0, type: "value") }
        case .words where p.name == "augment": return Augmentation.names.map { CompletionMatch($0, type: "value") }
        case .name where p.name == "model": return session.modelOrder.map { CompletionMatch($0, type: "model") }
        case .name where command == "show": return (Array(session.definitions.keys) + session.modelOrder).map { CompletionMatch($0, type: "block") }
        default: return []
        }
    }

    func optionValues(command: String, option: String, inBody: Bool) -> [CompletionMatch] {
        if option == "layer" {
            guard let c = session.current, let m = session.models[c] else { return [] }
            return m.model.allLayers().map { CompletionMatch($0.name, type: "layer", signature: $0.layer.typeName) }
        }
        if option == "model" { return session.modelOrder.map { CompletionMatch($0, type: "model") } }
        if !inBody, let spec = self.command(named: command)?.spec, let p = spec.parameter(named: option) {
            if case .words = p.kind, p.name == "augment" { return ["[flip]", "[flip, crop(4)]", "[resizedcrop]", "[flip, resizedcrop]"].map { CompletionMatch($0, type: "value") } }
            if case .words = p.kind, p.name == "models" { return session.modelOrder.map { CompletionMatch("[\($0)]", type: "value") } }
            return values(for: p, command: command)
        }
        let layer = session.layers.plugin(named: command)
        if let p = layer?.parameters.first(where: { $0.name == option || $0.aliases.contains(option) }) {
            switch p.kind {
            case .bool: return ["true", "false"].map { CompletionMatch($0, type: "value") }
            case .choice(let c): return c.map { CompletionMatch($0, type: "value") }
            default: return []
            }
        }
        if option == "act" { return ["relu", "leaky_relu", "gelu", "tanh", "sigmoid"].map { CompletionMatch($0, type: "value") } }
        return []
    }

    /// Files and directories whose path starts with `typed` (directories end in `/`).
    func fileMatches(_ typed: String) -> [CompletionMatch] {
        let dir: String, stem: String
        if let slash = typed.lastIndex(of: "/") {
            dir = String(typed[...slash])
            stem = String(typed[typed.index(after: slash)...])
        } else {
            dir = ""
            stem = typed
        }
        guard let d = opendir(dir.isEmpty ? "." : dir) else { return [] }
        defer { closedir(d) }
        var out: [CompletionMatch] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            guard name != "." && name != "..", name.hasPrefix(stem), !(stem.isEmpty && name.hasPrefix(".")) else { continue }
            let isDir = e.pointee.d_type == UInt8(DT_DIR)
            out.append(CompletionMatch(dir + name + (isDir ? "/" : ""), type: isDir ? "directory" : "path"))
            if out.count >= 200 { break }
        }
        return out.sorted { $0.text < $1.text }
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c == "-" || c == "." || c == "=" || c.isLetterFast || ("0"..."9").contains(c)
    }

    public func inspect(_ code: String, cursorPos: Int, detailLevel: Int) -> MimeBundle? {
        let scalars = Array(code.unicodeScalars)
        let pos = min(max(0, cursorPos), scalars.count)
        var start = pos, end = pos
        let isName: (Unicode.Scalar) -> Bool = { $0 == "_" || $0 == "-" || $0.isLetterFast || ("0"..."9").contains($0) }
        while start > 0, isName(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isName(scalars[end]) { end += 1 }
        // With the cursor just after a space that follows a word, inspect that word.
        if start == end {
            var s = start
            while s > 0, scalars[s - 1] == " " { s -= 1 }
            end = s
            start = s
            while start > 0, isName(scalars[start - 1]) { start -= 1 }
        }
        let word = String(String.UnicodeScalarView(scalars[start..<end]))
        guard !word.isEmpty else { return nil }
        var lineStart = start
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        let lineHead = String(String.UnicodeScalarView(scalars[lineStart..<start])).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
        // An option of the line's command or layer.
        if let head = lineHead {
            if let spec = self.command(named: head)?.spec, let o = spec.parameter(named: word) {
                return .text("\(spec.name) \(o.name): \(o.describe)\n\n\(o.shownDoc)\n")
            }
            if let p = session.layers.plugin(named: head), let o = p.parameters.first(where: { $0.name == word || $0.aliases.contains(word) }) {
                return .text("\(p.name) \(o.name): \(o.describe)\n\n\(o.shownDoc)\n")
            }
        }
        if let m = session.models[word] { return ModelSummary.bundle(m, data: session.data, timed: false) }
        if let text = helpText(word) { return .text(text) }
        // A value (`kernel=3|`): the option it belongs to, else the line's command or layer.
        if start > 0, scalars[start - 1] == "=" {
            var o = start - 1
            while o > 0, isName(scalars[o - 1]) { o -= 1 }
            let option = String(String.UnicodeScalarView(scalars[o..<(start - 1)]))
            if let head = lineHead, let spec = self.command(named: head)?.spec, let p = spec.parameter(named: option) {
                return .text("\(spec.name) \(p.name): \(p.describe)\n\n\(p.shownDoc)\n")
            }
            if let head = lineHead, let p = session.layers.plugin(named: head), let o = p.parameters.first(where: { $0.name == option || $0.aliases.contains(option) }) {
                return .text("\(p.name) \(o.name): \(o.describe)\n\n\(o.shownDoc)\n")
            }
        }
        if let head = lineHead, let text = helpText(head) { return .text(text) }
        return nil
    }

    public func isComplete(_ code: String) -> Completeness {
        var lexer = Lexer(code)
        do { _ = try lexer.run() } catch { return Completeness(.invalid) }  // e.g. an unclosed string: strings are one line long
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        let open = openBlocks(lines)
        if !lexer.unclosed.isEmpty { return Completeness(.incomplete, indent: String(repeating: "  ", count: open.count + 1)) }
        if !open.isEmpty {
            if code.hasSuffix("\n\n") && lines.dropLast().last?.isEmpty == true && code.count > 2 {
                // A blank line after an unfinished block: let the console run it and report the missing `end`.
                return Completeness(.invalid)
            }
            return Completeness(.incomplete, indent: String(repeating: "  ", count: open.count))
        }
        do { _ = try Parser.parse(code) } catch { return Completeness(.invalid) }
        return Completeness(.complete)
    }
}
