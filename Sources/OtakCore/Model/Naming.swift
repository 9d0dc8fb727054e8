/// How schema names become Swift, SQL, JSON and URL names.
public enum Naming {
    /// Splits `OrderItem`, `orderItem`, `URLPath` and `userID` into lowercase words.
    public static func words(_ name: String) -> [String] {
        let bytes = Array(name.utf8)
        var words: [String] = []
        var start = 0
        func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
        func isLower(_ byte: UInt8) -> Bool { byte >= 97 && byte <= 122 }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        func flush(_ end: Int) {
            if end > start { words.append(String(decoding: bytes[start..<end], as: UTF8.self).lowercased()) }
        }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") {
                flush(index)
                start = index + 1
            } else if isUpper(byte), index > start {
                // A new word starts at a capital after a lower-case letter or a digit, or at
                // the last capital of an acronym ("URLPath" → url, path).
                let previous = bytes[index - 1]
                let nextIsLower = index + 1 < bytes.count && isLower(bytes[index + 1])
                if isLower(previous) || isDigit(previous) || (isUpper(previous) && nextIsLower) {
                    flush(index)
                    start = index
                }
            }
        }
        flush(bytes.count)
        return words
    }

    /// `order_item`
    /// Whether `text` is a name of the schema language: a letter or `_`, then letters, digits, `_`.
    public static func isIdentifier(_ text: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "_") || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        guard let first = text.utf8.first, isLetter(first) else { return false }
        return text.utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    public static func snakeCase(_ name: String) -> String {
        words(name).joined(separator: "_")
    }

    /// `order-item`
    public static func kebabCase(_ name: String) -> String {
        words(name).joined(separator: "-")
    }

    /// `orderItem`
    public static func lowerCamelCase(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return name }
        return first + parts.dropFirst().map(capitalized).joined()
    }

    /// `OrderItem`
    public static func upperCamelCase(_ name: String) -> String {
        words(name).map(capitalized).joined()
    }

    private static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    /// The English plural of a name's last word: `Category` → `Categories`, `Person` → `People`.
    public static func plural(_ name: String) -> String {
        let lower = Array(name.lowercased())
        if let lastWord = words(name).last, let irregular = irregularPlurals[lastWord] {
            let stem = name.dropLast(lastWord.count)
            let isCapitalized = name.suffix(lastWord.count).first?.isUppercase == true
            return stem + (isCapitalized ? capitalized(irregular) : irregular)
        }
        if lower.count > 1, lower.last == "y", !"aeiou".contains(lower[lower.count - 2]) {
            return name.dropLast() + "ies"
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: { name.lowercased().hasSuffix($0) }) {
            return name + "es"
        }
        return name + "s"
    }

    /// The words with their indefinite article: `an order item`, `a user`. Judged by spelling,
    /// so a few words (`an hour`, `a one-off`) come out wrong.
    public static func withArticle(_ words: String) -> String {
        let lower = words.lowercased()
        let startsWithVowelSound = lower.first.map { "aeio".contains($0) } == true
            || (lower.hasPrefix("u") && !["us", "uni", "uti", "ur"].contains(where: lower.hasPrefix))
        return (startsWithVowelSound ? "an " : "a ") + words
    }

    private static let irregularPlurals: [String: String] = [
        "person": "people", "child": "children", "man": "men", "woman": "women", "mouse": "mice",
        "data": "data", "info": "info", "news": "news", "series": "series", "species": "species",
        "sheep": "sheep", "fish": "fish", "staff": "staff", "equipment": "equipment",
    ]
}
