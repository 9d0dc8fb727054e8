/// Writes the SQL that takes a database from one snapshot to the next, for one dialect.
///
/// PostgreSQL alters tables in place, in phases that keep every statement valid: renames, then
/// drops, then new tables, columns and constraints, foreign keys last (so that tables may point
/// at each other). SQLite cannot alter constraints, so a changed table is rebuilt with the
/// procedure of its documentation (create the new table, copy the rows, drop the old one,
/// rename); the migrator runs it with foreign key enforcement off and checks the keys after.
struct MigrationWriter {
    let diff: SchemaDiff
    let dialect: SQLDialect

    /// The migration's statements, each ending with `;`; empty when nothing changes.
    func script() -> String {
        var statements: [String] = []
        var foreignKeys: [String] = []
        switch dialect {
        case .postgres: postgresStatements(&statements, &foreignKeys)
        case .sqlite: sqliteStatements(&statements)
        }
        for change in diff.kept {
            for (old, new) in change.columns where old.caseFolded != true && new.caseFolded == true {
                statements += foldCase(of: new.name, in: change.new.name)
            }
        }
        return statements.map { $0 + ";\n" }.joined(separator: "\n")
            + (foreignKeys.isEmpty ? "" : "\n" + foreignKeys.map { $0 + ";\n" }.joined())
    }

    /// An email identity from now on kept trimmed and in lower case: the rows are rewritten,
    /// unless two would then be equal, which stops the migration with the name of an index
    /// that says why (the rows are then the operator's to merge or rename).
    private func foldCase(of column: String, in table: String) -> [String] {
        let folded = "lower(trim(\(SQLDialect.quote(column))))"
        let check = SQLDialect.quote("\(table)_\(column)_must_be_unique_ignoring_case")
        return [
            "-- \"\(column)\" signs in and is compared in lower case from now on. If this index cannot be made,\n"
                + "-- two rows differ only in case or spaces: merge or change one, then start the server again.\n"
                + "CREATE UNIQUE INDEX \(check) ON \(SQLDialect.quote(table)) (\(folded))",
            "DROP INDEX \(check)",
            "UPDATE \(SQLDialect.quote(table)) SET \(SQLDialect.quote(column)) = \(folded) WHERE \(SQLDialect.quote(column)) <> \(folded)",
        ]
    }

    // MARK: SQLite

    private func sqliteStatements(_ statements: inout [String]) {
        for table in diff.dropped {
            statements.append("DROP TABLE \(SQLDialect.quote(table.name))")
        }
        for change in diff.kept where change.old != change.new {
            if change.isRenamed || createTable(change.old) != createTable(change.new) {
                rebuild(change, &statements)
            } else {
                let kept = change.old.indexes.filter { change.new.indexes.contains($0) }
                statements += change.old.indexes.filter { !kept.contains($0) }.map { "DROP INDEX \(SQLDialect.quote($0.name))" }
                statements += change.new.indexes.filter { !kept.contains($0) }.map { createIndex($0, on: change.new.name) }
            }
        }
        for table in diff.created {
            statements.append(createTable(table))
            statements += table.indexes.map { createIndex($0, on: table.name) }
        }
    }

    /// SQLite's twelve-step procedure, less the steps the migrator does around every migration.
    private func rebuild(_ change: TableChange, _ statements: inout [String]) {
        let temporary = "_otak_new_" + change.new.name
        var table = change.new
        table.name = temporary
        let comment = change.isRenamed
            ? "-- \"\(change.old.name)\" becomes \"\(change.new.name)\": a new table, the rows copied, the old table dropped.\n"
            : "-- SQLite cannot alter \"\(change.new.name)\" in place: a new table, the rows copied, the old table dropped.\n"
        statements.append(comment + createTable(table))
        let copied = change.columns.map { pair in (SQLDialect.quote(pair.new.name), copyExpression(pair.old, pair.new)) }
        if !copied.isEmpty {
            statements.append("INSERT INTO \(SQLDialect.quote(temporary)) (" + copied.map(\.0).joined(separator: ", ")
                + ")\nSELECT " + copied.map(\.1).joined(separator: ", ") + " FROM \(SQLDialect.quote(change.old.name))")
        }
        statements.append("DROP TABLE \(SQLDialect.quote(change.old.name))")
        statements.append("ALTER TABLE \(SQLDialect.quote(temporary)) RENAME TO \(SQLDialect.quote(change.new.name))")
        statements += change.new.indexes.map { createIndex($0, on: change.new.name) }
    }

    /// The old column's value as the new column stores it.
    private func copyExpression(_ old: ColumnSnapshot, _ new: ColumnSnapshot) -> String {
        var value = SQLDialect.quote(old.name)
        if ColumnConversion(from: old.type, to: new.type) == .discarding {
            value = "NULL"
        } else if ColumnConversion(from: old.type, to: new.type) != .none {
            let affinity = switch new.type {
            case "integer", "bool": "INTEGER"
            case "double": "REAL"
            case "decimal": "NUMERIC"
            default: "TEXT"
            }
            if new.type == "integer", old.type == "double" || old.type == "decimal" { value = "round(\(value))" }
            value = "CAST(\(value) AS \(affinity))"
        }
        if old.isOptional, !new.isOptional, let fill = new.defaultValue?[dialect] {
            value = "COALESCE(\(value), \(fill))"
        }
        return value
    }

