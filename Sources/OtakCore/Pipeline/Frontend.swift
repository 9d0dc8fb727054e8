/// The front end in one place: source → tokens → syntax → checked model.
///
/// Each stage can also be run alone (`Lexer.tokenize`, `Parser.parse`, `Checker.check`);
/// this type chains them and stops early only where going on would report nonsense.
public enum Frontend {
    public struct Result: Sendable {
        public var file: SourceFile
        /// `nil` when the file is not text.
        public var syntax: SchemaSyntax?
        /// `nil` when any error was found.
        public var schema: Schema?
        /// In source order.
        public var diagnostics: [Diagnostic]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Lexes and parses a file; for `otak fmt`, which needs only the syntax.
    public static func parse(_ file: SourceFile) -> Result {
        var diagnostics = DiagnosticCollector()
        guard let syntax = parse(file, &diagnostics) else {
            return Result(file: file, syntax: nil, schema: nil, diagnostics: diagnostics.sorted)
        }
        return Result(file: file, syntax: syntax, schema: nil, diagnostics: diagnostics.sorted)
    }

    /// Runs every stage and reports every error at once.
    ///
    /// After syntax errors the checker still runs on what was parsed, told which
    /// declarations are damaged so that it stays silent about names they may have lost.
    public static func check(_ file: SourceFile) -> Result {
        var diagnostics = DiagnosticCollector()
        guard let syntax = parse(file, &diagnostics) else {
            return Result(file: file, syntax: nil, schema: nil, diagnostics: diagnostics.sorted)
        }
        let damage = SyntaxDamage(syntax, errors: diagnostics.diagnostics.filter { $0.severity == .error })
        let schema = Checker.check(syntax, damage: damage, diagnostics: &diagnostics)
        return Result(file: file, syntax: syntax, schema: schema, diagnostics: diagnostics.sorted)
    }

    private static func parse(_ file: SourceFile, _ diagnostics: inout DiagnosticCollector) -> SchemaSyntax? {
        if let offset = firstInvalidUTF8Offset(file.bytes) {
            diagnostics.error(.invalidEncoding, at: SourceRange(start: offset, end: offset + 1),
                              hints: ["an Otak schema is UTF-8 text"])
            return nil
        }
        let tokens = Lexer.tokenize(file, diagnostics: &diagnostics)
        return Parser.parse(tokens, diagnostics: &diagnostics)
    }

    /// The offset of the first byte that is not part of valid UTF-8, or of a NUL byte.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00: return index
            case 0x01...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for next in bytes[(index + 1)..<(index + length)] where next & 0xC0 != 0x80 {
                return index
            }
            // Overlong forms, surrogates and code points above U+10FFFF.
            if length == 3 {
                let second = bytes[index + 1]
                if (byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F) { return index }
            } else if length == 4 {
                let second = bytes[index + 1]
                if (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F) { return index }
            }
            index += length
        }
        return nil
    }
}
