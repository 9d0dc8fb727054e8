import Foundation
import OtakCLI
import Testing

/// `otak generate` into a package it generated before: edited files, `--check`, `--dry-run`,
/// removed files, and the migration of a schema change.
@Suite struct RegenerationTests {
    typealias Scratch = CLITests.Scratch

    static let version1 = """
        app Shop

        entity Product {
          name String

          allow read: public
        }

        entity Review {
          text String

          allow read: public
        }

        """
    static let version2 = """
        app Shop

        entity Product {
          title  String @renamedFrom("name")
          weight Int    @default(0)

          allow read: public
        }

        """

    func run(_ arguments: String...) -> Outcome {
        OtakCommand.run(Invocation(arguments: arguments, environment: [:], standardOutputIsTerminal: false))
    }

    /// A package generated from `version1`, with the schema file replaced by `version2`.
    func generatedPackage() throws -> Scratch {
        let scratch = try Scratch(["app.otak": Self.version1])
        let first = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"))
        #expect(first.exitCode == 0, "\(first.standardError)")
        try scratch.write("app.otak", Self.version2)
        return scratch
    }

    @Test func anEditedGeneratedFileStopsTheRunUntilForced() throws {
        let scratch = try Scratch(["app.otak": Self.version1])
        #expect(run("generate", scratch.path("app.otak"), "--output", scratch.path("server")).exitCode == 0)
        try scratch.write("server/Sources/App/Models/Product.swift", "// edited\n")
        try scratch.write("app.otak", Self.version2)
        let before = try scratch.files(in: "server")

        let refused = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--allow-destructive")
        #expect(refused.exitCode == 1)
        #expect(refused.standardError.contains("Sources/App/Models/Product.swift (edited since the last generation)"))
        #expect(refused.standardError.contains("--force"))
        #expect(try scratch.files(in: "server") == before, "a refused run writes nothing")

        let forced = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--force", "--allow-destructive")
        #expect(forced.exitCode == 0, "\(forced.standardError)")
        #expect(scratch.contents("server/Sources/App/Models/Product.swift").contains("var title: String"))
    }