    // MARK: PostgreSQL

    private func postgresStatements(_ statements: inout [String], _ foreignKeys: inout [String]) {
        let changes = diff.kept.filter { $0.old != $0.new }
        // Renames first: every later statement uses the new names.
        for change in changes {
            let table = SQLDialect.quote(change.new.name)
            if change.isRenamed {
                statements.append("ALTER TABLE \(SQLDialect.quote(change.old.name)) RENAME TO \(table)")
                // The primary key keeps PostgreSQL's default name for the table (names of up to
                // 63 bytes are not shortened).
                if max(change.old.name.utf8.count, change.new.name.utf8.count) + 5 <= 63 {
                    statements.append("ALTER TABLE \(table) RENAME CONSTRAINT \(SQLDialect.quote(change.old.name + "_pkey")) TO "
                        + SQLDialect.quote(change.new.name + "_pkey"))
                }
            }
            for (old, new) in change.columns where old.name != new.name {
                statements.append("ALTER TABLE \(table) RENAME COLUMN \(SQLDialect.quote(old.name)) TO \(SQLDialect.quote(new.name))")
            }
        }
        let constraints = changes.map { ConstraintChanges($0, tableNames: diff.tableNames) }
        for (change, constraint) in zip(changes, constraints) {
            let table = SQLDialect.quote(change.new.name)
            let checks = constraint.droppedChecks.filter { $0.condition[dialect] != nil }
            let dropped = constraint.droppedForeignKeys.compactMap(\.name) + checks.map(\.name) + constraint.droppedUniques.map(\.name)
            statements += dropped.map { "ALTER TABLE \(table) DROP CONSTRAINT \(SQLDialect.quote($0))" }
            statements += constraint.droppedIndexes.map { "DROP INDEX \(SQLDialect.quote($0.name))" }
        }
        for change in changes {
            statements += change.dropped.map {
                "ALTER TABLE \(SQLDialect.quote(change.new.name)) DROP COLUMN \(SQLDialect.quote($0.name))"
            }
        }
        if !diff.dropped.isEmpty {
            statements.append("DROP TABLE " + diff.dropped.map { SQLDialect.quote($0.name) }.joined(separator: ", "))
        }
        for table in diff.created {
            statements.append(createTable(table))
            statements += table.indexes.map { createIndex($0, on: table.name) }
            foreignKeys += table.foreignKeys.compactMap { addForeignKey($0, to: table.name) }
        }
        for (change, constraint) in zip(changes, constraints) {
            let table = SQLDialect.quote(change.new.name)
            statements += change.added.map { "ALTER TABLE \(table) ADD COLUMN " + columnDefinition($0, in: change.new) }
            for (old, new) in change.columns {
                statements += alterColumn(old, new, in: table)
            }
            statements += constraint.addedUniques.map { addConstraint($0.name, unique($0), to: table) }
            statements += constraint.addedChecks.compactMap { check in
                check.condition[dialect].map { addConstraint(check.name, "CHECK (\($0))", to: table) }
            }
            statements += constraint.addedIndexes.map { createIndex($0, on: change.new.name) }
            foreignKeys += constraint.addedForeignKeys.compactMap { addForeignKey($0, to: change.new.name) }
        }
    }

    private func alterColumn(_ old: ColumnSnapshot, _ new: ColumnSnapshot, in table: String) -> [String] {
        let prefix = "ALTER TABLE \(table) ALTER COLUMN \(SQLDialect.quote(new.name)) "
        let typeChanges = old.type != new.type
        let oldDefault = old.defaultValue?[dialect]
        let newDefault = new.defaultValue?[dialect]
        var result: [String] = []
        if oldDefault != nil, typeChanges || oldDefault != newDefault {
            result.append(prefix + "DROP DEFAULT")
        }
        if typeChanges, let type = ColumnType(rawValue: new.type) {
            var value = SQLDialect.quote(new.name)
            if new.type == "integer", old.type == "double" || old.type == "decimal" { value = "round(\(value))" }
            if ColumnConversion(from: old.type, to: new.type) == .discarding { value = "NULL" }
            result.append(prefix + "TYPE \(dialect.columnType(type)) USING \(value)::\(dialect.columnType(type))")
        }
        if let newDefault, typeChanges || oldDefault != newDefault {
            result.append(prefix + "SET DEFAULT " + newDefault)
        }
        if old.isOptional, !new.isOptional {
            if let newDefault {
                result.append("UPDATE \(table) SET \(SQLDialect.quote(new.name)) = \(newDefault) WHERE \(SQLDialect.quote(new.name)) IS NULL")
            }
            result.append(prefix + "SET NOT NULL")
        } else if !old.isOptional, new.isOptional {
            result.append(prefix + "DROP NOT NULL")
        }
        return result
    }

