/// The template values of one entity: every piece of Swift and SQL its files need.
struct EntityContext {
    let entity: Entity
    let schema: Schema
    let table: Table
    /// The fields with a column.
    let stored: [Field]
    /// Stored fields a response shows.
    let output: [Field]
    /// Stored fields but the id: what a create or an update writes.
    let record: [Field]
    /// Record fields a client may send.
    let writable: [Field]
    let passwords: [Field]
    /// Writable fields that need a field rule to change (on create or update), but passwords
    /// and hidden ones: a body may send them with the value they have (or would have).
    let guarded: [Field]
    /// Visible belongs-to fields, which `include=` can expand.
    let includes: [Field]
    /// Every belongs-to field, hidden ones too.
    let references: [Field]

    init(_ entity: Entity, in schema: Schema) {
        self.entity = entity
        self.schema = schema
        self.table = Table(entity: entity, schema: schema)
        stored = entity.fields.filter(\.isStored)
        output = stored.filter { !$0.isHidden }
        record = stored.filter { !$0.isPrimaryKey }
        writable = record.filter { !$0.isReadOnly }
        passwords = record.filter { $0.kind == .scalar(.password) }
        let rules = RuleWriter(entity: entity, schema: schema)
        let guardedNames = Set((rules.guardedFields(.create) + rules.guardedFields(.update)).map(\.name))
        guarded = writable.filter { guardedNames.contains($0.name) && !$0.isHidden }
        references = entity.fields.filter { if case .belongsTo = $0.kind { true } else { false } }
        includes = references.filter { !$0.isHidden }
    }

    /// The statements that write a row's JSON object, one member each, in the order
    /// `JSONEncoder`'s `.sortedKeys` gives (by UTF-8 bytes): the row's fields, and for a
    /// detail (which holds the row) the related rows of `include=` merged among them.
    func jsonMembers(detail: Bool) -> [String] {
        let row = detail ? entity.names.variable + "." : ""
        let fields = output.map { (key: $0.jsonName, value: row + $0.swiftName) }
        let related = detail ? includes.map { (key: $0.name, value: ReservedNames.swiftIdentifier($0.name)) } : []
        return (fields + related)
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { "json.field(\"\($0.key)\", \($0.value))" }
    }

    /// The guarded fields' values in a new row that a create leaves them out of: their default,
    /// or null for an optional field without one (`now` is no fixed value).
    private var guardedDefaults: [(jsonName: String, binding: String)] {
        guarded.compactMap { field in
            if field.defaultValue == .now { return nil }
            if let value = SwiftCode.defaultValue(field) { return (field.jsonName, SwiftCode.binding(value, field)) }
            return field.isOptional ? (field.jsonName, ".null") : nil
        }
    }

