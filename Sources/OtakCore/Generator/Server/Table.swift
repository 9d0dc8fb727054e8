/// The SQL facts of one entity's table, shared by migrations and queries.
struct Table {
    let entity: Entity
    let schema: Schema

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

    var foreignKeys: [ForeignKeySnapshot] {
        entity.fields.compactMap { field in
            guard case .belongsTo(let target, let onDelete) = field.kind, let column = field.column,
                  let targetTable = schema.entity(named: target)?.names.table else { return nil }
            let action = switch onDelete {
            case .cascade: "CASCADE"
            case .restrict: "RESTRICT"
            case .setNull: "SET NULL"
            }
            return ForeignKeySnapshot(name: Checker.sqlName([entity.names.table, column, "fkey"]), column: column,
                                      table: targetTable, onDelete: action)
        }
    }

    /// The SQL of a field's `@default`.
    static func defaultSQL(_ field: Field, _ dialect: SQLDialect) -> String? {
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
            case .scalar(.json) where dialect == .sqlite, .scalar(.file) where dialect == .sqlite:
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
