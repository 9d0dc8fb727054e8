/// Writes the first migration of a schema for one dialect: tables, constraints, foreign keys,
/// indexes and join tables.
struct MigrationWriter {
    let schema: Schema
    let dialect: SQLDialect

    func initialMigration() -> String {
        var statements: [String] = []
        var foreignKeys: [String] = []
        for entity in schema.entities {
            let table = Table(entity: entity, schema: schema)
            statements.append(createTable(table, inlineForeignKeys: dialect == .sqlite))
            if dialect == .postgres {
                foreignKeys += table.foreignKeys.map { key in
                    "ALTER TABLE \(SQLDialect.quote(entity.names.table)) ADD CONSTRAINT \(SQLDialect.quote(key.name)) " + key.clause
                }
            }
            statements += table.indexes.map { index in
                "CREATE INDEX \(SQLDialect.quote(index.name)) ON \(SQLDialect.quote(entity.names.table)) ("
                    + index.columns.map(SQLDialect.quote).joined(separator: ", ") + ")"
            }
        }
        for join in JoinTableInfo.all(in: schema) {
            statements.append(createJoinTable(join))
            statements.append("CREATE INDEX \(SQLDialect.quote(join.name + "_" + join.secondColumn + "_idx")) ON "
                + "\(SQLDialect.quote(join.name)) (\(SQLDialect.quote(join.secondColumn)))")
        }
        return statements.map { $0 + ";\n" }.joined(separator: "\n") + (foreignKeys.isEmpty ? "" : "\n" + foreignKeys.map { $0 + ";\n" }.joined())
    }

    private func createTable(_ table: Table, inlineForeignKeys: Bool) -> String {
        var lines: [String] = []
        for field in table.entity.fields where field.isStored {
            lines.append(columnDefinition(field))
        }
        for unique in table.uniqueConstraints {
            lines.append("CONSTRAINT \(SQLDialect.quote(unique.name)) UNIQUE ("
                + unique.columns.map(SQLDialect.quote).joined(separator: ", ") + ")")
        }
        for check in table.checks(dialect) {
            lines.append("CONSTRAINT \(SQLDialect.quote(check.name)) CHECK (\(check.condition))")
        }
        if inlineForeignKeys {
            for key in table.foreignKeys {
                lines.append("CONSTRAINT \(SQLDialect.quote(key.name)) " + key.clause)
            }
        }
        return "CREATE TABLE \(SQLDialect.quote(table.entity.names.table)) (\n    "
            + lines.joined(separator: ",\n    ") + "\n)"
    }

    private func columnDefinition(_ field: Field) -> String {
        let column = SQLDialect.quote(field.column ?? field.name)
        var definition = "\(column) \(dialect.columnType(ColumnType(field.kind)))"
        if field.isPrimaryKey { return definition + " NOT NULL PRIMARY KEY" }
        if !field.isOptional { definition += " NOT NULL" }
        if let value = defaultValue(field) { definition += " DEFAULT " + value }
        return definition
    }

    private func createJoinTable(_ join: JoinTableInfo) -> String {
        let type = dialect.columnType(.uuid)
        let first = SQLDialect.quote(join.firstColumn)
        let second = SQLDialect.quote(join.secondColumn)
        return """
            CREATE TABLE \(SQLDialect.quote(join.name)) (
                \(first) \(type) NOT NULL REFERENCES \(SQLDialect.quote(join.firstTable)) ("id") ON DELETE CASCADE,
                \(second) \(type) NOT NULL REFERENCES \(SQLDialect.quote(join.secondTable)) ("id") ON DELETE CASCADE,
                PRIMARY KEY (\(first), \(second))
            )
            """
    }

    func defaultValue(_ field: Field) -> String? {
        guard let value = field.defaultValue else { return nil }
        switch value {
        case .string(let text): return SQLDialect.stringLiteral(text)
        case .integer(let number): return String(number)
        case .number(let text): return text
        case .bool(let flag): return dialect.boolLiteral(flag)
        case .enumCase(let name): return SQLDialect.stringLiteral(name)
        case .json(let text):
            return dialect == .postgres ? SQLDialect.stringLiteral(text) + "::json" : SQLDialect.stringLiteral(text)
        case .now:
            switch (dialect, field.kind) {
            case (.sqlite, .scalar(.date)): return "(date('now'))"
            case (.sqlite, _): return "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
            case (.postgres, .scalar(.date)): return "CURRENT_DATE"
            case (.postgres, _): return "now()"
            }
        }
    }
}

/// The SQL facts of one entity's table, shared by migrations and queries.
struct Table {
    let entity: Entity
    let schema: Schema

    struct ForeignKey {
        let name: String
        let clause: String
    }

    struct NamedCondition {
        let name: String
        let condition: String
    }

    var quotedName: String { SQLDialect.quote(entity.names.table) }

