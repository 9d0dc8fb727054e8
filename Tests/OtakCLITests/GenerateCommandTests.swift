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
        #expect(first.standardOutput.contains("0 changed, 0 removed, 0 unchanged"))
        #expect(first.standardOutput.contains("new migration: 0001_init.sql"))
        #expect(FileManager.default.fileExists(atPath: output + "/Migrations/postgres/0001_init.sql"))
        #expect(FileManager.default.fileExists(atPath: output + "/.otak/manifest.json"))
        #expect(FileManager.default.fileExists(atPath: output + "/.otak/schema.json"))

        // The user's edits to their files survive, and nothing else changes.
        let hooks = output + "/Sources/App/Hooks/ProductHooks.swift"
        try Data("// my business logic\n".utf8).write(to: URL(fileURLWithPath: hooks))
        let second = run("generate", scratch.path("shop.otak"), "--output", output)
        #expect(second.exitCode == 0)
        #expect(second.standardOutput.contains("0 added, 0 changed, 0 removed"))
        #expect(!second.standardOutput.contains("new migration"))
        #expect(scratch.contents("server/Sources/App/Hooks/ProductHooks.swift") == "// my business logic\n")
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
