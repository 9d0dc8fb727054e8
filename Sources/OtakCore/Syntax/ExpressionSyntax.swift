/// An expression as written: in rules, `@@check`, and attribute arguments.
public struct ExpressionSyntax: Sendable {
    public indirect enum Kind: Sendable {
        /// A name: a field, or one of `public authenticated owner self auth now` and the like.
        case name(String)
        /// `base.member`
        case member(ExpressionSyntax, Identifier)
        /// `.pending`
        case enumCase(Identifier)
        /// `role(admin, staff)`
        case call(Identifier, [ExpressionSyntax])
        /// `members.any(user == auth)`, `tasks.count()`: a method of a value.
        case method(ExpressionSyntax, Identifier, [ExpressionSyntax])
        case integer(String)
        case decimal(String)
        case duration(String)
        /// `5MB`: a whole number and its unit, as written.
        case size(String)
        /// A string literal; `raw` tells whether it was written `#"…"#`.
        case string(String, raw: Bool)
        case bool(Bool)
        case null
        case not(ExpressionSyntax)
        case negate(ExpressionSyntax)
        case binary(BinaryOperator, ExpressionSyntax, ExpressionSyntax)
        case parenthesized(ExpressionSyntax)
        /// `1...100`, `0...`, `...72`.
        case range(ExpressionSyntax?, ExpressionSyntax?)
        /// Something that did not parse; a diagnostic was already reported.
        case error
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// Whether a syntax error left a hole in this expression; the checker then stays silent about it.
    public var containsError: Bool {
        switch kind {
        case .error: true
        case .name, .enumCase, .integer, .decimal, .duration, .size, .string, .bool, .null: false
        case .member(let base, _): base.containsError
        case .call(_, let arguments): arguments.contains(where: \.containsError)
        case .method(let base, _, let arguments): base.containsError || arguments.contains(where: \.containsError)
        case .not(let operand), .negate(let operand), .parenthesized(let operand): operand.containsError
        case .binary(_, let lhs, let rhs): lhs.containsError || rhs.containsError
        case .range(let lower, let upper): (lower?.containsError ?? false) || (upper?.containsError ?? false)
        }
    }
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case and = "&&"
    case or = "||"

    public var isComparison: Bool {
        self != .and && self != .or
    }
}
