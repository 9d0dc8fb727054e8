import Foundation

/// The database a schema describes: every table with its columns, constraints and indexes, in
/// the SQL of each dialect. A generated package keeps the snapshot of the schema it was last
/// generated from (`.otak/schema.json`); the next generation diffs it against the new schema's
/// to write the migration between them.
public struct SchemaSnapshot: Codable, Sendable, Equatable {
    /// Raised when the layout of this type changes, so that an old file is read correctly.
    public var format: Int
    /// Entity tables in schema order, then join tables.
    public var tables: [TableSnapshot]

    public static let currentFormat = 1

    /// The database of no schema: what the first migration starts from.
    public static let empty = SchemaSnapshot(format: currentFormat, tables: [])

    /// Pretty JSON with sorted keys: the same snapshot always gives the same bytes.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func decode(_ text: String) throws -> SchemaSnapshot {
        try JSONDecoder().decode(SchemaSnapshot.self, from: Data(text.utf8))
    }
}

public struct TableSnapshot: Codable, Sendable, Equatable {
    public var name: String
    /// The entity the table stores; `nil` for the join table of a many-to-many relation.
    public var entity: String?
    public var columns: [ColumnSnapshot]
    public var primaryKey: [String]
    public var uniques: [IndexSnapshot]
    public var checks: [CheckSnapshot]
    public var foreignKeys: [ForeignKeySnapshot]
    public var indexes: [IndexSnapshot]

    public func column(named name: String) -> ColumnSnapshot? {
        columns.first { $0.name == name }
    }
}

public struct ColumnSnapshot: Codable, Sendable, Equatable {
    public var name: String
    /// The schema field it stores; `nil` in join tables.
    public var field: String?
    /// How the value is kept (`text`, `integer`, `uuid`…): what decides a conversion.
    public var type: String
    public var isOptional: Bool
    public var defaultValue: DialectSQL?
    /// The cases an enum column may hold.
    public var enumCases: [String]?
    /// `true` for an email identity, kept trimmed and in lower case; absent otherwise (and in
    /// snapshots written before identities were folded).
    public var caseFolded: Bool?
}

/// One piece of SQL written for each dialect; `nil` where a dialect has none.
public struct DialectSQL: Codable, Sendable, Equatable {
    public var sqlite: String?
    public var postgres: String?

    subscript(dialect: SQLDialect) -> String? {
        switch dialect {
        case .sqlite: sqlite
        case .postgres: postgres
        }
    }
}

public struct IndexSnapshot: Codable, Sendable, Equatable {
    public var name: String
    public var columns: [String]
}

public struct CheckSnapshot: Codable, Sendable, Equatable {
    public var name: String
    public var condition: DialectSQL
}

public struct ForeignKeySnapshot: Codable, Sendable, Equatable {
    /// `nil` for a join table's references, which are declared with their column.
    public var name: String?
    public var column: String
    public var table: String
    /// `CASCADE`, `RESTRICT` or `SET NULL`.
    public var onDelete: String
}

extension SchemaSnapshot {
    public init(_ schema: Schema) {
        let entityTables = schema.entities.map { entity in
            Table(entity: entity, schema: schema).snapshot
        }
        let joinTables = JoinTableInfo.all(in: schema).map { join in
            let type = ColumnType.uuid.rawValue
            return TableSnapshot(
                name: join.name, entity: nil,
                columns: [
                    ColumnSnapshot(name: join.firstColumn, field: nil, type: type, isOptional: false),
                    ColumnSnapshot(name: join.secondColumn, field: nil, type: type, isOptional: false),
                ],
                primaryKey: [join.firstColumn, join.secondColumn], uniques: [], checks: [],
                foreignKeys: [
                    ForeignKeySnapshot(name: nil, column: join.firstColumn, table: join.firstTable, onDelete: "CASCADE"),
                    ForeignKeySnapshot(name: nil, column: join.secondColumn, table: join.secondTable, onDelete: "CASCADE"),
                ],
                indexes: [IndexSnapshot(name: join.name + "_" + join.secondColumn + "_idx", columns: [join.secondColumn])])
        }
        self.init(format: Self.currentFormat, tables: entityTables + joinTables
                  + [Self.sessionsTable(schema), Self.accountTokensTable(schema), Self.eventsTable(schema)].compactMap { $0 }
                  + Self.webhookTables(schema))
    }

    /// `otak_sessions`, with an `auth` block: one row per signed-in device, holding the hash of
    /// its current refresh token (and of the one before, to notice a stolen token used twice).
    static func sessionsTable(_ schema: Schema) -> TableSnapshot? {
        guard let auth = schema.auth, let users = schema.entity(named: auth.entity) else { return nil }
        return TableSnapshot(
            name: "otak_sessions", entity: nil,
            columns: [
                column("id", .uuid), column("user_id", .uuid), column("token_hash", .text),
                column("previous_token_hash", .text, optional: true), column("created_at", .timestamp),
                column("expires_at", .timestamp), column("revoked_at", .timestamp, optional: true),
                column("rotated_at", .timestamp, optional: true),
            ],
            primaryKey: ["id"], uniques: [], checks: [],
            foreignKeys: [ForeignKeySnapshot(name: nil, column: "user_id", table: users.names.table, onDelete: "CASCADE")],
            indexes: [IndexSnapshot(name: "otak_sessions_user_id_idx", columns: ["user_id"])])
    }

