/// Brazilian Portuguese for the kernel's errors (see Translations.swift).
enum PortugueseErrors {
    static let entries: [(String, String)] = [
    ]
}