    /// The constraints and indexes of a kept table that go and come, compared in the new names.
    private struct ConstraintChanges {
        var droppedUniques: [IndexSnapshot] = [], addedUniques: [IndexSnapshot] = []
        var droppedChecks: [CheckSnapshot] = [], addedChecks: [CheckSnapshot] = []
        var droppedForeignKeys: [ForeignKeySnapshot] = [], addedForeignKeys: [ForeignKeySnapshot] = []
        var droppedIndexes: [IndexSnapshot] = [], addedIndexes: [IndexSnapshot] = []

        init(_ change: TableChange, tableNames: [String: String]) {
            func renamed(_ index: IndexSnapshot) -> IndexSnapshot {
                IndexSnapshot(name: index.name, columns: index.columns.map { change.newName(ofColumn: $0) ?? $0 })
            }
            func split<Item: Equatable>(_ old: [Item], _ new: [Item], mapping: (Item) -> Item) -> ([Item], [Item]) {
                let mapped = old.map(mapping)
                return (zip(old, mapped).filter { !new.contains($0.1) }.map(\.0), new.filter { !mapped.contains($0) })
            }
            (droppedUniques, addedUniques) = split(change.old.uniques, change.new.uniques, mapping: renamed)
            (droppedIndexes, addedIndexes) = split(change.old.indexes, change.new.indexes, mapping: renamed)
            // A check may not survive its column changing type: it is dropped and added again.
            let retyped = change.columns.contains { $0.old.type != $0.new.type }
            (droppedChecks, addedChecks) = retyped ? (change.old.checks, change.new.checks)
                : split(change.old.checks, change.new.checks, mapping: { $0 })
            (droppedForeignKeys, addedForeignKeys) = split(change.old.foreignKeys, change.new.foreignKeys) { key in
                var key = key
                key.column = change.newName(ofColumn: key.column) ?? key.column
                key.table = tableNames[key.table] ?? key.table
                return key
            }
        }
    }

    // MARK: Statements

    private func createTable(_ table: TableSnapshot) -> String {
        var lines = table.columns.map { columnDefinition($0, in: table) }
        if table.primaryKey.count > 1 {
            lines.append("PRIMARY KEY (" + table.primaryKey.map(SQLDialect.quote).joined(separator: ", ") + ")")
        }
        lines += table.uniques.map { "CONSTRAINT \(SQLDialect.quote($0.name)) " + unique($0) }
        lines += table.checks.compactMap { check in
            check.condition[dialect].map { "CONSTRAINT \(SQLDialect.quote(check.name)) CHECK (\($0))" }
        }
        if dialect == .sqlite {
            lines += table.foreignKeys.compactMap { key in key.name.map { "CONSTRAINT \(SQLDialect.quote($0)) " + references(key) } }
        }
        return "CREATE TABLE \(SQLDialect.quote(table.name)) (\n    " + lines.joined(separator: ",\n    ") + "\n)"
    }

    private func columnDefinition(_ column: ColumnSnapshot, in table: TableSnapshot) -> String {
        let type = ColumnType(rawValue: column.type).map(dialect.columnType) ?? column.type
        var definition = "\(SQLDialect.quote(column.name)) \(type)"
        if table.primaryKey == [column.name] {
            // AUTOINCREMENT: SQLite never reuses an id, even once the newest row is deleted.
            let autoincrement = dialect == .sqlite && column.type == ColumnType.sequence.rawValue ? " AUTOINCREMENT" : ""
            return definition + " NOT NULL PRIMARY KEY" + autoincrement
        }
        if !column.isOptional { definition += " NOT NULL" }
        if let value = column.defaultValue?[dialect] { definition += " DEFAULT " + value }
        if let key = table.foreignKeys.first(where: { $0.name == nil && $0.column == column.name }) {
            definition += " REFERENCES \(SQLDialect.quote(key.table)) (\"id\") ON DELETE \(key.onDelete)"
        }
        return definition
    }

    private func unique(_ index: IndexSnapshot) -> String {
        "UNIQUE (" + index.columns.map(SQLDialect.quote).joined(separator: ", ") + ")"
    }

    private func references(_ key: ForeignKeySnapshot) -> String {
        "FOREIGN KEY (\(SQLDialect.quote(key.column))) REFERENCES \(SQLDialect.quote(key.table)) (\"id\") ON DELETE \(key.onDelete)"
    }

    private func addConstraint(_ name: String, _ definition: String, to table: String) -> String {
        "ALTER TABLE \(table) ADD CONSTRAINT \(SQLDialect.quote(name)) " + definition
    }

    private func addForeignKey(_ key: ForeignKeySnapshot, to table: String) -> String? {
        key.name.map { addConstraint($0, references(key), to: SQLDialect.quote(table)) }
    }

    private func createIndex(_ index: IndexSnapshot, on table: String) -> String {
        "CREATE INDEX \(SQLDialect.quote(index.name)) ON \(SQLDialect.quote(table)) ("
            + index.columns.map(SQLDialect.quote).joined(separator: ", ") + ")"
    }
}

typealias TableChange = SchemaDiff.TableChange
