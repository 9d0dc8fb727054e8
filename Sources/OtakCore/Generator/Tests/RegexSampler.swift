/// Writes strings that match a regular expression, for the sample values of generated tests.
///
/// Understands the common subset: literals, escapes (`\d`, `\w`, `\s`, `\.`), classes with
/// ranges and negation, `.`, groups with alternation, `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` and
/// the anchors `^` and `$`. Every sample is checked against the real pattern by the caller.
struct RegexSampler {
    private indirect enum Node {
        case characters([Character])
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, minimum: Int, maximum: Int?)
    }

    private let root: Node?

    init(_ pattern: String) {
        var parser = Parser(Array(pattern))
        let parsed = parser.parseAlternation()
        root = parser.isAtEnd ? parsed : nil
    }

    /// A sample for `variant` (different variants give different strings where the pattern allows),
    /// repeating open-ended parts `extra` times beyond their minimum.
    func sample(variant: Int, extra: Int) -> String? {
        guard let root else { return nil }
        var position = 0
        return render(root, variant: variant, extra: extra, position: &position)
    }

    private func render(_ node: Node, variant: Int, extra: Int, position: inout Int) -> String {
        switch node {
        case .characters(let choices):
            guard !choices.isEmpty else { return "" }
            position += 1
            return String(choices[(variant + position) % choices.count])
        case .sequence(let nodes):
            return nodes.map { render($0, variant: variant, extra: extra, position: &position) }.joined()
        case .alternation(let options):
            return render(options[0], variant: variant, extra: extra, position: &position)
        case .repeated(let inner, let minimum, let maximum):
            var count = minimum + extra
            if let maximum { count = min(count, maximum) }
            count = max(count, minimum)
            return (0..<count).map { _ in render(inner, variant: variant, extra: extra, position: &position) }.joined()
        }
    }

    private struct Parser {
        let characters: [Character]
        var index = 0

        init(_ characters: [Character]) {
            self.characters = characters
        }

        var isAtEnd: Bool { index >= characters.count }

        mutating func parseAlternation() -> Node? {
            var options: [Node] = []
            repeat {
                guard let sequence = parseSequence() else { return nil }
                options.append(sequence)
            } while consume("|")
            return options.count == 1 ? options[0] : .alternation(options)
        }

        mutating func parseSequence() -> Node? {
            var nodes: [Node] = []
            while !isAtEnd, characters[index] != "|", characters[index] != ")" {
                guard var atom = parseAtom() else { return nil }
                if let (minimum, maximum) = parseQuantifier() {
                    atom = .repeated(atom, minimum: minimum, maximum: maximum)
                    _ = consume("?") || consume("+")  // lazy or possessive: same samples
                }
                nodes.append(atom)
            }
            return .sequence(nodes)
        }

        mutating func parseAtom() -> Node? {
            let character = characters[index]
            index += 1
            switch character {
            case "^", "$": return .sequence([])
            case ".": return .characters(Self.word)
            case "(":
                if consume("?") {
                    guard consume(":") else { return nil }  // only non-capturing groups
                }
                guard let inner = parseAlternation(), consume(")") else { return nil }
                return inner
            case "[": return parseClass()
            case "\\": return parseEscape().map(Node.characters)
            case "*", "+", "?", "{", ")": return nil
            default: return .characters([character])
            }
        }

        mutating func parseQuantifier() -> (Int, Int?)? {
            guard !isAtEnd else { return nil }
            switch characters[index] {
            case "?": index += 1; return (0, 1)
            case "*": index += 1; return (0, nil)
            case "+": index += 1; return (1, nil)
            case "{":
                let start = index
                index += 1
                var first = "", second: String? = nil
                while !isAtEnd, characters[index].isNumber { first.append(characters[index]); index += 1 }
                if consume(",") {
                    second = ""
                    while !isAtEnd, characters[index].isNumber { second!.append(characters[index]); index += 1 }
                }
                guard consume("}"), let minimum = Int(first) else {
                    index = start
                    return nil
                }
                guard let second else { return (minimum, minimum) }
                return (minimum, second.isEmpty ? nil : Int(second))
            default: return nil
            }
        }

        mutating func parseClass() -> Node? {
            let negated = consume("^")
            var members: [Character] = []
            var first = true
            while !isAtEnd, characters[index] != "]" || first {
                first = false
                var character = characters[index]
                index += 1
                if character == "\\" {
                    guard let escaped = parseEscape() else { return nil }
                    if escaped.count != 1 { members += escaped; continue }
                    character = escaped[0]
                }
                if index + 1 < characters.count, characters[index] == "-", characters[index + 1] != "]" {
                    index += 1
                    var upper = characters[index]
                    index += 1
                    if upper == "\\" {
                        guard let escaped = parseEscape(), escaped.count == 1 else { return nil }
                        upper = escaped[0]
                    }
                    guard let low = character.unicodeScalars.first?.value, let high = upper.unicodeScalars.first?.value,
                          low <= high, high - low < 512 else { return nil }
                    members += (low...high).compactMap { Unicode.Scalar($0).map(Character.init) }
                } else {
                    members.append(character)
                }
            }
            guard consume("]") else { return nil }
            if negated {
                let excluded = Set(members)
                return .characters(Self.printable.filter { !excluded.contains($0) })
            }
            return .characters(members)
        }

        /// After a backslash: the characters the escape stands for.
        mutating func parseEscape() -> [Character]? {
            guard !isAtEnd else { return nil }
            let character = characters[index]
            index += 1
            switch character {
            case "d": return Array("0123456789")
            case "w": return Self.word
            case "s": return [" "]
            case "D", "W", "S", "b", "B", "p", "P", "u", "x": return nil
            case "n": return ["\n"]
            case "t": return ["\t"]
            default: return character.isLetter || character.isNumber ? nil : [character]
            }
        }

        mutating func consume(_ character: Character) -> Bool {
            guard !isAtEnd, characters[index] == character else { return false }
            index += 1
            return true
        }

        static let word = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        static let printable = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@ ")
    }
}
