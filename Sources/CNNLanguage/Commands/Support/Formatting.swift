import CNNCore
import Rendering

// Short names for CNNCore's one number formatter, as the commands write them.
func percent(_ x: Double) -> String { NumberFormat.percent(x) }
func fixed(_ x: Double, _ digits: Int) -> String { NumberFormat.fixed(x, digits) }
func sci(_ x: Double) -> String { NumberFormat.scientific(x) }
func formatCount(_ n: Int) -> String { NumberFormat.count(n) }

/// Text for HTML: & < > " escaped.
func escape(_ s: String) -> String { SVG.escape(s) }

extension String {
    func padding(_ n: Int) -> String { self + String(repeating: " ", count: max(0, n - count)) }

    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        guard !target.isEmpty, count >= target.count else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) { return i..<index(i, offsetBy: target.count) }
            i = index(after: i)
        }
        return nil
    }
}

/// A split's name (`split=test`) as a reader sees it in a sentence, in the kernel's language.
func shownSplit(_ split: String) -> String {
    switch split {
    case "test": return tr("test")
    case "validation": return tr("validation")
    case "train": return tr("train")
    default: return split
    }
}

/// A training display's state word, as the reader sees it (the code compares the English words).
func shownStatus(_ status: String) -> String {
    switch status {
    case "starting": return tr("starting")
    case "training": return tr("training")
    case "done": return tr("done")
    case "interrupted": return tr("interrupted")
    case "progress": return tr("progress")
    default: return status
    }
}
