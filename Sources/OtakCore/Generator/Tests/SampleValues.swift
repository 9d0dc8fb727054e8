/// Values for the generated tests: a valid value of each field (several distinct ones for
/// unique fields), and for each rule a value it refuses and an edge value it accepts.
/// Values are Swift `JSONValue` expressions.
struct SampleValues {
    let field: Field
    let schema: Schema
    /// The field's position in its entity: later dates for later fields, so that the
    /// usual `start < end` checks hold.
    let order: Int
    /// `@pattern`, compiled once, and a writer of strings it may match.
    private let regex: Regex<AnyRegexOutput>?
    private let sampler: RegexSampler?

    init(field: Field, schema: Schema, order: Int = 0) {
        self.field = field
        self.schema = schema
        self.order = order
        self.regex = field.pattern.flatMap { try? Regex($0) }
        self.sampler = field.pattern.map(RegexSampler.init)
    }

    /// One rule test: `rejected` must produce a 422 naming the field and rule; `accepted` must not.
    struct RuleCase {
        var rule: String
        var rejected: String
        var accepted: String?
    }

    /// A valid value; variants differ from each other where the rules allow it.
    func valid(variant: Int) -> String? {
        switch field.kind {
        case .scalar(let scalar):
            switch scalar {
            case .string, .text, .password: return text(variant: variant).map(Self.string)
            case .int: return ".integer(\(integer(variant: variant)))"
            case .double, .decimal: return number(variant: variant)
            case .bool: return ".bool(true)"
            case .date: return ".string(\"2030-\(pad(1 + variant % 12))-\(pad(1 + order % 28))\")"
            case .dateTime: return ".string(\"2030-\(pad(1 + variant % 12))-\(pad(1 + order % 28))T12:00:00.000Z\")"
            case .uuid: return ".string(\"00000000-0000-4000-8000-\(String(repeating: "0", count: 11))\(variant % 10)\")"
            case .json: return ".object([:])"
            case .file: return nil  // uploaded, never in a body
            }
        case .enumeration(let name):
            guard let cases = schema.enumType(named: name)?.cases, !cases.isEmpty else { return nil }
            if case .enumCase(let value) = field.defaultValue { return Self.string(value) }
            return Self.string(cases[variant % cases.count])
        case .belongsTo, .hasMany, .manyToMany:
            return nil
        }
    }

    /// The rules of the field that a test can break with this field alone.
    func ruleCases() -> [RuleCase] {
        var cases: [RuleCase] = []
        if let length = field.length {
            if let minimum = length.minimum, minimum > 0 {
                cases.append(RuleCase(rule: "length", rejected: Self.letters(minimum - 1), accepted: Self.letters(minimum)))
            }
            if let maximum = length.maximum {
                cases.append(RuleCase(rule: "length", rejected: Self.letters(maximum + 1), accepted: Self.letters(maximum)))
            }
        }
        if let range = field.range {
            if let minimum = range.minimum {
                cases.append(RuleCase(rule: "range", rejected: numberLiteral(minimum, offset: -1), accepted: numberLiteral(minimum, offset: 0)))
            }
            if let maximum = range.maximum {
                cases.append(RuleCase(rule: "range", rejected: numberLiteral(maximum, offset: 1), accepted: numberLiteral(maximum, offset: 0)))
            }
        }
        if field.pattern != nil, let regex {
            let candidates = ["!", " ", "not valid!", "", "0", "a"]
            if let rejected = candidates.first(where: { (try? regex.wholeMatch(in: $0)) == nil }) {
                cases.append(RuleCase(rule: "pattern", rejected: Self.string(rejected), accepted: text(variant: 0).map(Self.string)))
            }
        }
        if field.isEmail {
            cases.append(RuleCase(rule: "email", rejected: Self.string("not-an-email"), accepted: Self.string("edge@example.com")))
        }
        if field.isURL {
            cases.append(RuleCase(rule: "url", rejected: Self.string("ftp://example.com/file"), accepted: Self.string("https://example.com/edge")))
        }
        if case .enumeration(let name) = field.kind, let last = schema.enumType(named: name)?.cases.last {
            cases.append(RuleCase(rule: "enum", rejected: Self.string("not-a-case"), accepted: Self.string(last)))
        }
        return cases
    }

