extension Checker {
    /// Entity, enum and app names are UpperCamelCase and must not shadow a type the generated code uses.
    mutating func checkTypeName(_ name: Identifier, kind: String) {
        if ReservedNames.typeNames.contains(name.name) {
            let suggestion = kind == "app" ? "My\(name.name)" : "\(name.name)Item"
            diagnostics.error(.reservedName(name.name, "the generated Swift code uses a type of that name"),
                              at: name.range, hints: ["choose another name, such as '\(suggestion)'"])
            return
        }
        if !isStyled(name.name, upper: true) {
            diagnostics.error(.nameStyle(kind, name.name, "UpperCamelCase"), at: name.range,
                              hints: styleHint(Naming.upperCamelCase(name.name), name.name))
        }
    }

    /// Field and case names are lowerCamelCase. Swift keywords are allowed: the generated Swift
    /// puts them in backticks.
    @discardableResult
    mutating func checkMemberName(_ name: Identifier, kind: String) -> Bool {
        if kind == "field", ReservedNames.memberKeywords.contains(name.name) {
            diagnostics.error(.reservedName(name.name, "it starts a rule"), at: name.range)
            return false
        }
        if !isStyled(name.name, upper: false) {
            diagnostics.error(.nameStyle(kind, name.name, "lowerCamelCase"), at: name.range,
                              hints: styleHint(Naming.lowerCamelCase(name.name), name.name))
            return false
        }
        return true
    }

    /// ASCII letters and digits, starting with a letter of the given case.
    private func isStyled(_ name: String, upper: Bool) -> Bool {
        guard let first = name.utf8.first,
              upper ? (65...90).contains(first) : (97...122).contains(first) else { return false }
        return name.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }
    }

    private func styleHint(_ suggestion: String, _ name: String) -> [String] {
        suggestion.isEmpty || suggestion == name ? [] : ["rename it '\(suggestion)'"]
    }

    /// Names derived for SQL, JSON and routes must be distinct and fit PostgreSQL's limits.
    mutating func checkDerivedNames(_ entities: [Entity]) {
        var tables: [String: String] = [:]   // table → what produced it
        // Operation ids become a generated client's method names: each must be unique.
        var operations = Dictionary(uniqueKeysWithValues: OperationIDs.fixed.map { ($0, "a built-in route") })
        checkEarlierNames(entities.map { ($0.name, $0.renamedFrom) }, owner: nil)
        for entity in entities {
            checkEarlierNames(entity.fields.map { ($0.name, $0.renamedFrom) }, owner: entity.name)
            let range = entityDeclarations[entity.name]!.name.range
            // Names that clash as tables clash as operation ids too: one error is enough.
            if claim(entity.names.table, by: "entity '\(entity.name)'", in: &tables, kind: "table", at: range) {
                let ids = OperationIDs(entity)
                // One error per entity: its other ids clash for the same reason.
                for id in [ids.list, ids.create, ids.get, ids.update, ids.delete] {
                    guard claim(id, by: "entity '\(entity.name)'", in: &operations, kind: "OpenAPI operation id", at: range) else { break }
                }
            }
            checkSQLName(entity.names.table, at: range, isTable: true)
            var columns: [String: String] = [:]
            var jsonNames: [String: String] = [:]
            for field in entity.fields {
                let fieldRange = draft(entity.name, field.name)?.syntax?.name.range ?? range
                // Routes and JSON keys come from the same words as tables and columns, so
                // checking the SQL names first reports each clash once.
                if let column = field.column {
                    guard claim(column, by: "field '\(field.name)'", in: &columns, kind: "column", at: fieldRange) else {
                        continue
                    }
                    checkSQLName(column, at: fieldRange, isTable: false)
                }
                claim(field.jsonName, by: "field '\(field.name)'", in: &jsonNames, kind: "JSON key", at: fieldRange)
                for id in OperationIDs.routes(of: field, in: entity) {
                    guard claim(id, by: "field '\(entity.name).\(field.name)'", in: &operations, kind: "OpenAPI operation id",
                                at: fieldRange) else { break }
                }
                // Both ends of a many-to-many relation name the same join table.
                if case .manyToMany(_, _, let joinTable) = field.kind, tables[joinTable.name]?.hasPrefix("join") != true {
                    claim(joinTable.name, by: "join table of '\(entity.name).\(field.name)'", in: &tables, kind: "table",
                          at: fieldRange)
                    checkSQLName(joinTable.name, at: fieldRange, isTable: true)
                }
            }
        }
    }

    /// An earlier name (`@renamedFrom`) must not be a current name nor claimed twice: the
    /// migration must know which column or table holds the old data.
    private mutating func checkEarlierNames(_ names: [(name: String, earlier: String?)], owner entity: String?) {
        let current = Set(names.map(\.name))
        var claimed: [String: String] = [:]
        for (name, earlier) in names {
            guard let earlier else { continue }
            let range = if let entity { draft(entity, name)?.syntax?.name.range } else { entityDeclarations[name]?.name.range }
            guard let range else { continue }
            let kind = entity == nil ? "entity" : "field"
            if current.contains(earlier) {
                diagnostics.error(.earlierNameInUse(kind, earlier), at: range,
                                  hints: ["a \(kind) can take over the data of one that no longer exists; remove '@renamedFrom' or the other \(kind)"])
            } else if let first = claimed[earlier] {
                diagnostics.error(.earlierNameInUse(kind, earlier), at: range,
                                  hints: ["'\(first)' is already renamed from '\(earlier)'"])
            } else {
                claimed[earlier] = name
            }
        }
    }

    /// Records that `producer` makes `name`; reports if something else already does.
    @discardableResult
    private mutating func claim(_ name: String, by producer: String, in names: inout [String: String], kind: String,
                                at range: SourceRange) -> Bool {
        if let existing = names[name] {
            diagnostics.error(.nameCollision(kind, name), at: range,
                              hints: ["\(existing) and \(producer) both become \(kind) '\(name)'; rename one of them"])
            return false
        }
        names[name] = producer
        return true
    }

    private mutating func checkSQLName(_ name: String, at range: SourceRange, isTable: Bool) {
        if name.utf8.count > ReservedNames.maximumSQLIdentifierLength {
            diagnostics.error(.sqlNameTooLong(name), at: range, hints: ["choose a shorter name"])
        }
        if isTable, let prefix = ReservedNames.reservedTablePrefixes.first(where: { name.hasPrefix($0) }) {
            diagnostics.error(.reservedName(name, "SQL names starting with '\(prefix)' are reserved"), at: range)
        }
    }
}
