/// Brazilian Portuguese for the kernel's explanations (see Translations.swift).
enum PortugueseExplanations {
    static let entries: [(String, String)] = [
    ]
}