    func value() -> [String: TemplateValue] {
        let cascadedFiles = QueryWriter(context: self).cascadedFiles()
        return [
            "type": .text(entity.names.type),
            "variable": .text(entity.names.variable),
            "table": .text(entity.names.table),
            "route": .text(entity.routePath),
            "displayName": .text(entity.displayName),
            "aDisplayName": .text(entity.aDisplayName),
            "idColumn": .text(SwiftCode.stringLiteral(entity.qualified("id"))),
            "ownerField": entity.ownerField.map { .object(["swiftName": .text($0.swiftName), "jsonName": .text($0.jsonName)]) } ?? .flag(false),
            "hiddenFields": .text(stored.filter(\.isHidden).map(\.jsonName).joined(separator: ", ")),
            "outputFields": .list(output.enumerated().map { index, field in
                .object([
                    "swiftName": .text(field.swiftName), "swiftType": .text(SwiftCode.outputType(field)),
                    "index": .text(String(index)),
                ])
            }),
            "jsonMembers": .list(jsonMembers(detail: false).map(TemplateValue.text)),
            "detailMembers": .list(jsonMembers(detail: true).map(TemplateValue.text)),
            "storedFields": items(record) { index, field in
                [
                    "swiftName": .text(field.swiftName), "swiftType": .text(SwiftCode.type(field)),
                    "label": .text(ReservedNames.swiftLabel(field.swiftName)),
                    "recordIndex": .text(String(index)),
                    "binding": .text(SwiftCode.binding(field.swiftName, field)),
                    "createValue": .text(createValue(field)),
                    "name": .text(field.name),
                ]
            },
            "writableFields": items(writable) { _, field in
                [
                    "swiftName": .text(field.swiftName), "swiftType": .text(SwiftCode.type(field)),
                    "label": .text(ReservedNames.swiftLabel(field.swiftName)),
                    "jsonName": .text(field.jsonName), "isOptional": .flag(field.isOptional),
                    "createRead": .text(createRead(field)),
                    "patchType": .text(SwiftCode.type(field) + "?"),
                    "patchRead": .text(patchRead(field)),
                ]
            },
            "inputFields": items(stored) { _, field in ["jsonName": .text(field.jsonName)] },
            "readOnlyFields": items(stored.filter { $0.isReadOnly || $0.isPrimaryKey }) { _, field in
                ["jsonName": .text(field.jsonName)]
            },
            "requiredFields": items(writable.filter { !$0.isOptional && $0.defaultValue == nil }) { _, field in
                ["swiftName": .text(field.swiftName)]
            },
            "hasRequiredFields": .flag(writable.contains { !$0.isOptional && $0.defaultValue == nil }),
            "validations": .list(validations().map(TemplateValue.text)),
            "patterns": .list(patterns()),
            "passwordFields": items(passwords) { _, field in
                [
                    "swiftName": .text(field.swiftName), "jsonName": .text(field.jsonName), "name": .text(field.name),
                    "minimum": .text(field.length?.minimum.map(String.init) ?? "nil"),
                    "maximum": .text(field.length?.maximum.map(String.init) ?? "nil"),
                ]
            },
            "hasPasswordFields": .flag(!passwords.isEmpty),
            "guardedFields": items(guarded) { _, field in
                ["jsonName": .text(field.jsonName), "binding": .text(SwiftCode.binding(field.swiftName, field))]
            },
            "hasGuardedFields": .flag(!guarded.isEmpty),
            "guardedDefaults": .list(guardedDefaults.map { .object(["jsonName": .text($0.jsonName), "binding": .text($0.binding)]) }),
            "hasGuardedDefaults": .flag(!guardedDefaults.isEmpty),
            "isAuthEntity": .flag(entity.name == schema.auth?.entity),
            "emitsEvents": .flag(entity.eventRetentionSeconds != nil),
            "hasFiles": .flag(!entity.fileFields.isEmpty),
            "fileFields": items(entity.fileFields) { _, field in
                [
                    "swiftName": .text(field.swiftName), "jsonName": .text(field.jsonName),
                    "route": .text(Naming.kebabCase(field.name)),
                    "accept": .text("[" + field.accept.map(SwiftCode.stringLiteral).joined(separator: ", ") + "]"),
                    "maxSize": .text(String(field.maxSize)),
                    "isRequired": .flag(!field.isOptional),
                ]
            },
            "hasCascadedFiles": .flag(!cascadedFiles.isEmpty),
            "cascadedFiles": .list(cascadedFiles.map { statement in
                .object(["sqlite": .text(SwiftCode.stringLiteral(statement.sqlite)), "postgres": .text(SwiftCode.stringLiteral(statement.postgres))])
            }),
            "statements": .list(QueryWriter(context: self).statements().map { statement in
                .object([
                    "name": .text(statement.name), "doc": .text(statement.doc),
                    "sqlite": .text(SwiftCode.stringLiteral(statement.sqlite)),
                    "postgres": .text(SwiftCode.stringLiteral(statement.postgres)),
                ])
            }),
            "sortable": .list(output.filter(isListable).map { field in
                .object(["jsonName": .text(field.jsonName), "column": .text(SwiftCode.stringLiteral(entity.qualified(field.column!)))])
            }),
            "filterable": .list(output.filter(isListable).map { field in
                let type = ColumnType(field.kind)
                return .object([
                    "jsonName": .text(field.jsonName),
                    "column": .text(SwiftCode.stringLiteral(entity.qualified(field.column!))),
                    "kind": .text(filterKind(field)),
                    "cast": .text(type.postgresParameterCast),
                ])
            }),
            "uniqueConstraints": .list(table.uniqueConstraints.map { unique in
                .object([
                    "name": .text(unique.name),
                    "columns": .text(unique.columns.map { "\"\($0)\"" }.joined(separator: ", ")),
                    "fields": .text(unique.fields.map { "\"\(entity.field(named: $0)?.jsonName ?? $0)\"" }.joined(separator: ", ")),
                ])
            }),
            "includes": items(includes) { _, field in
                [
                    "name": .text(field.name), "swiftName": .text(field.swiftName),
                    "targetType": .text(target(field)?.names.type ?? ""), "isOptional": .flag(field.isOptional),
                ]
            },
            "hasIncludes": .flag(!includes.isEmpty),
            "hasReferences": .flag(!references.isEmpty),
            "hasWritableReferences": .flag(references.contains { !$0.isReadOnly }),
            "references": .list(references.map { field in
                .object([
                    "swiftName": .text(field.swiftName), "jsonName": .text(field.jsonName),
                    "isOptional": .flag(field.isOptional), "isWritable": .flag(!field.isReadOnly),
                    "targetType": .text(target(field)?.names.type ?? ""),
                    "targetDisplayName": .text(target(field)?.displayName ?? ""),
                ])
            }),
            "hasRelatedRoutes": .flag(entity.fields.contains {
                switch $0.kind {
                case .hasMany, .manyToMany: true
                default: false
                }
            }),
            "hasMany": .list(entity.fields.compactMap { field -> TemplateValue? in
                guard case .hasMany(let targetName, let inverse) = field.kind, let target = schema.entity(named: targetName) else {
                    return nil
                }
                return .object(relation(field, target) .merging([
                    "statement": .text("selectBy" + Naming.upperCamelCase(inverse)),
                ]) { first, _ in first })
            }),
            "manyToMany": .list(entity.fields.compactMap { field -> TemplateValue? in
                guard case .manyToMany(let targetName, let inverse, _) = field.kind, let target = schema.entity(named: targetName) else {
                    return nil
                }
                let upper = Naming.upperCamelCase(field.name)
                return .object(relation(field, target).merging([
                    "selectStatement": .text("select" + upper),
                    "linkStatement": .text("link" + upper),
                    "unlinkStatement": .text("unlink" + upper),
                    "relation": .text(field.jsonName),
                    "inverse": .text(target.field(named: inverse)?.jsonName ?? inverse),
                ]) { first, _ in first })
            }),
        ]
    }

