/// Brazilian Portuguese for the kernel's help (see Translations.swift).
enum PortugueseHelp {
    static let entries: [(String, String)] = [
    ]
}
