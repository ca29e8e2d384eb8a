import JSONKit
import JupyterKernel

/// Completion, inspection and completeness: all read the command specs.
extension CNNInterpreter {
    public func complete(_ code: String, cursorPos: Int) -> CompletionResult {
        let scalars = Array(code.unicodeScalars)
        let pos = min(max(0, cursorPos), scalars.count)
        // The word being typed: letters, digits, '_', '-', '.' back from the cursor.
        var start = pos
        while start > 0, Self.isWordScalar(scalars[start - 1]) { start -= 1 }
        let prefix = String(String.UnicodeScalarView(scalars[start..<pos]))
        var lineStart = start
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        let before = String(String.UnicodeScalarView(scalars[lineStart..<start]))
        let words = before.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // Inside a string nothing is completed (paths come with the data commands).
        if before.filter({ $0 == "\"" }).count % 2 == 1 {
            return CompletionResult(matches: [], cursorStart: start, cursorEnd: pos)
        }

        var matches: [CompletionMatch] = []
        if words.isEmpty {
            matches = commandOrder.filter { $0.hasPrefix(prefix) }.map {
                CompletionMatch($0, type: "command", signature: commands[$0]!.synopsis)
            }
        } else if let spec = commands[words[0]] {
            if spec.name == "help" && words.count == 1 {
                matches = commandOrder.filter { $0.hasPrefix(prefix) }.map { CompletionMatch($0, type: "command") }
            } else if let eq = prefix.firstIndex(of: "=") {
                // Values of an enumerable option: `clear wait=t|`.
                let optName = String(prefix[..<eq])
                let valuePrefix = String(prefix[prefix.index(after: eq)...])
                if let o = spec.options.first(where: { $0.name == optName }), case .choice(let choices) = o.kind {
                    let offset = optName.unicodeScalars.count + 1
                    let ms = choices.filter { $0.hasPrefix(valuePrefix) }.map { CompletionMatch($0, type: "value") }
                    return CompletionResult(matches: ms, cursorStart: start + offset, cursorEnd: pos)
                }
            } else {
                let given = Set(words.dropFirst().compactMap { $0.split(separator: "=").first.map(String.init) })
                matches = spec.options.filter { $0.name.hasPrefix(prefix) && !given.contains($0.name) }.map {
                    CompletionMatch($0.name + "=", type: "option", signature: "\($0.kind.describe): \($0.doc)")
                }
            }
        }
        return CompletionResult(matches: matches, cursorStart: start, cursorEnd: pos)
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c == "-" || c == "." || c == "=" || c.properties.isAlphabetic || ("0"..."9").contains(c)
    }

    public func inspect(_ code: String, cursorPos: Int, detailLevel: Int) -> MimeBundle? {
        let scalars = Array(code.unicodeScalars)
        let pos = min(max(0, cursorPos), scalars.count)
        var start = pos, end = pos
        let isName: (Unicode.Scalar) -> Bool = { $0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        while start > 0, isName(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isName(scalars[end]) { end += 1 }
        // With the cursor just after a space that follows a command, inspect that command.
        if start == end {
            var s = start
            while s > 0, scalars[s - 1] == " " { s -= 1 }
            end = s
            start = s
            while start > 0, isName(scalars[start - 1]) { start -= 1 }
        }
        let word = String(String.UnicodeScalarView(scalars[start..<end]))
        var lineStart = start
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        let lineHead = String(String.UnicodeScalarView(scalars[lineStart..<start])).split(separator: " ").first.map(String.init)
        if let head = lineHead, let spec = commands[head], let o = (spec.positionals + spec.options).first(where: { $0.name == word }) {
            let text = "\(spec.name) \(o.name): \(o.kind.describe)\(o.defaultValue.map { ", default \($0)" } ?? "")\n\n\(o.doc)\n"
            return MimeBundle(data: ["text/plain": .string(text)])
        }
        guard let text = helpText(word) else { return nil }
        return MimeBundle(data: ["text/plain": .string(text)])
    }

    public func isComplete(_ code: String) -> Completeness {
        var lexer = Lexer(code)
        do { _ = try lexer.run() } catch let e as LanguageError {
            // An unclosed string cannot continue on the next line: strings are one line long.
            _ = e
            return Completeness(.invalid)
        } catch { return Completeness(.invalid) }
        if !lexer.unclosed.isEmpty { return Completeness(.incomplete, indent: "  ") }
        do { _ = try Parser.parse(code) } catch { return Completeness(.invalid) }
        return Completeness(.complete)
    }
}
