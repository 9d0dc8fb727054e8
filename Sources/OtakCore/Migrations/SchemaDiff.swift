/// What changed between the database of the last generation and that of a new schema, with
/// renames (`@renamedFrom`, `@@renamedFrom`) resolved so that data moves instead of being
/// dropped and added again.
public struct SchemaDiff: Sendable {
    /// A table present before and after, perhaps renamed and changed.
    struct TableChange: Sendable {
        var old: TableSnapshot
        var new: TableSnapshot
        /// Columns present before and after, perhaps renamed and changed.
        var columns: [(old: ColumnSnapshot, new: ColumnSnapshot)]
        var added: [ColumnSnapshot]
        var dropped: [ColumnSnapshot]

        var isRenamed: Bool { old.name != new.name }

        /// The new name of an old column, where it still exists.
        func newName(ofColumn name: String) -> String? {
            columns.first { $0.old.name == name }?.new.name
        }
    }

    let old: SchemaSnapshot
    let new: SchemaSnapshot
    var created: [TableSnapshot] = []
    var dropped: [TableSnapshot] = []
    /// Every table kept, changed or not, in the new schema's order.
    var kept: [TableChange] = []
    /// Old table name → new table name.
    var tableNames: [String: String] = [:]
    public private(set) var problems: [MigrationProblem] = []

    public init(from old: SchemaSnapshot, to schema: Schema) {
        self.old = old
        self.new = SchemaSnapshot(schema)
        matchTables(schema)
        for change in kept { checkColumns(change) }
        for table in dropped {
            problems.append(MigrationProblem(
                kind: .destructive, entity: table.entity, field: nil,
                message: table.entity.map { "removing entity '\($0)' drops table \"\(table.name)\" and its rows" }
                    ?? "removing a many-to-many relation drops join table \"\(table.name)\" and its links",
                hint: table.entity.map { "to keep the data, rename the entity with @@renamedFrom(\"\($0)\")" }
                    ?? "pass --allow-destructive if the links can go"))
        }
    }

    // MARK: Matching

    private mutating func matchTables(_ schema: Schema) {
        var unmatched = old.tables
        func take(_ predicate: (TableSnapshot) -> Bool) -> TableSnapshot? {
            guard let index = unmatched.firstIndex(where: predicate) else { return nil }
            return unmatched.remove(at: index)
        }
        var pending: [TableSnapshot] = []
        for table in new.tables {
            if let entityName = table.entity {
                let earlier = schema.entity(named: entityName)?.renamedFrom
                if let match = take({ $0.entity == entityName }) ?? earlier.flatMap({ name in take { $0.entity == name } }) {
                    keep(match, as: table, renames: schema.entity(named: entityName).map(Self.fieldRenames) ?? [:])
                } else {
                    created.append(table)
                }
            } else {
                pending.append(table)
            }
        }
        // A join table is found by name, or else by the (renamed) tables it links.
        for table in pending {
            let targets = table.foreignKeys.map(\.table)
            if let match = take({ $0.entity == nil && $0.name == table.name })
                ?? take({ $0.entity == nil && $0.foreignKeys.map { tableNames[$0.table] ?? $0.table } == targets }) {
                keepJoin(match, as: table)
            } else {
                created.append(table)
            }
        }
        dropped = unmatched
    }

    private static func fieldRenames(_ entity: Entity) -> [String: String] {
        var renames: [String: String] = [:]
        for field in entity.fields {
            if let earlier = field.renamedFrom { renames[field.name] = earlier }
        }
        return renames
    }

    private mutating func keep(_ oldTable: TableSnapshot, as newTable: TableSnapshot, renames: [String: String]) {
        var unmatched = oldTable.columns
        var change = TableChange(old: oldTable, new: newTable, columns: [], added: [], dropped: [])
        for column in newTable.columns {
            let earlier = column.field.flatMap { renames[$0] }
            if let index = unmatched.firstIndex(where: { $0.field == column.field })
                ?? earlier.flatMap({ name in unmatched.firstIndex { $0.field == name } }) {
                change.columns.append((unmatched.remove(at: index), column))
            } else {
                change.added.append(column)
            }
        }
        change.dropped = unmatched
        tableNames[oldTable.name] = newTable.name
        kept.append(change)
    }

