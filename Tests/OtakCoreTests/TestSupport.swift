import Foundation
import OtakCore
import Testing

/// Helpers shared by the test files.
enum TestSupport {
    /// The folder holding this test target's sources and case files.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// Whether golden files should be rewritten instead of compared (`OTAK_UPDATE_GOLDEN=1`).
    static let updatingGoldens = ProcessInfo.processInfo.environment["OTAK_UPDATE_GOLDEN"] == "1"

    static func check(_ source: String, path: String = "test.otak") -> Frontend.Result {
        Frontend.check(SourceFile(path: path, text: source))
    }

    /// The checked schema of a source that must be valid; records the diagnostics if it is not.
    static func schema(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Schema? {
        let result = check(source)
        let rendered = DiagnosticRenderer().render(result.diagnostics, in: result.file)
        // Warnings are advice (the rules schema keeps create holes on purpose); golden cases test them.
        #expect(!result.hasErrors, "unexpected diagnostics:\n\(rendered)", sourceLocation: sourceLocation)
        return result.schema
    }

    /// The identifiers of the error diagnostics of a source.
    static func errorIDs(_ source: String) -> [String] {
        check(source).diagnostics.filter { $0.severity == .error }.map(\.message.id)
    }

    static func sampleFiles() -> [URL] {
        let samples = repositoryRoot.appendingPathComponent("samples")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
        return folders.sorted().flatMap { folder -> [URL] in
            let directory = samples.appendingPathComponent(folder)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return files.filter { $0.hasSuffix(".otak") }.sorted().map { directory.appendingPathComponent($0) }
        }
    }

    static func read(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// Compares `actual` with a golden file, or rewrites it when `OTAK_UPDATE_GOLDEN=1`.
    static func assertGolden(_ actual: String, _ golden: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        if updatingGoldens {
            try? Data(actual.utf8).write(to: golden)
            return
        }
        guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
            Issue.record("missing golden file \(golden.lastPathComponent); run with OTAK_UPDATE_GOLDEN=1 and review it",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "\(golden.lastPathComponent) differs:\n\(actual)", sourceLocation: sourceLocation)
    }
}
