/// A sentence the kernel says to a person. It is written in English where it is used, as a
/// string literal in a place that expects a `Phrase` (an error's text, `tr("…")`), and shown
/// in the language the kernel was started in (`Language.current`), looked up in the catalogue
/// (`Catalogue`). Its interpolations become numbered places, `{1}`, `{2}`, … in the English
/// key, so a translation can put them in another order:
///
///     tr("\(n) of \(total) images")   // key "{1} of {2} images", pt-BR "{1} de {2} imagens"
///
/// `tools/messages.py` finds every such literal in the sources, and a test fails when one has
/// no translation.
public struct Phrase: ExpressibleByStringInterpolation, Sendable, Equatable, CustomStringConvertible {
    /// The English text with `{n}` for the n-th interpolated value.
    public let key: String
    public let arguments: [String]
    /// False for text that is not ours to translate (a file name, a plugin's own words).
    public let translatable: Bool

    public init(stringLiteral value: String) {
        key = value
        arguments = []
        translatable = true
    }

    public init(stringInterpolation: Interpolation) {
        key = stringInterpolation.key
        arguments = stringInterpolation.arguments
        translatable = true
    }

    /// Text shown as it is, in every language.
    public init(verbatim text: String) {
        key = text
        arguments = []
        translatable = false
    }

    /// A catalogue entry chosen at run time: a command's or layer's documentation, whose English
    /// is declared in a spec rather than written at the place it is shown.
    public init(catalogueKey: String) {
        key = catalogueKey
        arguments = []
        translatable = true
    }

    public struct Interpolation: StringInterpolationProtocol {
        var key = ""
        var arguments: [String] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            key.reserveCapacity(literalCapacity + 4 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { key += literal }

        public mutating func appendInterpolation<T>(_ value: T) {
            arguments.append(String(describing: value))
            key += "{\(arguments.count)}"
        }
    }

    /// The text in `language`: its translation when the catalogue has one, else the English.
    public func text(in language: Language) -> String {
        let template = translatable ? (Catalogue.translation(of: key, in: language) ?? key) : key
        return Self.fill(template, with: arguments)
    }

    /// The text in the kernel's language.
    public var text: String { text(in: .current) }
    public var description: String { text }

    /// `template` with each `{n}` replaced by the n-th argument. A `{` not followed by a known
    /// number and `}` stays as it is, so English text may contain braces.
    static func fill(_ template: String, with arguments: [String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let n = Int(after[..<close]), n >= 1, n <= arguments.count {
                out += arguments[n - 1]
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }
}

/// The text of `message` in the kernel's language: the marker for prose built in code.
public func tr(_ message: Phrase) -> String { message.text }

/// English text declared elsewhere (a spec's documentation), in the kernel's language.
public func translated(_ english: String) -> String { Phrase(catalogueKey: english).text }

/// The languages the kernel speaks.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case portuguese = "pt-BR"

    private static let lock = SpinLock()
    nonisolated(unsafe) private static var chosen: Language = .english

    /// The language of everything the kernel says. Chosen once at start (`select(from:)`); tests
    /// change it around the cases that need it.
    public static var current: Language {
        get { lock.withLock { chosen } }
        set { lock.withLock { chosen = newValue } }
    }

    /// `CNN_KERNEL_LANGUAGE` (set by a kernelspec) when present, else the locale's messages
    /// language (`LC_ALL`, `LC_MESSAGES`, `LANG`): Portuguese for `pt…`, English otherwise.
    public static func select(from environment: [String: String]) -> Language {
        if let explicit = environment["CNN_KERNEL_LANGUAGE"], !explicit.isEmpty {
            return named(explicit) ?? .english
        }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[variable], !value.isEmpty { return value.lowercased().hasPrefix("pt") ? .portuguese : .english }
        }
        return .english
    }

    /// "pt-BR", "pt_BR.UTF-8", "pt", "en", "en_US" …
    public static func named(_ name: String) -> Language? {
        let lower = name.lowercased()
        if lower.hasPrefix("pt") { return .portuguese }
        if lower.hasPrefix("en") || lower == "c" || lower == "posix" { return .english }
        return nil
    }
}

/// The translations of every module, registered once at start. English needs no entries: the
/// keys are English.
public enum Catalogue {
    private static let lock = SpinLock()
    nonisolated(unsafe) private static var tables: [Language: [String: String]] = [:]

    /// Adds `entries` (English key, translation). A key given twice keeps its first translation;
    /// the catalogue test reports such duplicates.
    public static func register(_ entries: [(String, String)], for language: Language) {
        lock.withLock {
            var table = tables[language] ?? [:]
            for (key, value) in entries where table[key] == nil { table[key] = value }
            tables[language] = table
        }
    }

    public static func translation(of key: String, in language: Language) -> String? {
        guard language != .english else { return nil }
        return lock.withLock { tables[language]?[key] }
    }

    /// Every entry for `language`, for `cnn-kernel messages`.
    public static func entries(for language: Language) -> [String: String] {
        lock.withLock { tables[language] ?? [:] }
    }
}