    /// Field-level `@unique` first, then `@@unique`, without repeats.
    var uniqueConstraints: [Index] {
        var result: [Index] = []
        for field in entity.fields where field.isUnique && !field.isPrimaryKey {
            guard let column = field.column else { continue }
            result.append(Index(fields: [field.name], columns: [column],
                                name: Checker.sqlName([entity.names.table, column, "key"])))
        }
        for unique in entity.uniqueConstraints where !result.contains(where: { $0.columns == unique.columns }) {
            result.append(unique)
        }
        return result
    }

    /// `@@index`es, then an index on each foreign key that no index already starts with.
    var indexes: [Index] {
        var result = entity.indexes
        let covered = uniqueConstraints.map(\.columns) + entity.indexes.map(\.columns)
        for field in entity.fields {
            guard case .belongsTo = field.kind, let column = field.column,
                  !covered.contains(where: { $0.first == column }) else { continue }
            result.append(Index(fields: [field.name], columns: [column],
                                name: Checker.sqlName([entity.names.table, column, "idx"])))
        }
        return result
    }

    var foreignKeys: [ForeignKey] {
        entity.fields.compactMap { field in
            guard case .belongsTo(let target, let onDelete) = field.kind, let column = field.column,
                  let targetTable = schema.entity(named: target)?.names.table else { return nil }
            let action = switch onDelete {
            case .cascade: "CASCADE"
            case .restrict: "RESTRICT"
            case .setNull: "SET NULL"
            }
            return ForeignKey(
                name: Checker.sqlName([entity.names.table, column, "fkey"]),
                clause: "FOREIGN KEY (\(SQLDialect.quote(column))) REFERENCES \(SQLDialect.quote(targetTable)) (\"id\") ON DELETE \(action)")
        }
    }

    /// Lengths, ranges, enum cases, booleans, JSON validity and `@@check` conditions.
    func checks(_ dialect: SQLDialect) -> [NamedCondition] {
        var result: [NamedCondition] = []
        func add(_ field: Field, _ suffix: String, _ condition: String) {
            result.append(NamedCondition(name: Checker.sqlName([entity.names.table, field.column ?? field.name, suffix]),
                                         condition: condition))
        }
        for field in entity.fields where field.isStored && !field.isPrimaryKey {
            let column = SQLDialect.quote(field.column ?? field.name)
            if let length = field.length, field.kind != .scalar(.password) {
                add(field, "length", bounds(dialect.length(column), length.minimum.map(String.init), length.maximum.map(String.init)))
            }
            if let range = field.range {
                add(field, "range", bounds(column, range.minimum, range.maximum))
            }
            switch field.kind {
            case .enumeration(let name):
                let cases = schema.enumType(named: name)?.cases ?? []
                add(field, "enum", "\(column) IN (" + cases.map(SQLDialect.stringLiteral).joined(separator: ", ") + ")")
            case .scalar(.bool) where dialect == .sqlite:
                add(field, "bool", "\(column) IN (0, 1)")
            case .scalar(.json) where dialect == .sqlite:
                add(field, "json", "json_valid(\(column))")
            default:
                break
            }
        }
        let writer = CheckWriter(entity: entity, schema: schema)
        for check in entity.checks {
            if var condition = writer.sql(check.condition, dialect) {
                if condition.hasPrefix("("), condition.hasSuffix(")"), CheckWriter.isOneGroup(condition) {
                    condition = String(condition.dropFirst().dropLast())
                }
                result.append(NamedCondition(name: check.name, condition: condition))
            }
        }
        return result
    }

    private func bounds(_ expression: String, _ minimum: String?, _ maximum: String?) -> String {
        switch (minimum, maximum) {
        case let (minimum?, maximum?): "\(expression) BETWEEN \(minimum) AND \(maximum)"
        case let (minimum?, nil): "\(expression) >= \(minimum)"
        case let (nil, maximum?): "\(expression) <= \(maximum)"
        case (nil, nil): "1 = 1"
        }
    }
}

/// A many-to-many join table, once per relation (both sides share it).
struct JoinTableInfo {
    let name: String
    let firstTable: String
    let firstColumn: String
    let secondTable: String
    let secondColumn: String

    static func all(in schema: Schema) -> [JoinTableInfo] {
        var seen: Set<String> = []
        var result: [JoinTableInfo] = []
        for entity in schema.entities {
            for field in entity.fields {
                guard case .manyToMany(let target, _, let join) = field.kind, !seen.contains(join.name),
                      let other = schema.entity(named: target) else { continue }
                seen.insert(join.name)
                result.append(JoinTableInfo(name: join.name, firstTable: entity.names.table, firstColumn: join.ownColumn,
                                            secondTable: other.names.table, secondColumn: join.otherColumn))
            }
        }
        return result
    }
}
