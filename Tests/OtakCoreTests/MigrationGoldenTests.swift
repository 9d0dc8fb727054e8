import Foundation
@testable import OtakCore
import Testing

/// Each folder of `Migrations/` holds a schema before and after a change; `expected.sql` is the
/// migration the generator writes between them for each dialect, with the problems it reports.
/// (`scripts/upgrade-test` runs every case on SQLite and PostgreSQL.)
@Suite struct MigrationGoldenTests {
    static let casesDirectory = TestSupport.testsDirectory.appendingPathComponent("Migrations")
    static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)) ?? []).sorted()

    static func migration(_ name: String) throws -> String {
        let folder = casesDirectory.appendingPathComponent(name)
        let before = try #require(TestSupport.schema(TestSupport.read(folder.appendingPathComponent("before.otak"))))
        let after = try #require(TestSupport.schema(TestSupport.read(folder.appendingPathComponent("after.otak"))))
        let diff = SchemaDiff(from: SchemaSnapshot(before), to: after)
        var text = "-- 0002_\(diff.migrationName)\n"
        for problem in diff.problems {
            text += "-- \(problem.kind): \(problem.message)\n"
        }
        for dialect in SQLDialect.allCases {
            text += "\n-- \(dialect.rawValue)\n\n" + MigrationWriter(diff: diff, dialect: dialect).script()
        }
        return text
    }

    @Test(arguments: cases)
    func migrationMatchesItsGolden(_ name: String) throws {
        TestSupport.assertGolden(try Self.migration(name), Self.casesDirectory.appendingPathComponent("\(name)/expected.sql"))
    }

    @Test func everyKindOfChangeHasACase() {
        #expect(Self.cases.count >= 10)
    }

    @Test func aSchemaDiffedWithItselfNeedsNoMigration() throws {
        for name in Self.cases {
            let source = TestSupport.read(Self.casesDirectory.appendingPathComponent("\(name)/after.otak"))
            let schema = try #require(TestSupport.schema(source))
            let diff = SchemaDiff(from: SchemaSnapshot(schema), to: schema)
            #expect(diff.problems.isEmpty, "\(name)")
            for dialect in SQLDialect.allCases {
                #expect(MigrationWriter(diff: diff, dialect: dialect).script().isEmpty, "\(name), \(dialect)")
            }
        }
    }

    @Test func theSnapshotReadsBackAsItWasWritten() throws {
        let source = TestSupport.read(Self.casesDirectory.appendingPathComponent("renames/after.otak"))
        let snapshot = SchemaSnapshot(try #require(TestSupport.schema(source)))
        #expect(try SchemaSnapshot.decode(snapshot.json()) == snapshot)
    }
}
