import Foundation
import OtakCore
import Testing

/// Every schema the documentation shows is checked: a ```otak block that is a whole schema
/// (it has an `app` line) must be valid, or give exactly the diagnostics of the ```text block
/// that follows it; a part of a schema (declarations, or rule lines, in a block or inline in
/// backticks) must be valid in one of the samples, replacing the declarations of the same name
/// or added to one of its entities.
@Suite struct DocumentationTests {
    static let documents = [
        "README.md", "Sources/OtakCore/OtakCore.docc/LanguageReference.md",
        // A generated README, for what its template says about rules.
        "samples/shop/server/README.md",
    ]

    struct Example: CustomTestStringConvertible {
        var document: String
        var line: Int
        var text: String
        /// What `otak validate` prints for it, when the document shows that.
        var diagnostics: String?

        var testDescription: String { "\(document):\(line)" }
    }

    static let examples: [Example] = documents.flatMap { document -> [Example] in
        let text = TestSupport.read(TestSupport.repositoryRoot.appendingPathComponent(document))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var examples: [Example] = []
        // Prose is read a paragraph at a time: a quoted rule may run over a line break.
        var paragraph: (line: Int, text: String)?
        func endParagraph() {
            if let paragraph { examples += quotedRules(in: paragraph.text, document: document, line: paragraph.line) }
            paragraph = nil
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix("```") else {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { endParagraph() } else {
                    paragraph = (paragraph?.line ?? index + 1, (paragraph.map { $0.text + " " } ?? "") + trimmed)
                }
                index += 1
                continue
            }
            endParagraph()
            let end = lines[(index + 1)...].firstIndex { $0.hasPrefix("```") } ?? lines.count
            if line == "```otak" {
                var example = Example(document: document, line: index + 2, text: lines[(index + 1)..<end].joined(separator: "\n") + "\n")
                // The diagnostics block after it, past a line of prose.
                if let next = lines[min(end + 1, lines.count)...].prefix(4).firstIndex(of: "```text"),
                   let close = lines[(next + 1)...].firstIndex(of: "```"), lines[next + 1].hasPrefix("app.otak:") {
                    example.diagnostics = lines[(next + 1)..<close].joined(separator: "\n") + "\n"
                }
                examples.append(example)
            }
            index = end + 1
        }
        endParagraph()
        return examples
    }

    /// Rules quoted in prose, `allow update: …`, but those left unfinished (`…`).
    static func quotedRules(in paragraph: String, document: String, line: Int) -> [Example] {
        paragraph.split(separator: "`", omittingEmptySubsequences: false).enumerated().compactMap { quoted in
            let text = quoted.element
            guard quoted.offset % 2 == 1, text.hasPrefix("allow ") || text.hasPrefix("deny "),
                  text.contains(":"), !text.contains("…") else { return nil }
            return Example(document: document, line: line, text: String(text) + "\n")
        }
    }

    @Test func theDocumentsHaveExamples() {
        #expect(Self.examples.count >= 16)
        #expect(Self.examples.contains { $0.diagnostics != nil })
    }

    @Test(arguments: examples)
    func exampleIsWhatItSays(_ example: Example) throws {
        if let expected = example.diagnostics {
            let result = Frontend.check(SourceFile(path: "app.otak", text: example.text))
            #expect(DiagnosticRenderer().render(result.diagnostics, in: result.file) == expected)
            return
        }
        if example.text.split(separator: "\n").contains(where: { $0.hasPrefix("app ") }) {
            _ = TestSupport.schema(example.text)
            return
        }
        // Rules are shown side by side from several entities: each must be valid somewhere.
        let isRules = example.text.hasPrefix("allow ") || example.text.hasPrefix("deny ")
        let parts = isRules ? example.text.split(separator: "\n").map { String($0) + "\n" } : [example.text]
        for part in parts where !Self.isValidInASample(part) {
            Issue.record(Comment(rawValue: "valid in no sample:\n" + part))
        }
    }

    static func isValidInASample(_ part: String) -> Bool {
        TestSupport.sampleFiles().contains { sample in
            placements(of: part, in: TestSupport.read(sample)).contains { !TestSupport.check($0).hasErrors }
        }
    }

    /// The schemas made by putting a part of a schema into `context`: rule lines at the end of
    /// each entity in turn; declarations in place of those of the same name.
    static func placements(of part: String, in context: String) -> [String] {
        guard let syntax = Frontend.parse(SourceFile(path: "context.otak", text: context)).syntax else { return [] }
        let bytes = Array(context.utf8)
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        let trimmed = part.drop { $0 == " " }
        if trimmed.hasPrefix("allow ") || trimmed.hasPrefix("deny ") {
            return syntax.declarations.compactMap { declaration in
                guard case .entity(let entity) = declaration else { return nil }
                let end = entity.range.end - 1
                return text(0..<end) + "\n" + part + text(end..<bytes.count)
            }
        }
        guard let added = Frontend.parse(SourceFile(path: "part.otak", text: part)).syntax else { return [] }
        let names = Set(added.declarations.compactMap(Self.name))
        var result = ""
        var position = 0
        for declaration in syntax.declarations {
            guard let name = Self.name(declaration), names.contains(name) else { continue }
            result += text(position..<declaration.range.start)
            position = declaration.range.end
        }
        return [result + text(position..<bytes.count) + "\n" + part]
    }

    /// `entity User`, `enum Role`, `auth`: what two declarations of one schema cannot share.
    private static func name(_ declaration: Declaration) -> String? {
        switch declaration {
        case .app: "app"
        case .auth: "auth"
        case .enumeration(let declaration): "enum " + declaration.name.name
        case .entity(let declaration): "entity " + declaration.name.name
        }
    }
}
