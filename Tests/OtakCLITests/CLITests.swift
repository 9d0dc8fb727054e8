import Foundation
import OtakCLI
import Testing

/// The command-line contract: exit codes, output channels, formats and colour.
@Suite struct CLITests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

    /// A temporary folder holding the given files, removed by the caller.
    final class Scratch {
        let directory: URL

        init(_ files: [String: String]) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("otak-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, contents) in files {
                try Data(contents.utf8).write(to: directory.appendingPathComponent(name))
            }
        }

        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

        func contents(_ name: String) -> String {
            (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
        }

        func write(_ name: String, _ contents: String) throws {
            try Data(contents.utf8).write(to: directory.appendingPathComponent(name))
        }

        /// Every file under a folder, by relative path, with its contents.
        func files(in folder: String) throws -> [String: Data] {
            let root = directory.appendingPathComponent(folder)
            var result: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: root.path)
            while let path = enumerator?.nextObject() as? String {
                if let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) {
                    result[path] = data
                }
            }
            return result
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    static let valid = "app Shop\n\nentity Product {\n  name String\n\n  allow read: public\n}\n"
    static let unformatted = "app Shop\nentity Product {\n name   String\n allow read:public\n}\n"
    static let invalid = "app Shop\n\nentity Product {\n  name Strin\n  price Decimal @length(1...2)\n}\n"

    func run(_ arguments: String..., environment: [String: String] = [:], terminal: Bool = false) -> Outcome {
        OtakCommand.run(Invocation(arguments: arguments, environment: environment, standardOutputIsTerminal: terminal))
    }

    @Test func helpAndVersion() {
        #expect(run("--version") == Outcome(exitCode: 0, standardOutput: "otak \(OtakCommand.version)\n"))
        let help = run("--help")
        #expect(help.exitCode == 0 && help.standardOutput.contains("Usage: otak COMMAND") && help.standardError.isEmpty)
        #expect(run("help").standardOutput == help.standardOutput)
        #expect(run("help", "validate").standardOutput.contains("Usage: otak validate"))
        #expect(run("help", "fmt").standardOutput.contains("--check"))
        #expect(run("fmt", "--help").standardOutput.contains("Usage: otak fmt"))
    }

    @Test func usageErrorsExitTwoWithOneLine() throws {
        let scratch = try Scratch(["a.otak": Self.valid])
        for outcome in [
            run(), run("frobnicate"), run("--frobnicate"), run("help", "frobnicate"), run("validate"),
            run("validate", "--strict", scratch.path("a.otak")), run("validate", "--format", "xml", scratch.path("a.otak")),
            run("validate", "--format"), run("validate", scratch.path("missing.otak")), run("fmt", scratch.directory.path),
            run("validate", "--check", scratch.path("a.otak")),
        ] {
            #expect(outcome.exitCode == 2)
            #expect(outcome.standardOutput.isEmpty)
            if outcome.standardError != run().standardError {
                #expect(outcome.standardError.hasPrefix("otak: ") && outcome.standardError.split(separator: "\n").count == 1,
                        "\(outcome.standardError)")
            }
        }
        #expect(run("validate", scratch.path("missing.otak")).standardError
                == "otak: cannot read '\(scratch.path("missing.otak"))': no such file\n")
    }

    @Test func validateReportsEveryErrorAndExitsOne() throws {
        let scratch = try Scratch(["good.otak": Self.valid, "bad.otak": Self.invalid])
        let good = run("validate", scratch.path("good.otak"))
        #expect(good == Outcome(exitCode: 0, standardOutput: "valid: 1 schema, 1 entity, 0 enums\n"))
        let bad = run("validate", scratch.path("good.otak"), scratch.path("bad.otak"))
        #expect(bad.exitCode == 1)
        #expect(bad.standardOutput.contains("\(scratch.path("bad.otak")):4:8: error: unknown type 'Strin'\n"))
        #expect(bad.standardOutput.contains("\(scratch.path("bad.otak")):5:17: error: '@length' cannot be used"))
        #expect(bad.standardOutput.hasSuffix("2 errors\n"))
        #expect(!bad.standardOutput.contains("\u{1B}["))
    }

    @Test func validateAcceptsEverySample() throws {
        let paths = ["chat", "hotel", "shop", "social"].map { Self.samples.appendingPathComponent("\($0)/\($0).otak").path }
        let outcome = OtakCommand.run(Invocation(arguments: ["validate"] + paths))
        #expect(outcome.exitCode == 0, "\(outcome.standardOutput)")
        #expect(outcome.standardOutput == "valid: 4 schemas, 17 entities, 9 enums\n")
    }

    @Test func jsonFormat() throws {
        let scratch = try Scratch(["bad.otak": Self.invalid, "good.otak": Self.valid])
        let outcome = run("validate", "--format=json", scratch.path("bad.otak"))
        #expect(outcome.exitCode == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        #expect(diagnostics[0]["file"] as? String == scratch.path("bad.otak"))
        #expect(diagnostics[0]["line"] as? Int == 4 && diagnostics[0]["column"] as? Int == 8)
        #expect(diagnostics[0]["endColumn"] as? Int == 13)
        #expect(diagnostics[0]["severity"] as? String == "error" && diagnostics[0]["id"] as? String == "unknown-type")
        #expect(diagnostics[0]["hints"] as? [String] == ["did you mean 'String'?"])
        let clean = run("validate", "--format", "json", scratch.path("good.otak"))
        #expect(clean == Outcome(exitCode: 0, standardOutput: "{\n  \"diagnostics\" : [\n\n  ]\n}\n"))
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() throws {
        let scratch = try Scratch(["bad.otak": Self.invalid])
        #expect(run("validate", scratch.path("bad.otak"), terminal: true).standardOutput.contains("\u{1B}[1;31merror:"))
        #expect(!run("validate", scratch.path("bad.otak"), environment: ["NO_COLOR": "1"], terminal: true)
            .standardOutput.contains("\u{1B}["))
        #expect(!run("validate", scratch.path("bad.otak"), terminal: false).standardOutput.contains("\u{1B}["))
    }

    @Test func fmtRewritesAndChecks() throws {
        let scratch = try Scratch(["messy.otak": Self.unformatted, "clean.otak": Self.valid])
        #expect(run("fmt", "--check", scratch.path("clean.otak")) == Outcome(exitCode: 0))
        let check = run("fmt", "--check", scratch.path("messy.otak"), scratch.path("clean.otak"))
        #expect(check == Outcome(exitCode: 1, standardOutput: "\(scratch.path("messy.otak")): not formatted\n"))
        #expect(scratch.contents("messy.otak") == Self.unformatted)
        #expect(run("fmt", scratch.path("messy.otak")) == Outcome(exitCode: 0))
        #expect(scratch.contents("messy.otak") == "app Shop\n\nentity Product {\n  name String\n  allow read: public\n}\n")
        #expect(run("fmt", "--check", scratch.path("messy.otak")).exitCode == 0)
    }

    @Test func fmtLeavesBrokenFilesAlone() throws {
        let broken = "app Shop\nentity Product {\n  name String @length(1...\n}\n"
        let scratch = try Scratch(["broken.otak": broken])
        let outcome = run("fmt", scratch.path("broken.otak"))
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardOutput.contains(": error: expected ')'"))
        #expect(scratch.contents("broken.otak") == broken)
    }
}

