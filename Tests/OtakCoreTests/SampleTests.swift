import Foundation
import OtakCore
import Testing

/// The samples are the language's showcase: valid, warning-free and canonical.
@Suite struct SampleTests {
    static let files = TestSupport.sampleFiles()

    @Test func everySampleIsPresent() {
        let names = Self.files.map { $0.deletingPathExtension().lastPathComponent }
        #expect(names == ["chat", "hotel", "shop", "social"])
    }

    @Test(arguments: files)
    func sampleIsValidAndCanonical(_ url: URL) throws {
        let source = TestSupport.read(url)
        let result = Frontend.check(SourceFile(path: url.lastPathComponent, text: source))
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRenderer().render(result.diagnostics, in: result.file))")
        let syntax = try #require(result.syntax)
        #expect(SchemaFormatter.format(syntax) == source, "run 'otak fmt' on \(url.lastPathComponent)")
    }
}