    private func relation(_ field: Field, _ target: Entity) -> [String: TemplateValue] {
        ["route": .text(Naming.kebabCase(field.name)), "targetType": .text(target.names.type)]
    }

    func target(_ field: Field) -> Entity? {
        switch field.kind {
        case .belongsTo(let name, _), .hasMany(let name, _), .manyToMany(let name, _, _): schema.entity(named: name)
        default: nil
        }
    }

    /// Fields a list can filter and sort on: stored, visible, and neither JSON, a password nor a file.
    private func isListable(_ field: Field) -> Bool {
        field.isStored && !field.isHidden && !field.isOpaque
    }

    private func filterKind(_ field: Field) -> String {
        if case .enumeration(let name) = field.kind {
            let cases = schema.enumType(named: name)?.cases ?? []
            return ".enumeration([" + cases.map { "\"\($0)\"" }.joined(separator: ", ") + "])"
        }
        switch ColumnType(field.kind) {
        case .text: return ".text"
        case .integer, .sequence: return ".integer"
        case .double: return ".double"
        case .decimal: return ".decimal"
        case .bool: return ".bool"
        case .uuid: return ".uuid"
        case .date: return ".date"
        case .timestamp: return ".timestamp"
        case .json, .file: return ".text"
        }
    }

    private func createRead(_ field: Field) -> String {
        schema.isCaseFoldedIdentity(field, of: entity) ? plainCreateRead(field) + ".map(IdentityFolding.fold)" : plainCreateRead(field)
    }

