import Foundation
import Testing

@testable import OtakCore

/// The `otak` binary carries its templates; they must be exactly the files in `Templates/`.
@Suite struct EmbeddedTemplatesTests {
    static let templatesDirectory = TestSupport.repositoryRoot.appendingPathComponent("Templates")
    static let embeddedSource = TestSupport.repositoryRoot
        .appendingPathComponent("Sources/OtakCore/Generator/BuiltInTemplates/EmbeddedTemplates.swift")

    @Test func embeddedTemplatesEqualTheTemplatesFolder() throws {
        let files = try TemplateFiles.read(directory: Self.templatesDirectory.path)
        #expect(!files.isEmpty)
        TestSupport.assertGolden(Self.swiftSource(files), Self.embeddedSource)
        if !TestSupport.updatingGoldens {
            #expect(EmbeddedTemplates.files == files, "run the tests with OTAK_UPDATE_GOLDEN=1 and rebuild")
        }
    }

    /// The source of `EmbeddedTemplates.swift`: one raw string literal per template.
    static func swiftSource(_ files: [String: String]) -> String {
        var source = """
            // Generated from Templates/ by EmbeddedTemplatesTests (OTAK_UPDATE_GOLDEN=1 swift test). Do not edit.

            /// The templates of the generated package, built into `otak` so that it works when copied anywhere.
            enum EmbeddedTemplates {
                static let files: [String: String] = [

            """
        for name in files.keys.sorted() {
            let text = files[name]!
            var hashes = "#"
            while text.contains("\"\"\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
            source += "        \"\(name)\": \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes),\n"
        }
        source += "    ]\n}\n"
        return source
    }
}
