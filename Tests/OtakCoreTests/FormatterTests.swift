import Foundation
import OtakCore
import Testing

/// `otak fmt`: canonical layout (golden files), idempotence, and that formatting keeps
/// every comment and the meaning of the schema.
@Suite struct FormatterTests {
    static let directory = TestSupport.testsDirectory.appendingPathComponent("Format")
    static let cases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".otak") }.map { String($0.dropLast(".otak".count)) }.sorted()
    }()

    static func format(_ source: String) throws -> String {
        let result = Frontend.parse(SourceFile(path: "t.otak", text: source))
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message.text))")
        return SchemaFormatter.format(try #require(result.syntax))
    }

    static func comments(_ source: String) -> [String] {
        var diagnostics = DiagnosticCollector()
        let tokens = Lexer.tokenize(SourceFile(path: "t.otak", text: source), diagnostics: &diagnostics)
        return tokens.flatMap { $0.leadingComments + $0.trailingComments }.map(\.text).sorted()
    }

    /// Formatting must keep the schema's meaning, its comments, and be a fixed point.
    static func assertFormattingIsSafe(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let formatted = try format(source)
        #expect(try format(formatted) == formatted, "not idempotent", sourceLocation: sourceLocation)
        #expect(comments(formatted) == comments(source), "comments changed", sourceLocation: sourceLocation)
        let before = TestSupport.check(source)
        let after = TestSupport.check(formatted)
        #expect(before.schema == after.schema, "meaning changed", sourceLocation: sourceLocation)
        #expect(before.diagnostics.map(\.message) == after.diagnostics.map(\.message), sourceLocation: sourceLocation)
    }

    @Test(arguments: cases)
    func golden(_ name: String) throws {
        let source = TestSupport.read(Self.directory.appendingPathComponent(name + ".otak"))
        let formatted = try Self.format(source)
        TestSupport.assertGolden(formatted, Self.directory.appendingPathComponent(name + ".formatted"))
        try Self.assertFormattingIsSafe(source)
    }

    @Test(arguments: TestSupport.sampleFiles())
    func samplesSurviveFormatting(_ url: URL) throws {
        try Self.assertFormattingIsSafe(TestSupport.read(url))
    }

    @Test func emptyAndCommentOnlyFiles() throws {
        #expect(try Self.format("") == "")
        #expect(try Self.format("\n\n// only a comment\n\n") == "// only a comment\n")
    }
}