    @Test func aFileInTheWayThatOtakDidNotWriteIsAConflict() throws {
        let scratch = try generatedPackage()
        try scratch.write("app.otak", Self.version1.replacingOccurrences(of: "entity Review", with: "entity Note"))
        try scratch.write("server/Sources/App/Models/Note.swift", "// mine\n")
        let outcome = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--allow-destructive")
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardError.contains("Sources/App/Models/Note.swift (not written by otak)"))
        #expect(scratch.contents("server/Sources/App/Models/Note.swift") == "// mine\n")
    }

    @Test func checkListsTheChangesAndWritesNothing() throws {
        let scratch = try generatedPackage()
        let before = try scratch.files(in: "server")
        let check = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--check", "--allow-destructive")
        #expect(check.exitCode == 1)
        #expect(check.standardOutput.contains("added    Migrations/sqlite/0002_rename_product_name_to_title_and_2_more.sql\n"))
        #expect(check.standardOutput.contains("changed  Sources/App/Models/Product.swift\n"))
        #expect(check.standardOutput.contains("removed  Sources/App/Models/Review.swift\n"))
        #expect(check.standardOutput.hasSuffix("files would change; run otak generate\n"))
        #expect(!check.standardOutput.contains("@@"))
        #expect(try scratch.files(in: "server") == before)

        let dryRun = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--dry-run", "--allow-destructive")
        #expect(dryRun.exitCode == 0)
        #expect(dryRun.standardOutput.contains("+++ b/Sources/App/Models/Product.swift\n"))
        #expect(dryRun.standardOutput.contains("-    var name: String\n"))
        #expect(dryRun.standardOutput.contains("+    var title: String\n"))
        #expect(try scratch.files(in: "server") == before)

        #expect(run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--allow-destructive").exitCode == 0)
        let clean = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--check")
        #expect(clean.exitCode == 0)
        #expect(clean.standardOutput.hasSuffix("is up to date\n"))
    }

    @Test func destructiveChangesAreRefusedUnlessAllowed() throws {
        let scratch = try generatedPackage()
        let refused = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"))
        #expect(refused.exitCode == 1)
        #expect(refused.standardOutput.contains("""
            app.otak:1:5: error: removing entity 'Review' drops table "reviews" and its rows
            """))
        #expect(refused.standardOutput.contains("hint: pass --allow-destructive to write this migration"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("server/Migrations/sqlite/0002_rename_product_name_to_title_and_2_more.sql")))

        let allowed = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--allow-destructive")
        #expect(allowed.exitCode == 0, "\(allowed.standardOutput)")
        #expect(allowed.standardOutput.contains("warning: removing entity 'Review'"))
        #expect(allowed.standardOutput.contains("new migration: 0002_rename_product_name_to_title_and_2_more.sql"))
        let sql = scratch.contents("server/Migrations/postgres/0002_rename_product_name_to_title_and_2_more.sql")
        #expect(sql.contains(#"ALTER TABLE "products" RENAME COLUMN "name" TO "title";"#))
        #expect(sql.contains(#"ALTER TABLE "products" ADD COLUMN "weight" bigint NOT NULL DEFAULT 0;"#))
        #expect(sql.contains(#"DROP TABLE "reviews";"#))
        // The files of the removed entity go, and so do the folders they leave empty; its hooks are the user's.
        #expect(!FileManager.default.fileExists(atPath: scratch.path("server/Sources/App/Models/Review.swift")))
        #expect(FileManager.default.fileExists(atPath: scratch.path("server/Sources/App/Hooks/ReviewHooks.swift")))
        #expect(allowed.standardOutput.contains("note: Sources/App/Hooks/ReviewHooks.swift is yours and no longer used"))
        #expect(scratch.contents("server/Migrations/sqlite/0001_init.sql").contains(#"CREATE TABLE "reviews""#))
    }

    @Test func aRequiredFieldWithoutDefaultCannotBeAdded() throws {
        let scratch = try generatedPackage()
        try scratch.write("app.otak", Self.version1.replacingOccurrences(of: "  name String\n", with: "  name String\n  sku String\n"))
        let outcome = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"))
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardOutput.contains("""
            app.otak:5:3: error: a required field without a default cannot be added to the rows "products" already has
             5 |   sku String
               |   ^~~
              hint: give it a @default(...), or make it optional, fill it in, then make it required
            """))
    }

    @Test func aRunCutShortIsFinishedByTheNext() throws {
        let scratch = try generatedPackage()
        // As if a run had written one file and stopped before its manifest.
        let dryRun = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--dry-run", "--allow-destructive")
        #expect(dryRun.exitCode == 0)
        let generated = try Scratch(["app.otak": Self.version2])
        #expect(run("generate", generated.path("app.otak"), "--output", generated.path("fresh")).exitCode == 0)
        try scratch.write("server/Sources/App/Models/Product.swift", generated.contents("fresh/Sources/App/Models/Product.swift"))

        let outcome = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--allow-destructive")
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        #expect(run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--check").exitCode == 0)
    }

    @Test func aWriteThatFailsLeavesThePackageAsItWas() throws {
        let scratch = try generatedPackage()
        // A folder where a temporary file must go makes writing fail half-way.
        try FileManager.default.createDirectory(atPath: scratch.path("server/Sources/App/Models/.Product.swift.otak-new"),
                                                withIntermediateDirectories: true)
        let before = try scratch.files(in: "server")
        let outcome = run("generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--allow-destructive")
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardError.contains("otak: cannot write the package"))
        #expect(try scratch.files(in: "server") == before)
    }
}

/// Packages generated before migrations moved to `Migrations/` at the root.
@Suite struct MigrationFolderTests {
    @Test func migrationsInTheOldFolderAreMovedAndNoneIsAdded() throws {
        let scratch = try CLITests.Scratch(["app.otak": RegenerationTests.version1])
        let run = { (arguments: [String]) in OtakCommand.run(Invocation(arguments: arguments)) }
        #expect(run(["generate", scratch.path("app.otak"), "--output", scratch.path("server")]).exitCode == 0)
        let manager = FileManager.default
        try manager.createDirectory(atPath: scratch.path("server/Sources/App"), withIntermediateDirectories: true)
        try manager.moveItem(atPath: scratch.path("server/Migrations"), toPath: scratch.path("server/Sources/App/Migrations"))
        let sql = scratch.contents("server/Sources/App/Migrations/postgres/0001_init.sql")
        #expect(sql.contains("CREATE TABLE"))

        let moved = run(["generate", scratch.path("app.otak"), "--output", scratch.path("server")])
        #expect(moved.exitCode == 0, "\(moved.standardError)")
        #expect(moved.standardOutput.contains("moved the migrations from Sources/App/Migrations/ to Migrations/"))
        #expect(!moved.standardOutput.contains("new migration"))
        #expect(scratch.contents("server/Migrations/postgres/0001_init.sql") == sql)
        #expect(!manager.fileExists(atPath: scratch.path("server/Sources/App/Migrations")))
        #expect(run(["generate", scratch.path("app.otak"), "--output", scratch.path("server"), "--check"]).exitCode == 0)
    }
}
