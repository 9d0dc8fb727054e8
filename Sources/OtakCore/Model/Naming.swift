/// How schema names become Swift, SQL, JSON and URL names.
public enum Naming {
    /// Splits `OrderItem`, `orderItem`, `URLPath` and `userID` into lowercase words.
    public static func words(_ name: String) -> [String] {
        var words: [String] = []
        var word = ""
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            if character == "_" {
                if !word.isEmpty { words.append(word) }
                word = ""
                continue
            }
            if character.isUppercase, !word.isEmpty {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                // A new word starts at an upper-case letter after a lower-case one or a digit,
                // or at the last capital of an acronym ("URLPath" → url, path).
                if previous.isLowercase || previous.isNumber || (next?.isLowercase ?? false) {
                    words.append(word)
                    word = ""
                }
            }
            word.append(character)
        }
        if !word.isEmpty { words.append(word) }
        return words.map { $0.lowercased() }
    }

    /// `order_item`
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

    private static let irregularPlurals: [String: String] = [
        "person": "people", "child": "children", "man": "men", "woman": "women", "mouse": "mice",
        "data": "data", "info": "info", "news": "news", "series": "series", "species": "species",
        "sheep": "sheep", "fish": "fish", "staff": "staff", "equipment": "equipment",
    ]
}