/// `otak diagram`: the Mermaid diagram each sample's generated README shows.
@Suite struct DiagramCommandTests {
    @Test(arguments: ["chat", "hotel", "shop", "social", "teams"])
    func printsTheDiagramOfTheGeneratedREADME(_ sample: String) throws {
        let folder = CLITests.samples.appendingPathComponent(sample)
        let outcome = OtakCommand.run(Invocation(arguments: ["diagram", folder.appendingPathComponent("\(sample).otak").path]))
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardOutput.hasPrefix("erDiagram\n"))
        let readme = try String(contentsOf: folder.appendingPathComponent("server/README.md"), encoding: .utf8)
        #expect(readme.contains("```mermaid\n" + outcome.standardOutput + "```\n"))
    }

    @Test func refusesAnInvalidSchemaAndAskForOneFile() {
        let scratch = try? CLITests.Scratch(["bad.otak": CLITests.invalid, "good.otak": CLITests.valid])
        let bad = OtakCommand.run(Invocation(arguments: ["diagram", scratch?.path("bad.otak") ?? ""]))
        #expect(bad.exitCode == 1 && !bad.standardOutput.contains("erDiagram") && (bad.standardOutput + bad.standardError).contains("error"))
        let two = OtakCommand.run(Invocation(arguments: ["diagram", scratch?.path("good.otak") ?? "", scratch?.path("good.otak") ?? ""]))
        #expect(two.exitCode == 2)
        #expect(OtakCommand.run(Invocation(arguments: ["help", "diagram"])).standardOutput.contains("Usage: otak diagram"))
    }
}
