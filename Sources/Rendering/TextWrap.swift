/// Prose for a terminal: lines longer than the width break between words, not inside them, as a
/// terminal would break them. A broken line's continuations keep its indentation; a line of a
/// list (`  name     what it is`, two or more spaces after the first word) continues under
/// the description. Lines that cannot break (one long word, a path) and rows of pictures stay
/// as they are.
extension String {
    public func wrapped(width: Int) -> String {
        guard width > 8 else { return self }
        return split(separator: "\n", omittingEmptySubsequences: false)
            .map { TextWrap.wrapLine($0, width: width) }
            .joined(separator: "\n")
    }
}

enum TextWrap {
    static func wrapLine(_ line: Substring, width: Int) -> String {
        guard line.count > width, !isPicture(line) else { return String(line) }
        let indent = line.prefix { $0 == " " }.count
        let hanging = listIndent(line) ?? indent
        // Never indent continuations so far that a word has no room.
        let continuation = hanging <= width / 2 ? hanging : indent
        var out: [String] = []
        var current = String(line.prefix(indent))
        var currentHasWord = false
        // Words with the spaces before them kept, so the spacing inside a row stays as written.
        for (gap, word) in words(line.dropFirst(indent)) {
            let candidate = currentHasWord ? current + gap + word : current + word
            if candidate.count <= width || !currentHasWord {
                current = candidate
            } else {
                out.append(current)
                current = String(repeating: " ", count: continuation) + word
            }
            currentHasWord = true
        }
        out.append(current)
        return out.joined(separator: "\n")
    }

    /// The column a list line's description starts at: after its first word and a gap of two
    /// or more spaces, where the rest is prose.
    static func listIndent(_ line: Substring) -> Int? {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        guard let wordEnd = rest.firstIndex(of: " ") else { return nil }
        let afterWord = rest[wordEnd...]
        let gap = afterWord.prefix { $0 == " " }.count
        guard gap >= 2, gap < afterWord.count else { return nil }
        return indent + rest.distance(from: rest.startIndex, to: wordEnd) + gap
    }

    /// A row of a picture, chart or ruled table: shades and blocks (U+2580–259F), braille
    /// (U+2800–28FF) or box drawing (U+2500–257F), whose spaces are part of the drawing.
    static func isPicture(_ line: Substring) -> Bool {
        line.unicodeScalars.contains { (0x2500...0x259F).contains($0.value) || (0x2800...0x28FF).contains($0.value) }
    }

    /// (spaces before, word) pairs.
    static func words(_ s: Substring) -> [(String, String)] {
        var result: [(String, String)] = []
        var gap = "", word = ""
        for ch in s {
            if ch == " " {
                if !word.isEmpty { result.append((gap, word)); gap = ""; word = "" }
                gap.append(ch)
            } else {
                word.append(ch)
            }
        }
        if !word.isEmpty { result.append((gap, word)) }
        return result
    }
}