    /// Whether the field's length and pattern rules accept `text`; e-mail and URL fields take
    /// only their own samples.
    func accepts(_ text: String) -> Bool {
        let count = text.unicodeScalars.count
        guard count >= field.length?.minimum ?? 0, count <= field.length?.maximum ?? Int.max,
              !field.isEmail, !field.isURL else { return false }
        guard field.pattern != nil else { return true }
        return regex.map { (try? $0.wholeMatch(in: text)) != nil } ?? false
    }

    /// A string that passes the field's length, pattern, email and URL rules.
    func text(variant: Int) -> String? {
        let minimum = field.length?.minimum ?? 0
        let maximum = field.length?.maximum ?? Int.max
        func fits(_ text: String) -> Bool {
            let count = text.unicodeScalars.count
            return count >= minimum && count <= maximum
        }
        if field.pattern != nil {
            guard let regex, let sampler else { return nil }
            for extra in [0, 2, 5, 10, 30] {
                if let sample = sampler.sample(variant: variant, extra: extra), fits(sample),
                   (try? regex.wholeMatch(in: sample)) != nil {
                    return sample
                }
            }
            return nil
        }
        var text: String
        if field.isEmail {
            text = "user\(variant)@example.com"
        } else if field.isURL {
            text = "https://example.com/\(variant)"
        } else if field.kind == .scalar(.password) {
            text = "correct horse \(variant)"
        } else {
            text = "\(Naming.words(field.name).joined(separator: " ").lowercased()) \(variant)"
        }
        if text.unicodeScalars.count < minimum { text += String(repeating: "x", count: minimum - text.unicodeScalars.count) }
        if text.unicodeScalars.count > maximum {
            text = String("\(variant)\(text)".unicodeScalars.prefix(maximum).map(Character.init))
        }
        return fits(text) ? text : nil
    }

    /// An integer inside the range, different for each variant where the range allows.
    private func integer(variant: Int) -> Int {
        let minimum = field.range?.minimum.flatMap { Int($0) }
        let maximum = field.range?.maximum.flatMap { Int($0) }
        switch (minimum, maximum) {
        case let (low?, high?): return low + ((high - low) / 2 + variant) % (high - low + 1)
        case let (low?, nil): return low + 1 + variant
        case let (nil, high?): return high - 1 - variant
        case (nil, nil): return 1 + variant
        }
    }

    private func number(variant: Int) -> String {
        let minimum = field.range?.minimum.flatMap { Double($0) }
        let maximum = field.range?.maximum.flatMap { Double($0) }
        let value: Double = switch (minimum, maximum) {
        case let (low?, high?): low + (high - low) / 2
        case let (low?, nil): low + 1 + Double(variant)
        case let (nil, high?): high - 1 - Double(variant)
        case (nil, nil): 1 + Double(variant)
        }
        return value == value.rounded() && abs(value) < 1e15 ? ".integer(\(Int(value)))" : ".double(\(value))"
    }

    /// A bound as written, moved by `offset` (one unit; a tenth of one for fractional bounds).
    private func numberLiteral(_ text: String, offset: Int) -> String {
        if field.kind == .scalar(.int), let value = Int(text) { return ".integer(\(value + offset))" }
        guard let value = Double(text) else { return ".null" }
        let step = text.contains(".") ? 0.1 : 1
        let moved = value + Double(offset) * step
        if offset == 0 { return text.contains(".") ? ".double(\(text))" : ".integer(\(text))" }
        return moved == moved.rounded() ? ".integer(\(Int(moved)))" : ".double(\(moved))"
    }

    private func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }

    static func string(_ text: String) -> String {
        ".string(\(SwiftCode.stringLiteral(text)))"
    }

    /// `count` letters `a`: a literal when short, else made at run time (a literal of thousands
    /// of characters costs the compiler, and the reader, more than it tells).
    static func letters(_ count: Int) -> String {
        count <= 16 ? string(String(repeating: "a", count: count)) : ".string(String(repeating: \"a\", count: \(count)))"
    }
}
