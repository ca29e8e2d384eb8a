import CNNCore
import CNNEngine

/// The kernel's translations, registered with CNNCore's `Catalogue` once per process. Each file
/// of this folder holds one area's entries (English key, Brazilian Portuguese text); the keys are
/// the English as written in the sources (`tools/messages.py keys` lists them), and
/// `Tests/protocol/test_messages.py` fails when a key has no translation or a translation
/// drops one of its `{n}` places. `Glossary.md` (notebooks/) fixes the words used throughout.
public enum Translations {
    static var portuguese: [(String, String)] {
        PortugueseErrors.entries + PortugueseCoreErrors.entries + PortugueseCommandHelp.entries + PortugueseLayerHelp.entries
            + PortugueseExplanations.entries + PortugueseViews.entries + PortugueseDisplay.entries + PortugueseLabels.entries
    }

    private static let installed: Bool = {
        Catalogue.register(portuguese, for: .portuguese)
        return true
    }()

    /// Keys given twice with different translations (the catalogue keeps the first).
    public static var conflicts: [String] {
        var first: [String: String] = [:]
        var out: [String] = []
        for (k, v) in portuguese {
            if let seen = first[k] { if seen != v { out.append(k) } } else { first[k] = v }
        }
        return out
    }

    /// Registers every translation (once; later calls do nothing).
    public static func install() { _ = installed }
}

extension CNNInterpreter {
    /// The English texts the kernel shows that are declared in specs rather than written where
    /// they are shown: the documentation of commands, built-in layers, keywords and the zoo's
    /// blocks. With the literals `tools/messages.py` finds, they are every key the catalogue needs.
    public func runtimeCatalogueKeys() -> [String] {
        var keys: [String] = []
        func add(_ text: String) { if !text.isEmpty { keys.append(text) } }
        for c in commands {
            add(c.spec.summary)
            add(c.spec.doc)
            c.spec.parameters.forEach { add($0.doc) }
        }
        for n in session.layers.names {
            guard let p = session.layers.plugin(named: n), !(p is BlockPlugin), session.layers.origin(of: n) == "built-in" else { continue }
            add(p.summary)
            add(p.doc)
            p.parameters.forEach { add($0.doc) }
        }
        for d in session.definitions.values {
            add(d.doc)
            add(String(d.doc.split(separator: "\n").first ?? ""))
            d.parameterSpecs.forEach { add($0.doc) }
        }
        Keywords.docs.values.forEach(add)
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}
