import Foundation
import OtakCore
import Testing

/// Each `Diagnostics/NAME.otak` is checked and its rendered diagnostics compared with
/// `Diagnostics/NAME.expected`. Add a case by adding a file; rewrite the expectations with
/// `OTAK_UPDATE_GOLDEN=1 swift test` and review the diff like code.
@Suite struct DiagnosticGoldenTests {
    static let directory = TestSupport.testsDirectory.appendingPathComponent("Diagnostics")

    static let cases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".otak") }.map { String($0.dropLast(".otak".count)) }.sorted()
    }()

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func diagnostics(of name: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name + ".otak"))
        let result = Frontend.check(SourceFile(path: name + ".otak", bytes: Array(data)))
        // Every case is an invalid schema, but `warning-…` ones: valid, with warnings.
        if name.hasPrefix("warning-") {
            #expect(!result.hasErrors && result.schema != nil && !result.diagnostics.isEmpty, "\(name).otak is expected to be valid, with warnings")
        } else {
            #expect(result.hasErrors && result.schema == nil, "\(name).otak is expected to be invalid")
        }
        let rendered = DiagnosticRenderer().render(result.diagnostics, in: result.file)
        TestSupport.assertGolden(rendered, Self.directory.appendingPathComponent(name + ".expected"))
    }
}
