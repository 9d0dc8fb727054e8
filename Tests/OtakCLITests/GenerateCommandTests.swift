import Foundation
import OtakCLI
import Testing

/// `otak generate`: what it writes, what it never overwrites, and template overrides.
@Suite struct GenerateCommandTests {
    typealias Scratch = CLITests.Scratch

    func run(_ arguments: String...) -> Outcome {
        OtakCommand.run(Invocation(arguments: arguments, environment: [:], standardOutputIsTerminal: false))
    }

    @Test func writesAPackageAndKeepsTheUsersFiles() throws {
        let scratch = try Scratch(["shop.otak": CLITests.valid])
        let output = scratch.path("server")
        let first = run("generate", scratch.path("shop.otak"), "--output", output)
        #expect(first.exitCode == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("created"))
        #expect(FileManager.default.fileExists(atPath: output + "/Package.swift"))
        #expect(FileManager.default.fileExists(atPath: output + "/Sources/App/Migrations/postgres/0001_init.sql"))

        // The user's edits to their files survive; edits to generated files do not.
        let hooks = output + "/Sources/App/Hooks/ProductHooks.swift"
        let model = output + "/Sources/App/Models/Product.swift"
        try Data("// my business logic\n".utf8).write(to: URL(fileURLWithPath: hooks))
        let original = try String(contentsOfFile: model, encoding: .utf8)
        try Data("// edited\n".utf8).write(to: URL(fileURLWithPath: model))

        let second = run("generate", scratch.path("shop.otak"), "--output", output)
        #expect(second.exitCode == 0)
        #expect(second.standardOutput.contains("1 updated"))
        #expect(try String(contentsOfFile: hooks, encoding: .utf8) == "// my business logic\n")
        #expect(try String(contentsOfFile: model, encoding: .utf8) == original)
    }

    @Test func invalidSchemasWriteNothing() throws {
        let scratch = try Scratch(["bad.otak": CLITests.invalid])
        let outcome = run("generate", scratch.path("bad.otak"), "--output", scratch.path("server"))
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardOutput.contains("error:"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("server")))
    }

    @Test func usageErrors() throws {
        let scratch = try Scratch(["shop.otak": CLITests.valid])
        #expect(run("generate", scratch.path("shop.otak")).exitCode == 2)
        #expect(run("generate", scratch.path("shop.otak"), "--output").exitCode == 2)
        #expect(run("generate", scratch.path("shop.otak"), scratch.path("shop.otak"), "--output", "x").exitCode == 2)
    }

    @Test func templatesCanBeReplaced() throws {
        let scratch = try Scratch([
            "shop.otak": CLITests.valid,
            "header.mustache": "// house header for {{schemaFile}}\n",
        ])
        let templates = scratch.directory.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: scratch.directory.appendingPathComponent("header.mustache"),
                                         to: templates.appendingPathComponent("header.mustache"))
        let outcome = run("generate", scratch.path("shop.otak"), "--output", scratch.path("server"), "--templates", templates.path)
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        #expect(scratch.contents("server/Sources/App/Routes.swift").hasPrefix("// house header for shop.otak\n"))
    }

    @Test func misnamedAndBrokenTemplatesAreReported() throws {
        let scratch = try Scratch(["shop.otak": CLITests.valid])
        let templates = scratch.directory.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)

        try Data("x".utf8).write(to: templates.appendingPathComponent("hedaer.mustache"))
        let misnamed = run("generate", scratch.path("shop.otak"), "--output", scratch.path("server"), "--templates", templates.path)
        #expect(misnamed.exitCode == 1)
        #expect(misnamed.standardError.contains("hedaer.mustache"))

        try FileManager.default.removeItem(at: templates.appendingPathComponent("hedaer.mustache"))
        try Data("{{#open}}\n".utf8).write(to: templates.appendingPathComponent("header.mustache"))
        let broken = run("generate", scratch.path("shop.otak"), "--output", scratch.path("server"), "--templates", templates.path)
        #expect(broken.exitCode == 1)
        #expect(broken.standardError.contains("header.mustache:1:1: error: section 'open' is never closed"))

        try Data("{{nope}}\n".utf8).write(to: templates.appendingPathComponent("header.mustache"))
        let unknown = run("generate", scratch.path("shop.otak"), "--output", scratch.path("server"), "--templates", templates.path)
        #expect(unknown.exitCode == 1)
        #expect(unknown.standardError.contains("error: 'nope' is not in scope"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("server")))
    }
}