    private mutating func keepJoin(_ oldTable: TableSnapshot, as newTable: TableSnapshot) {
        // Columns pair up by the table they point at; a relation of an entity with itself keeps their order.
        var pairs: [(old: ColumnSnapshot, new: ColumnSnapshot)] = []
        var unmatched = oldTable.foreignKeys
        for key in newTable.foreignKeys {
            let index = unmatched.firstIndex { (tableNames[$0.table] ?? $0.table) == key.table } ?? 0
            let oldKey = unmatched.remove(at: index)
            if let oldColumn = oldTable.column(named: oldKey.column), let newColumn = newTable.column(named: key.column) {
                pairs.append((oldColumn, newColumn))
            }
        }
        // The other columns (of `otak_sessions`; join tables have none) pair up by name.
        var added: [ColumnSnapshot] = []
        for column in newTable.columns where !pairs.contains(where: { $0.new.name == column.name }) {
            if let old = oldTable.column(named: column.name) { pairs.append((old, column)) } else { added.append(column) }
        }
        let dropped = oldTable.columns.filter { old in !pairs.contains { $0.old.name == old.name } }
        tableNames[oldTable.name] = newTable.name
        kept.append(TableChange(old: oldTable, new: newTable, columns: pairs, added: added, dropped: dropped))
    }

    // MARK: Problems

    private mutating func checkColumns(_ change: TableChange) {
        let entity = change.new.entity
        for column in change.dropped {
            problems.append(MigrationProblem(
                kind: .destructive, entity: entity, field: column.field,
                message: "removing field '\(column.field ?? column.name)' drops column \"\(change.new.name)\".\"\(column.name)\" and its data",
                hint: "to keep the data, rename the field with @renamedFrom(\"\(column.field ?? column.name)\")"))
        }
        for column in change.added where !column.isOptional && column.defaultValue == nil {
            // Relations and files have no default.
            let noDefault = column.type == ColumnType.file.rawValue || change.new.foreignKeys.contains { $0.column == column.name }
            problems.append(MigrationProblem(
                kind: .error, entity: entity, field: column.field,
                message: "a required field without a default cannot be added to the rows \"\(change.new.name)\" already has",
                hint: (noDefault ? "" : "give it a @default(...), or ") + "make it optional, fill it in, then make it required"))
        }
        for (oldColumn, newColumn) in change.columns {
            if oldColumn.isOptional, !newColumn.isOptional, newColumn.defaultValue == nil {
                problems.append(MigrationProblem(
                    kind: .warning, entity: entity, field: newColumn.field,
                    message: "the migration fails if a row has no '\(newColumn.field ?? newColumn.name)'",
                    hint: "give the field a @default(...) to fill those rows"))
            }
            switch ColumnConversion(from: oldColumn.type, to: newColumn.type) {
            case .none, .widening:
                break
            case .narrowing:
                problems.append(MigrationProblem(
                    kind: .destructive, entity: entity, field: newColumn.field,
                    message: "changing '\(newColumn.field ?? newColumn.name)' from \(oldColumn.type) to \(newColumn.type) fails or loses data for some values",
                    hint: "pass --allow-destructive if every stored value converts"))
            case .discarding:
                let name = newColumn.field ?? newColumn.name
                problems.append(MigrationProblem(
                    kind: .destructive, entity: entity, field: newColumn.field,
                    message: newColumn.type == "file"
                        ? "changing '\(name)' to a File drops its stored \(oldColumn.type) values: files are uploaded, not converted"
                        : "changing '\(name)' from a File drops the files it names",
                    hint: "pass --allow-destructive if the values can go"))
            case .impossible:
                problems.append(MigrationProblem(
                    kind: .error, entity: entity, field: newColumn.field,
                    message: "a column of \(oldColumn.type) values cannot be converted to \(newColumn.type)",
                    hint: "add a new field, copy the values over, then remove the old one"))
            }
            let removedCases = (oldColumn.enumCases ?? []).filter { !(newColumn.enumCases ?? []).contains($0) }
            if newColumn.enumCases != nil, oldColumn.enumCases != nil, !removedCases.isEmpty {
                problems.append(MigrationProblem(
                    kind: .destructive, entity: entity, field: newColumn.field,
                    message: "removing \(removedCases.map { "'\($0)'" }.joined(separator: ", ")) from the cases of '\(newColumn.field ?? newColumn.name)' fails if a row holds one",
                    hint: "update those rows first, or pass --allow-destructive if none does"))
            }
        }
    }
}

