/// The kinds of tokens of the Otak language.
public enum TokenKind: Sendable, Equatable {
    case identifier
    case integer
    case decimal
    /// A number with a time unit: `7d`, `12h`, `30m`, `90s`, `2w`.
    case duration
    /// A number with a size unit: `512KB`, `5MB`, `1GB` (multiples of 1024 bytes), `100B`.
    case size
    /// A string literal; `Token.value` holds its decoded contents.
    case string
    /// A raw string `#"…"#`, whose backslashes are literal (handy for patterns).
    case rawString
    case leftBrace, rightBrace, leftParen, rightParen, leftBracket, rightBracket
    case comma, colon, question, dot
    /// `...`
    case closedRange
    /// `..<`, which Otak does not use; lexed so that the parser can say so.
    case halfOpenRange
    /// `@` before a field attribute, `@@` before an entity attribute.
    case at, atAt
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    case ampAmp, pipePipe, bang, minus
    /// Characters that start no token; the lexer has already reported them.
    case invalid
    case endOfFile
}

/// A comment, kept so that `otak fmt` can print it again.
public struct Comment: Sendable, Equatable {
    /// The comment as written, including `//` or `/*` and `*/`.
    public var text: String
    public var range: SourceRange
    /// True when the comment is the first thing on its line.
    public var isOnOwnLine: Bool
    /// True when an empty line separates it from what comes before.
    public var hasBlankLineBefore: Bool
}

/// One token with its exact source range and the comments around it.
public struct Token: Sendable {
    public var kind: TokenKind
    public var range: SourceRange
    /// The token's text; for strings, the decoded contents.
    public var value: String
    /// True when a line break separates this token from the previous one.
    public var isAtStartOfLine: Bool
    /// True when an empty line separates this token from the previous one.
    public var hasBlankLineBefore: Bool
    /// Comments on their own lines just before this token.
    public var leadingComments: [Comment] = []
    /// Comments after this token on the same line.
    public var trailingComments: [Comment] = []

    public func `is`(_ keyword: String) -> Bool {
        kind == .identifier && value == keyword
    }
}

extension TokenKind {
    /// How the token is spelled, for messages ("expected '{'").
    public var spelling: String {
        switch self {
        case .identifier: "a name"
        case .integer, .decimal: "a number"
        case .duration: "a duration"
        case .size: "a size"
        case .string, .rawString: "a string"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .comma: "','"
        case .colon: "':'"
        case .question: "'?'"
        case .dot: "'.'"
        case .closedRange: "'...'"
        case .halfOpenRange: "'..<'"
        case .at: "'@'"
        case .atAt: "'@@'"
        case .equalEqual: "'=='"
        case .bangEqual: "'!='"
        case .less: "'<'"
        case .lessEqual: "'<='"
        case .greater: "'>'"
        case .greaterEqual: "'>='"
        case .ampAmp: "'&&'"
        case .pipePipe: "'||'"
        case .bang: "'!'"
        case .minus: "'-'"
        case .invalid: "an invalid character"
        case .endOfFile: "the end of the file"
        }
    }
}