    /// A column of a table the server keeps for itself (not a field's).
    private static func column(_ name: String, _ type: ColumnType, optional: Bool = false) -> ColumnSnapshot {
        ColumnSnapshot(name: name, field: nil, type: type.rawValue, isOptional: optional)
    }

    /// `otak_events`, the outbox, when an entity says `@@events`: one row per committed write,
    /// appended in the write's transaction, with ids in commit order.
    static func eventsTable(_ schema: Schema) -> TableSnapshot? {
        guard schema.entities.contains(where: { $0.eventRetentionSeconds != nil }) else { return nil }
        return TableSnapshot(
            name: "otak_events", entity: nil,
            columns: [
                column("id", .sequence), column("entity", .text), column("kind", .text), column("row_id", .uuid),
                column("data", .json), column("caller_id", .uuid, optional: true), column("created_at", .timestamp),
                column("image", .json, optional: true), column("previous", .json, optional: true),
            ],
            primaryKey: ["id"], uniques: [], checks: [], foreignKeys: [],
            indexes: [IndexSnapshot(name: "otak_events_created_at_idx", columns: ["created_at"])])
    }

    /// With a `@@webhook`: `otak_webhook_cursors`, how far each webhook has read the outbox, and
    /// `otak_deliveries`, one row per event to send (sent, waiting for a retry, or given up).
    static func webhookTables(_ schema: Schema) -> [TableSnapshot] {
        guard !schema.webhooks.isEmpty else { return [] }
        return [
            TableSnapshot(
                name: "otak_webhook_cursors", entity: nil,
                columns: [column("webhook", .text), column("event_id", .integer)],
                primaryKey: ["webhook"], uniques: [], checks: [], foreignKeys: [], indexes: []),
            TableSnapshot(
                name: "otak_deliveries", entity: nil,
                columns: [
                    column("id", .sequence), column("webhook", .text), column("event_id", .integer), column("body", .text),
                    column("status", .text), column("attempts", .integer), column("next_attempt_at", .timestamp),
                    column("last_status", .integer, optional: true), column("last_error", .text, optional: true),
                    column("created_at", .timestamp), column("delivered_at", .timestamp, optional: true),
                ],
                primaryKey: ["id"],
                uniques: [IndexSnapshot(name: "otak_deliveries_webhook_event_id_key", columns: ["webhook", "event_id"])],
                checks: [], foreignKeys: [],
                indexes: [IndexSnapshot(name: "otak_deliveries_status_next_attempt_at_idx", columns: ["status", "next_attempt_at"])]),
        ]
    }

    /// `otak_account_tokens`, with `reset password` or `verify email`: the links mailed to users,
    /// by the SHA-256 of their token, each for one purpose and address, used at most once.
    static func accountTokensTable(_ schema: Schema) -> TableSnapshot? {
        guard let auth = schema.auth, auth.sendsMail, let users = schema.entity(named: auth.entity) else { return nil }
        return TableSnapshot(
            name: "otak_account_tokens", entity: nil,
            columns: [
                column("token_hash", .text), column("user_id", .uuid), column("purpose", .text), column("email", .text),
                column("created_at", .timestamp), column("expires_at", .timestamp), column("used_at", .timestamp, optional: true),
            ],
            primaryKey: ["token_hash"], uniques: [], checks: [],
            foreignKeys: [ForeignKeySnapshot(name: nil, column: "user_id", table: users.names.table, onDelete: "CASCADE")],
            indexes: [IndexSnapshot(name: "otak_account_tokens_user_id_idx", columns: ["user_id"])])
    }
}

extension Table {
    var snapshot: TableSnapshot {
        let columns = entity.fields.filter(\.isStored).map { field in
            var enumCases: [String]?
            if case .enumeration(let name) = field.kind { enumCases = schema.enumType(named: name)?.cases }
            let defaults = field.defaultValue.map { _ in
                DialectSQL(sqlite: Table.defaultSQL(field, .sqlite), postgres: Table.defaultSQL(field, .postgres))
            }
            return ColumnSnapshot(name: field.column ?? field.name, field: field.name, type: ColumnType(field.kind).rawValue,
                                  isOptional: field.isOptional, defaultValue: defaults, enumCases: enumCases,
                                  caseFolded: schema.isCaseFoldedIdentity(field, of: entity) ? true : nil)
        }
        // Every check of either dialect, by name, in the order of the first dialect that has it.
        let sqliteChecks = checks(.sqlite)
        let postgresChecks = checks(.postgres)
        var names = sqliteChecks.map(\.name)
        for check in postgresChecks where !names.contains(check.name) { names.append(check.name) }
        let checkSnapshots = names.map { name in
            CheckSnapshot(name: name, condition: DialectSQL(
                sqlite: sqliteChecks.first { $0.name == name }?.condition,
                postgres: postgresChecks.first { $0.name == name }?.condition))
        }
        return TableSnapshot(
            name: entity.names.table, entity: entity.name, columns: columns, primaryKey: ["id"],
            uniques: uniqueConstraints.map { IndexSnapshot(name: $0.name, columns: $0.columns) },
            checks: checkSnapshots, foreignKeys: foreignKeys,
            indexes: indexes.map { IndexSnapshot(name: $0.name, columns: $0.columns) })
    }
}