/// A change the generator will not turn into a migration on its own.
public struct MigrationProblem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Loses data: written only with `--allow-destructive`.
        case destructive
        /// Cannot be migrated as written.
        case error
        /// Written, but may fail on some data.
        case warning
    }

    public var kind: Kind
    /// Where it is in the new schema, as far as it still exists there.
    public var entity: String?
    public var field: String?
    public var message: String
    public var hint: String
}

/// How a column's values turn into those of another column type.
enum ColumnConversion: Equatable {
    case none
    /// Every value converts.
    case widening
    /// Some values fail to convert or lose precision.
    case narrowing
    case impossible
    /// To or from a `File` field: the values are dropped (a file is uploaded, not converted).
    case discarding

    init(from old: String, to new: String) {
        guard old != new else { self = .none; return }
        if old == "file" || new == "file" { self = .discarding; return }
        let numbers = ["integer", "double", "decimal"]
        switch (old, new) {
        case ("integer", "double"), ("integer", "decimal"), ("double", "decimal"), ("decimal", "double"):
            self = .widening
        case (_, "text") where numbers.contains(old) || old == "uuid":
            self = .widening
        case ("double", "integer"), ("decimal", "integer"):
            self = .narrowing
        case ("text", _) where numbers.contains(new) || new == "uuid":
            self = .narrowing
        default:
            self = .impossible
        }
    }
}

extension SchemaDiff {
    /// What the migration does, for its file name: `add_product_weight`,
    /// `rename_posts_to_articles_and_2_more`.
    var migrationName: String {
        var parts: [String] = []
        for table in created { parts.append("create_" + table.name) }
        for change in kept where change.old != change.new {
            let subject = change.new.entity.map(Naming.snakeCase) ?? change.new.name
            var steps: [String] = []
            func name(_ column: ColumnSnapshot) -> String { column.field.map(Naming.snakeCase) ?? column.name }
            if change.isRenamed { steps.append("rename_\(change.old.name)_to_\(change.new.name)") }
            for (old, new) in change.columns where old.name != new.name {
                steps.append("rename_\(subject)_\(name(old))_to_\(name(new))")
            }
            steps += change.added.map { "add_\(subject)_\(name($0))" }
            steps += change.dropped.map { "remove_\(subject)_\(name($0))" }
            for (old, new) in change.columns where old.type != new.type || old.isOptional != new.isOptional
                || old.defaultValue != new.defaultValue || old.enumCases != new.enumCases {
                steps.append("change_\(subject)_\(name(new))")
            }
            for (old, new) in change.columns where old.caseFolded != true && new.caseFolded == true {
                steps.append("fold_\(subject)_\(name(new))_case")
            }
            let mapped = change.old.indexes.map { index in index.columns.map { change.newName(ofColumn: $0) ?? $0 } }
            steps += change.new.indexes.filter { !mapped.contains($0.columns) }.map { "add_" + $0.name }
            if steps.allSatisfy({ $0.hasPrefix("add_") && $0.hasSuffix("_idx") }),
               change.old.uniques != change.new.uniques || change.old.checks != change.new.checks
                || change.old.foreignKeys != change.new.foreignKeys {
                steps.append("update_\(subject)_constraints")
            }
            parts += steps.isEmpty ? ["update_\(subject)_constraints"] : steps
        }
        parts += dropped.map { "drop_" + $0.name }
        var name = parts.first ?? "update"
        if parts.count == 2, (name + "_and_" + parts[1]).count <= 60 {
            name += "_and_" + parts[1]
        } else if parts.count > 1 {
            name += "_and_\(parts.count - 1)_more"
        }
        return name
    }
}