    private func plainCreateRead(_ field: Field) -> String {
        let type = SwiftCode.baseType(field.kind)
        if field.isOwner {
            return "input.required(\"\(field.jsonName)\", as: \(type).self, otherwise: owner)"
        }
        if field.isOptional { return "input.optional(\"\(field.jsonName)\", as: \(type).self)" }
        if let value = SwiftCode.defaultValue(field) {
            return "input.ifSent(\"\(field.jsonName)\", as: \(type).self) ?? \(value)"
        }
        return "input.required(\"\(field.jsonName)\", as: \(type).self)"
    }

    private func patchRead(_ field: Field) -> String {
        let type = SwiftCode.baseType(field.kind)
        let folded = schema.isCaseFoldedIdentity(field, of: entity)
        return field.isOptional
            ? "input.optionalChange(\"\(field.jsonName)\", as: \(type).self)" + (folded ? ".map { $0.map(IdentityFolding.fold) }" : "")
            : "input.ifSent(\"\(field.jsonName)\", as: \(type).self)" + (folded ? ".map(IdentityFolding.fold)" : "")
    }

    /// The value a new row's field takes: the client's, else its default.
    private func createValue(_ field: Field) -> String {
        if !field.isReadOnly { return "self." + field.swiftName }
        return SwiftCode.defaultValue(field) ?? "nil"
    }

    /// One `validator` call per rule, then the `@@check`s.
    private func validations() -> [String] {
        var lines: [String] = []
        for field in record where field.kind != .scalar(.password) {
            let name = field.swiftName
            let json = "\"\(field.jsonName)\""
            if let length = field.length {
                lines.append("validator.length(\(name), \(json), min: \(length.minimum.map(String.init) ?? "nil"), max: \(length.maximum.map(String.init) ?? "nil"))")
            }
            if let range = field.range {
                let minimum = range.minimum.map { SwiftCode.number($0, as: field.kind) } ?? "nil"
                let maximum = range.maximum.map { SwiftCode.number($0, as: field.kind) } ?? "nil"
                lines.append("validator.range(\(name), \(json), min: \(minimum), max: \(maximum))")
            }
            if field.pattern != nil {
                lines.append("validator.pattern(\(name), \(json), Self.\(field.name)Pattern)")
            }
            if field.isEmail { lines.append("validator.email(\(name), \(json))") }
            if field.isURL { lines.append("validator.url(\(name), \(json))") }
            if field.kind == .scalar(.file), !field.isOptional {
                lines.append("if \(name) == nil { validator.add(\(json), \"required\", \"is required: upload it in a multipart/form-data part named \(field.jsonName)\") }")
            }
        }
        let writer = CheckWriter(entity: entity, schema: schema)
        for check in entity.checks {
            let field = writer.firstField(check.condition) ?? ""
            lines.append("validator.check(\(writer.swift(check.condition)), \"\(field)\", \(SwiftCode.stringLiteral(check.message)))")
        }
        return lines
    }

    /// `static let` declarations of the compiled patterns.
    private func patterns() -> [TemplateValue] {
        record.compactMap { field in
            guard let pattern = field.pattern else { return nil }
            return .object(["name": .text(field.name), "literal": .text(SwiftCode.stringLiteral(pattern))])
        }
    }

    private func items(_ fields: [Field], _ make: (Int, Field) -> [String: TemplateValue]) -> TemplateValue {
        .list(fields.enumerated().map { index, field in
            var object = make(index, field)
            object["last"] = .flag(index == fields.count - 1)
            return .object(object)
        })
    }
}

extension Entity {
    /// The path of the entity's routes without its leading `/` (`order-items`).
    var routePath: String { String(names.route.drop { $0 == "/" }) }

    /// The entity's name in words, for messages and docs (`order item`).
    var displayName: String { Naming.words(name).joined(separator: " ").lowercased() }

    /// The display name with its article (`an order item`).
    var aDisplayName: String { Naming.withArticle(displayName) }

    /// A column with its table, quoted: `"products"."price"`.
    func qualified(_ column: String) -> String {
        SQLDialect.quote(names.table) + "." + SQLDialect.quote(column)
    }
}
