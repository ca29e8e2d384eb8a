/// Brazilian Portuguese for the kernel's display (see Translations.swift).
enum PortugueseDisplay {
    static let entries: [(String, String)] = [
    ]
}
