/// Writes the statements of one entity for both dialects.
struct QueryWriter {
    let context: EntityContext

    struct Statement {
        var name: String
        var doc: String
        var sqlite: String
        var postgres: String
    }

    func statements() -> [Statement] {
        let entity = context.entity
        let table = SQLDialect.quote(entity.names.table)
        let output = context.output
        let record = context.record
        let stored = context.stored
        func selectList(_ fields: [Field], _ dialect: SQLDialect) -> String {
            entity.selectList(fields, dialect)
        }
        func returningList(_ dialect: SQLDialect) -> String {
            output.map { dialect.selectExpression(SQLDialect.quote($0.column!), ColumnType($0.kind)) }.joined(separator: ", ")
        }
        var result = [
            both("select", "The visible columns of every row; the list route appends filters, order and paging.") { dialect in
                "SELECT \(selectList(output, dialect)) FROM \(table)"
            },
            both("find", "One row by id.") { dialect in
                "SELECT \(selectList(output, dialect)) FROM \(table) WHERE \(entity.qualified("id")) = \(dialect.placeholder(1, for: .uuid))"
            },
            both("selectRecord", "Every column but the id, to validate a partial update against the whole row.") { dialect in
                "SELECT \(selectList(record, dialect)) FROM \(table) WHERE \(entity.qualified("id")) = \(dialect.placeholder(1, for: .uuid))"
            },
            both("newRow", "A row of the values of an insert or update, to check a rule against before writing them.") { dialect in
                let values = stored.enumerated().map { index, field in
                    let type = ColumnType(field.kind)
                    let placeholder = dialect.placeholder(index + 1, for: type)
                    let value = switch dialect {
                    // A value bound to SQLite has no column affinity: decimals travel as text.
                    case .sqlite: type == .decimal ? "CAST(\(placeholder) AS NUMERIC)" : placeholder
                    case .postgres: "$\(index + 1)::\(dialect.columnType(type))"
                    }
                    return "\(value) AS \(SQLDialect.quote(field.column!))"
                }
                return "SELECT 1 FROM (SELECT \(values.joined(separator: ", "))) AS \(table)"
            },
            both("insert", "Inserts a row: the id, then the record's columns in order.") { dialect in
                let columns = ["\"id\""] + record.map { SQLDialect.quote($0.column!) }
                let placeholders = [dialect.placeholder(1, for: .uuid)]
                    + record.enumerated().map { dialect.placeholder($0.offset + 2, for: ColumnType($0.element.kind)) }
                return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", "))) RETURNING \(returningList(dialect))"
            },
            both("update", "Writes every column of the record to the row with the id.") { dialect in
                let assignments = record.enumerated().map { index, field in
                    "\(SQLDialect.quote(field.column!)) = \(dialect.placeholder(index + 2, for: ColumnType(field.kind)))"
                }
                return "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE \"id\" = \(dialect.placeholder(1, for: .uuid)) RETURNING \(returningList(dialect))"
            },
            both("delete", "Deletes the row with the id; the route appends the rule's condition and `RETURNING`.") { dialect in
                "DELETE FROM \(table) WHERE \(entity.qualified("id")) = \(dialect.placeholder(1, for: .uuid))"
            },
            both("exists", "Whether a row with the id exists.") { dialect in
                "SELECT 1 FROM \(table) WHERE \(entity.qualified("id")) = \(dialect.placeholder(1, for: .uuid))"
            },
        ]
        if let auth = context.schema.auth, auth.entity == entity.name,
           let identity = entity.field(named: auth.identityField)?.column, let password = entity.field(named: auth.passwordField)?.column {
            result.append(both("selectCredentials", "The id and password hash of the user with an identity, to sign in.") { dialect in
                "SELECT \"id\", \(SQLDialect.quote(password)) FROM \(table) WHERE \(SQLDialect.quote(identity)) = \(dialect.placeholder(1, for: .text))"
            })
            let caller = "The signed-in user's row as rules and hooks see it, read on every request with a token; password hashes stay unread."
            result.append(both("selectCaller", caller) { dialect in
                let columns = record.map { field in
                    field.kind == .scalar(.password)
                        ? "'' AS \(SQLDialect.quote(field.column!))"
                        : dialect.selectExpression(entity.qualified(field.column!), ColumnType(field.kind))
                }
                return "SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE \(entity.qualified("id")) = \(dialect.placeholder(1, for: .uuid))"
            })
        }
        // Rows of this entity that belong to one parent, for the parent's has-many routes.
        for field in entity.fields {
            guard case .belongsTo = field.kind, isListedByParent(field) else { continue }
            result.append(both("selectBy" + Naming.upperCamelCase(field.name),
                               "The rows whose `\(field.name)` is the id; the route appends filters, order and paging.") { dialect in
                "SELECT \(selectList(output, dialect)) FROM \(table) WHERE \(entity.qualified(field.column!)) = \(dialect.placeholder(1, for: .uuid))"
            })
        }
        for field in entity.fields {
            guard case .manyToMany(let targetName, _, let join) = field.kind,
                  let target = context.schema.entity(named: targetName) else { continue }
            let targetOutput = target.fields.filter { $0.isStored && !$0.isHidden }
            let joinTable = SQLDialect.quote(join.name)
            let own = SQLDialect.quote(join.ownColumn)
            let other = SQLDialect.quote(join.otherColumn)
            let upper = Naming.upperCamelCase(field.name)
            result.append(both("select" + upper, "The \(target.names.type) rows linked to the id through `\(join.name)`.") { dialect in
                "SELECT \(target.selectList(targetOutput, dialect)) FROM \(SQLDialect.quote(target.names.table)) "
                    + "JOIN \(joinTable) ON \(joinTable).\(other) = \(target.qualified("id")) "
                    + "WHERE \(joinTable).\(own) = \(dialect.placeholder(1, for: .uuid))"
            })
            result.append(both("link" + upper, "Links the id to \(Naming.withArticle(target.names.type)); linking twice changes nothing (and returns no row).") { dialect in
                "INSERT INTO \(joinTable) (\(own), \(other)) VALUES (\(dialect.placeholder(1, for: .uuid)), \(dialect.placeholder(2, for: .uuid))) ON CONFLICT DO NOTHING RETURNING \(own)"
            })
            result.append(both("unlink" + upper, "Unlinks the id from \(Naming.withArticle(target.names.type)).") { dialect in
                "DELETE FROM \(joinTable) WHERE \(own) = \(dialect.placeholder(1, for: .uuid)) AND \(other) = \(dialect.placeholder(2, for: .uuid)) RETURNING \(own)"
            })
        }
        return result
    }

    /// Whether some has-many field of the parent lists rows through this belongs-to field.
    private func isListedByParent(_ field: Field) -> Bool {
        guard let parent = context.target(field) else { return false }
        return parent.fields.contains { candidate in
            if case .hasMany(let child, let inverse) = candidate.kind { child == context.entity.name && inverse == field.name } else { false }
        }
    }

    /// For each `File` column of the rows a delete of one of this entity's rows removes by
    /// cascade (through `@onDelete(cascade)` relations, to any depth but not around a cycle): a
    /// statement selecting its values, for their contents to be removed once the delete commits.
    /// What a cycle reaches (a tree of rows of one entity) is left to the sweep.
    func cascadedFiles() -> [Statement] {
        var result: [Statement] = []
        func descend(from parent: Entity, rows: @escaping (SQLDialect) -> String, path: Set<String>) {
            for child in context.schema.entities where !path.contains(child.name) {
                for field in child.fields {
                    guard case .belongsTo(let target, .cascade) = field.kind, target == parent.name, let column = field.column else { continue }
                    let table = SQLDialect.quote(child.names.table)
                    let condition = { (dialect: SQLDialect) in "\(child.qualified(column)) \(rows(dialect))" }
                    for file in child.fileFields {
                        let selected = child.qualified(file.column ?? file.name)
                        result.append(both("", "") { dialect in
                            "SELECT \(dialect.selectExpression(selected, .file)) FROM \(table) WHERE \(condition(dialect)) AND \(selected) IS NOT NULL"
                        })
                    }
                    descend(from: child, rows: { dialect in "IN (SELECT \(child.qualified("id")) FROM \(table) WHERE \(condition(dialect)))" },
                            path: path.union([child.name]))
                }
            }
        }
        descend(from: context.entity, rows: { dialect in "= \(dialect.placeholder(1, for: .uuid))" }, path: [context.entity.name])
        return result
    }

    private func both(_ name: String, _ doc: String, _ sql: (SQLDialect) -> String) -> Statement {
        Statement(name: name, doc: doc, sqlite: sql(.sqlite), postgres: sql(.postgres))
    }
}

extension Entity {
    /// The columns of `fields`, qualified and read back as the server decodes them.
    func selectList(_ fields: [Field], _ dialect: SQLDialect) -> String {
        fields.map { dialect.selectExpression(qualified($0.column!), ColumnType($0.kind)) }.joined(separator: ", ")
    }
}
