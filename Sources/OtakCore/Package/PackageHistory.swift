import Foundation

/// What a package already holds that the next generation builds on.
public struct PackageHistory: Sendable {
    /// The snapshot of the schema of the last generation (`.otak/schema.json`).
    public var snapshot: SchemaSnapshot?
    /// The migration files already in the package (applied somewhere, perhaps), by path.
    public var migrations: [String: String]

    public init(snapshot: SchemaSnapshot? = nil, migrations: [String: String] = [:]) {
        self.snapshot = snapshot
        self.migrations = migrations
    }

    /// A package that does not exist yet.
    public static let none = PackageHistory()

    public static let snapshotPath = ".otak/schema.json"
    /// At the package's root, outside every target: a new migration adds no file that SwiftPM
    /// watches, so a rebuild after it does not plan the package again (which recompiles
    /// Hummingbird's modules). The server compiles them in (`EmbeddedFiles.swift`).
    public static let migrationsFolder = "Migrations"
    /// Where packages generated before kept them: read from there, written to `migrationsFolder`.
    public static let legacyMigrationsFolder = "Sources/App/Migrations"

    /// The migrations found in `legacyMigrationsFolder`, by their path there: an update moves
    /// them (writes them in `migrationsFolder`, then removes these).
    public var legacyMigrations: [String] = []

    /// A file of the package's history that cannot be read.
    public struct ReadError: Error {
        public var path: String
    }

    /// Reads the snapshot and the migrations of the package at `root` (none if it does not exist).
    public static func read(from root: URL) throws(ReadError) -> PackageHistory {
        var history = PackageHistory()
        let manager = FileManager.default
        if let data = manager.contents(atPath: root.appendingPathComponent(snapshotPath).path) {
            do { history.snapshot = try SchemaSnapshot.decode(String(decoding: data, as: UTF8.self)) } catch {
                throw ReadError(path: snapshotPath)
            }
        }
        for base in [legacyMigrationsFolder, migrationsFolder] {
            for dialect in SQLDialect.allCases {
                let folder = "\(base)/\(dialect.rawValue)"
                let names = (try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
                for name in names where name.hasSuffix(".sql") {
                    let path = "\(folder)/\(name)"
                    guard let data = manager.contents(atPath: root.appendingPathComponent(path).path),
                          let text = String(data: data, encoding: .utf8) else { throw ReadError(path: path) }
                    // A migration in both places is the one in `migrationsFolder`.
                    history.migrations["\(migrationsFolder)/\(dialect.rawValue)/\(name)"] = text
                    if base == legacyMigrationsFolder { history.legacyMigrations.append(path) }
                }
            }
        }
        history.legacyMigrations.sort()
        return history
    }

    /// The changes of the database from the last generation to `schema`. A package with
    /// migrations but no snapshot (written before snapshots existed) is taken to be up to date.
    public func diff(to schema: Schema) -> SchemaDiff {
        SchemaDiff(from: snapshot ?? (migrations.isEmpty ? .empty : SchemaSnapshot(schema)), to: schema)
    }

    /// The number of the next migration: one more than the highest in either dialect.
    var nextMigrationNumber: Int {
        let numbers = migrations.keys.compactMap { path in
            Int(path.split(separator: "/").last?.prefix { $0.isNumber } ?? "")
        }
        return (numbers.max() ?? 0) + 1
    }
}
