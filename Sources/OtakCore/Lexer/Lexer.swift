/// Turns the bytes of a `SourceFile` into tokens.
///
/// Whitespace is dropped but remembered on the next token (`isAtStartOfLine`,
/// `hasBlankLineBefore`); comments are attached to the token before them (same line) or
/// after them (own line). The lexer never stops early: a bad character becomes an
/// `.invalid` token and one diagnostic, and lexing goes on.
public struct Lexer {
    private let file: SourceFile
    private let bytes: [UInt8]
    private var offset = 0
    private var tokens: [Token] = []
    private var pendingComments: [Comment] = []
    private var atStartOfLine = true
    private var lineBreaks = 0

    private init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    /// The tokens of `file`, always ending with one `.endOfFile` token.
    public static func tokenize(_ file: SourceFile, diagnostics: inout DiagnosticCollector) -> [Token] {
        var lexer = Lexer(file: file)
        lexer.run(&diagnostics)
        return lexer.tokens
    }

    private mutating func run(_ diagnostics: inout DiagnosticCollector) {
        while true {
            skipTrivia(&diagnostics)
            guard offset < bytes.count else {
                append(.endOfFile, from: offset, value: "")
                return
            }
            lexToken(&diagnostics)
        }
    }

    // MARK: Trivia

    private mutating func skipTrivia(_ diagnostics: inout DiagnosticCollector) {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\n"):
                atStartOfLine = true
                lineBreaks += 1
                offset += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                offset += 1
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                let start = offset
                while offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") { offset += 1 }
                addComment(from: start)
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                let start = offset
                offset += 2
                var depth = 1
                while offset < bytes.count, depth > 0 {
                    if bytes[offset] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        depth -= 1
                        offset += 2
                    } else if bytes[offset] == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                        depth += 1
                        offset += 2
                    } else {
                        offset += 1
                    }
                }
                if depth > 0 {
                    diagnostics.error(.unterminatedComment, at: SourceRange(start: start, end: start + 2),
                                      hints: ["add '*/' where the comment ends"])
                }
                addComment(from: start)
            default:
                return
            }
        }
    }

    private mutating func addComment(from start: Int) {
        var end = offset
        while end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let range = SourceRange(start: start, end: end)
        let ownLine = atStartOfLine || tokens.isEmpty
        let comment = Comment(text: file.text(range), range: range, isOnOwnLine: ownLine,
                              hasBlankLineBefore: lineBreaks >= 2)
        if ownLine {
            pendingComments.append(comment)
        } else {
            tokens[tokens.count - 1].trailingComments.append(comment)
        }
        lineBreaks = 0
    }

    // MARK: Tokens

    private mutating func lexToken(_ diagnostics: inout DiagnosticCollector) {
        let start = offset
        let byte = bytes[offset]
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            while offset < bytes.count, isIdentifierByte(bytes[offset]) { offset += 1 }
            append(.identifier, from: start)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            lexNumber(&diagnostics)
        case UInt8(ascii: "\""):
            lexString(raw: false, &diagnostics)
        case UInt8(ascii: "#") where peek(1) == UInt8(ascii: "\""):
            lexString(raw: true, &diagnostics)
        case UInt8(ascii: "."):
            if peek(1) == UInt8(ascii: "."), peek(2) == UInt8(ascii: ".") {
                punctuation(.closedRange, length: 3)
            } else if peek(1) == UInt8(ascii: "."), peek(2) == UInt8(ascii: "<") {
                punctuation(.halfOpenRange, length: 3)
            } else {
                punctuation(.dot, length: 1)
            }
        case UInt8(ascii: "@"):
            punctuation(peek(1) == UInt8(ascii: "@") ? .atAt : .at, length: peek(1) == UInt8(ascii: "@") ? 2 : 1)
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") {
                punctuation(.equalEqual, length: 2)
            } else {
                invalid(length: 1, hint: "use '==' to compare", &diagnostics)
            }
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") { punctuation(.bangEqual, length: 2) } else { punctuation(.bang, length: 1) }
        case UInt8(ascii: "<"):
            if peek(1) == UInt8(ascii: "=") { punctuation(.lessEqual, length: 2) } else { punctuation(.less, length: 1) }
        case UInt8(ascii: ">"):
            if peek(1) == UInt8(ascii: "=") { punctuation(.greaterEqual, length: 2) } else { punctuation(.greater, length: 1) }
        case UInt8(ascii: "&"):
            if peek(1) == UInt8(ascii: "&") {
                punctuation(.ampAmp, length: 2)
            } else {
                invalid(length: 1, hint: "use '&&' for 'and'", &diagnostics)
            }
        case UInt8(ascii: "|"):
            if peek(1) == UInt8(ascii: "|") {
                punctuation(.pipePipe, length: 2)
            } else {
                invalid(length: 1, hint: "use '||' for 'or'", &diagnostics)
            }
        case UInt8(ascii: "{"): punctuation(.leftBrace, length: 1)
        case UInt8(ascii: "}"): punctuation(.rightBrace, length: 1)
        case UInt8(ascii: "("): punctuation(.leftParen, length: 1)
        case UInt8(ascii: ")"): punctuation(.rightParen, length: 1)
        case UInt8(ascii: "["): punctuation(.leftBracket, length: 1)
        case UInt8(ascii: "]"): punctuation(.rightBracket, length: 1)
        case UInt8(ascii: ","): punctuation(.comma, length: 1)
        case UInt8(ascii: ":"): punctuation(.colon, length: 1)
        case UInt8(ascii: "?"): punctuation(.question, length: 1)
        case UInt8(ascii: "-"): punctuation(.minus, length: 1)
        case UInt8(ascii: ";"):
            invalid(length: 1, hint: "Otak does not use ';': put each declaration on its own line", &diagnostics)
        case UInt8(ascii: "'"):
            invalid(length: 1, hint: "strings use double quotes: \"text\"", &diagnostics)
        default:
            var length = 0
            while offset + length < bytes.count, !startsToken(bytes[offset + length]) { length += 1 }
            invalid(length: max(1, length), hint: nil, &diagnostics)
        }
    }

    private mutating func lexNumber(_ diagnostics: inout DiagnosticCollector) {
        let start = offset
        var kind = TokenKind.integer
        digits()
        if peek(0) == UInt8(ascii: "."), let next = peek(1), isDigit(next) {
            kind = .decimal
            offset += 1
            digits()
        }
        if let next = peek(0), isIdentifierByte(next) {
            let unitStart = offset
            while offset < bytes.count, isIdentifierByte(bytes[offset]) { offset += 1 }
            let unit = file.text(SourceRange(start: unitStart, end: offset))
            if kind == .integer, ["s", "m", "h", "d", "w"].contains(unit) {
                kind = .duration
            } else if kind == .integer, ["B", "KB", "MB", "GB"].contains(unit) {
                kind = .size
            } else {
                diagnostics.error(.malformedNumber, at: SourceRange(start: start, end: offset),
                                  hints: ["a duration is a whole number followed by s, m, h, d or w, like 7d; "
                                          + "a size is one followed by B, KB, MB or GB, like 5MB"])
                kind = .invalid
            }
        }
        var value = file.text(SourceRange(start: start, end: offset))
        value.removeAll { $0 == "_" }
        append(kind, from: start, value: value)
    }

    private mutating func digits() {
        while let byte = peek(0), isDigit(byte) || byte == UInt8(ascii: "_") { offset += 1 }
    }

    /// `"text"` with the escapes `\" \\ \n \t \r`, or a raw `#"text"#` without escapes.
    /// A string ends at the end of its line.
    private mutating func lexString(raw: Bool, _ diagnostics: inout DiagnosticCollector) {
        let start = offset
        offset += raw ? 2 : 1
        var value: [UInt8] = []
        var isValid = true
        while true {
            guard let byte = peek(0), byte != UInt8(ascii: "\n") else {
                diagnostics.error(.unterminatedString, at: SourceRange(start: start, end: offset),
                                  hints: ["add \(raw ? "'\"#'" : "'\"'") where the string ends; strings cannot span lines"])
                append(.invalid, from: start)
                return
            }
            if byte == UInt8(ascii: "\"") {
                if !raw {
                    offset += 1
                    break
                }
                if peek(1) == UInt8(ascii: "#") {
                    offset += 2
                    break
                }
            }
            if byte == UInt8(ascii: "\\"), !raw, let escaped = peek(1), escaped != UInt8(ascii: "\n") {
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): value.append(escaped)
                case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "r"): value.append(UInt8(ascii: "\r"))
                default:
                    isValid = false
                    let character = file.text(SourceRange(start: offset + 1, end: offset + 2))
                    diagnostics.error(.invalidEscape(character), at: SourceRange(start: offset, end: offset + 2),
                                      hints: ["write '\\\\' for a backslash, or use a raw string: #\"...\"#"])
                }
                offset += 2
                continue
            }
            value.append(byte)
            offset += 1
        }
        append(isValid ? (raw ? .rawString : .string) : .invalid, from: start, value: String(decoding: value, as: UTF8.self))
    }

    private mutating func punctuation(_ kind: TokenKind, length: Int) {
        let start = offset
        offset += length
        append(kind, from: start)
    }

    private mutating func invalid(length: Int, hint: String?, _ diagnostics: inout DiagnosticCollector) {
        let range = SourceRange(start: offset, end: offset + length)
        diagnostics.error(.invalidCharacters(file.text(range)), at: range, hints: hint.map { [$0] } ?? [])
        offset += length
        append(.invalid, from: range.start)
    }

    private mutating func append(_ kind: TokenKind, from start: Int, value: String? = nil) {
        let range = SourceRange(start: start, end: offset)
        tokens.append(Token(
            kind: kind, range: range, value: value ?? file.text(range),
            isAtStartOfLine: atStartOfLine, hasBlankLineBefore: lineBreaks >= 2,
            leadingComments: pendingComments))
        pendingComments = []
        atStartOfLine = false
        lineBreaks = 0
    }

    // MARK: Bytes

    private func peek(_ distance: Int) -> UInt8? {
        offset + distance < bytes.count ? bytes[offset + distance] : nil
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    /// Whether a byte ends a run of invalid characters: whitespace or the start of a token.
    private func startsToken(_ byte: UInt8) -> Bool {
        if isIdentifierByte(byte) { return true }
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "\""),
             UInt8(ascii: "#"), UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "="), UInt8(ascii: "!"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "?"), UInt8(ascii: "-"), UInt8(ascii: "/"),
             UInt8(ascii: ";"), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }
}
