import Foundation

/// The pictures and tables people read first: the schema as a Mermaid `erDiagram` (GitHub
/// renders it in Markdown) and who may do what, by entity and operation.
public struct DiagramWriter: Sendable {
    public let schema: Schema

    public init(schema: Schema) {
        self.schema = schema
    }

    /// The Mermaid source, without the Markdown fence: entities with their stored fields (keys
    /// marked `PK`, `FK`, `UK`), then one line per relation.
    public func erDiagram() -> String {
        var lines = ["erDiagram"]
        for entity in schema.entities {
            lines.append("    \(entity.name) {")
            for field in entity.fields where field.isStored {
                var keys: [String] = []
                if field.isPrimaryKey { keys.append("PK") }
                if case .belongsTo = field.kind { keys.append("FK") }
                if field.isUnique, !field.isPrimaryKey { keys.append("UK") }
                var notes: [String] = []
                if field.isOptional { notes.append("optional") }
                if field.isOwner { notes.append("owner") }
                if field.isHidden { notes.append("hidden") }
                let key = keys.isEmpty ? "" : " " + keys.joined(separator: ", ")
                let note = notes.isEmpty ? "" : " \"" + notes.joined(separator: ", ") + "\""
                lines.append("        \(Self.typeName(field.kind)) \(field.name)\(key)\(note)")
            }
            lines.append("    }")
        }
        for (index, entity) in schema.entities.enumerated() {
            for field in entity.fields {
                switch field.kind {
                case .belongsTo(let target, _):
                    // One target row (or none) has any number of these rows, or one with @unique.
                    let one = field.isOptional ? "|o" : "||"
                    let many = field.isUnique ? "o|" : "o{"
                    lines.append("    \(target) \(one)--\(many) \(entity.name) : \(field.name)")
                case .manyToMany(let target, let inverse, _):
                    // Once per pair: from the side declared first (of a pair in one entity, the
                    // field that sorts first).
                    guard let otherIndex = schema.entities.firstIndex(where: { $0.name == target }),
                          index < otherIndex || (index == otherIndex && field.name < inverse) else { continue }
                    lines.append("    \(entity.name) }o--o{ \(target) : \(field.name)")
                default:
                    continue
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown table: a row per entity, a column per operation, each cell the rules that
    /// allow it in words (and the deny rules that refuse it), then the field-level rules.
    public func permissionTable() -> String {
        let operations = RuleOperation.allCases
        var lines = [
            "| | " + operations.map(\.rawValue).joined(separator: " | ") + " |",
            "| --- |" + String(repeating: " --- |", count: operations.count),
        ]
        var fieldRules: [String] = []
        for entity in schema.entities {
            let cells = operations.map { operation in
                let allowed = entity.rules(for: operation).map { Self.words($0.condition) }
                let denied = entity.denyRules(for: operation).map { "`\($0.condition.source)`" }
                guard !allowed.isEmpty else { return "nobody" }
                return allowed.joined(separator: ", or ") + (denied.isEmpty ? "" : "; never when " + denied.joined(separator: " or "))
            }
            // A `|` in a cell, even in code, would end it.
            lines.append("| \(entity.name) | " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
            for rule in entity.rules where !rule.fields.isEmpty {
                let operations = rule.operations.map(\.rawValue).joined(separator: " and ")
                let fields = rule.fields.map { "`\(entity.name).\($0)`" }.joined(separator: ", ")
                fieldRules.append("- \(fields) on \(operations): \(Self.words(rule.condition))")
            }
        }
        if !fieldRules.isEmpty {
            lines += ["", "Fields that need more to be set:", ""] + fieldRules
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A rule's condition as a reader says it: its alternatives in words where there are words
    /// for them, the rest as the schema writes it.
    static func words(_ condition: RuleExpression) -> String {
        switch condition {
        case .or(let lhs, let rhs): words(lhs) + ", or " + words(rhs)
        case .isPublic: "anyone"
        case .authenticated: "anyone signed in"
        case .isOwner: "its owner"
        case .isSelf: "the user themselves"
        case .hasRole(let roles): "role " + roles.joined(separator: "/")
        default: "`" + condition.source + "`"
        }
    }

    /// The schema's name of a field's type; relations are their foreign key's UUID.
    private static func typeName(_ kind: FieldKind) -> String {
        switch kind {
        case .scalar(let scalar): scalar.rawValue
        case .enumeration(let name): name
        case .belongsTo, .hasMany, .manyToMany: "UUID"
        }
    }
}
