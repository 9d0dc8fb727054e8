import OtakCore
import Testing

@Suite struct LexerTests {
    func lex(_ source: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var diagnostics = DiagnosticCollector()
        let tokens = Lexer.tokenize(SourceFile(path: "t.otak", text: source), diagnostics: &diagnostics)
        return (tokens, diagnostics.sorted)
    }

    func kinds(_ source: String) -> [TokenKind] {
        lex(source).tokens.map(\.kind)
    }

    @Test func fieldLine() {
        let (tokens, diagnostics) = lex("price Decimal? @range(0.5...)")
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [.identifier, .identifier, .question, .at, .identifier, .leftParen, .decimal,
                                        .closedRange, .rightParen, .endOfFile])
        #expect(tokens.map(\.value).prefix(2) == ["price", "Decimal"])
        #expect(tokens[6].value == "0.5")
        #expect(tokens[6].range == SourceRange(start: 22, end: 25))
    }

    @Test func rangesOfIntegersAreNotDecimals() {
        #expect(kinds("1...100") == [.integer, .closedRange, .integer, .endOfFile])
        #expect(kinds("...72") == [.closedRange, .integer, .endOfFile])
        #expect(kinds("0..<9") == [.integer, .halfOpenRange, .integer, .endOfFile])
    }

    @Test func durationsAndNumbers() {
        let (tokens, diagnostics) = lex("7d 12h 30m 1_000 2w")
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [.duration, .duration, .duration, .integer, .duration, .endOfFile])
        #expect(tokens[3].value == "1000")
        let bad = lex("7x")
        #expect(bad.diagnostics.map(\.message.id) == ["malformed-number"])
    }

    @Test func operators() {
        #expect(kinds("== != < <= > >= && || ! - @ @@ . , : { } [ ] ( )") == [
            .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual, .ampAmp, .pipePipe, .bang, .minus,
            .at, .atAt, .dot, .comma, .colon, .leftBrace, .rightBrace, .leftBracket, .rightBracket, .leftParen,
            .rightParen, .endOfFile,
        ])
    }

    @Test func stringsDecodeEscapes() {
        let (tokens, diagnostics) = lex("\"a\\\"b\\\\c\\n\" #\"^\\d+$\"#")
        #expect(diagnostics.isEmpty)
        #expect(tokens[0].kind == .string && tokens[0].value == "a\"b\\c\n")
        #expect(tokens[1].kind == .rawString && tokens[1].value == #"^\d+$"#)
    }

    @Test func badStrings() {
        #expect(lex(#""abc"#).diagnostics.map(\.message.id) == ["unterminated-string"])
        #expect(lex("\"ab\ncd\"").diagnostics.first?.message.id == "unterminated-string")
        #expect(lex(#""\q""#).diagnostics.map(\.message.id) == ["invalid-escape"])
    }

    @Test func commentsAttachToTokens() {
        let source = """
            // heading

            // about name
            name String // trailing
            /* block /* nested */ still */ next
            """
        let (tokens, diagnostics) = lex(source)
        #expect(diagnostics.isEmpty)
        #expect(tokens[0].leadingComments.map(\.text) == ["// heading", "// about name"])
        #expect(tokens[0].leadingComments.map(\.hasBlankLineBefore) == [false, true])
        #expect(tokens[1].trailingComments.map(\.text) == ["// trailing"])
        #expect(tokens[2].leadingComments.map(\.text) == ["/* block /* nested */ still */"])
        #expect(tokens[2].isAtStartOfLine)
        #expect(!tokens[1].isAtStartOfLine)
    }

    @Test func blankLinesAreRemembered() {
        let tokens = lex("a\nb\n\n\nc").tokens
        #expect(tokens.map(\.hasBlankLineBefore) == [false, false, true, false])
    }

    @Test func unterminatedBlockComment() {
        let (tokens, diagnostics) = lex("a /* no end")
        #expect(diagnostics.map(\.message.id) == ["unterminated-comment"])
        #expect(diagnostics[0].range == SourceRange(start: 2, end: 4))
        #expect(tokens.last?.kind == .endOfFile)
    }

    @Test func invalidCharactersAreReportedOncePerRun() {
        let (tokens, diagnostics) = lex("a $%^ b ; c")
        #expect(diagnostics.map(\.message.text) == ["unexpected characters '$%^'", "unexpected character ';'"])
        #expect(tokens.map(\.kind) == [.identifier, .invalid, .identifier, .invalid, .identifier, .endOfFile])
    }
}
