/// The schema's rules as Swift data for the generated permission property tests
/// (`Tests/AppTests/RuleSchema.swift`): entities, relations, rules, and the fields the tests give
/// random values. The tests' `RuleOracle` evaluates the rules from this data, independently of
/// the SQL `RuleWriter` generates.
struct OracleWriter {
    let schema: Schema
    /// The entities whose rows the test fixtures can create.
    let creatable: Set<String>

    func templateValue() -> [String: TemplateValue] {
        let referenced = referencedFields()
        let literals = comparedLiterals()
        return [
            "authEntity": .text(schema.auth?.entity ?? ""),
            "roleKey": .text(roleKey.map(SwiftCode.stringLiteral) ?? "nil"),
            "entities": .list(schema.entities.map { entity in entityValue(entity, referenced: referenced, literals: literals) }),
        ]
    }

    private var roleKey: String? {
        guard let auth = schema.auth, let field = auth.roleField else { return nil }
        return schema.entity(named: auth.entity)?.field(named: field)?.jsonName
    }

    private func entityValue(_ entity: Entity, referenced: Set<FieldKey>, literals: [FieldKey: [Literal]]) -> TemplateValue {
        let rules = RuleWriter(entity: entity, schema: schema)
        let unchecked = uncheckedReason(entity)
        func keys(_ operation: RuleOperation) -> String {
            let keys = rules.guardedFields(operation).map { SwiftCode.stringLiteral($0.jsonName) }
            return keys.isEmpty ? "[]" : "[" + keys.joined(separator: ", ") + "]"
        }
        return .object([
            "name": .text(entity.name),
            "route": .text(entity.routePath),
            "variable": .text(entity.names.variable),
            "canCreate": .flag(creatable.contains(entity.name)),
            "checks": .text(unchecked == nil ? "true" : "false"),
            "uncheckedReason": unchecked.map { .text($0) } ?? .flag(false),
            "fields": .list(entity.fields.compactMap(field).map { .text($0) }),
            "rules": .list(entity.rules.map { .text(rule($0, in: entity)) }),
            "guardedCreate": .text(keys(.create)),
            "guardedUpdate": .text(keys(.update)),
            "ownerKey": .text(entity.ownerField.map { SwiftCode.stringLiteral($0.jsonName) } ?? "nil"),
            "defaults": .text(defaults(entity)),
            "varied": .list(entity.fields.compactMap { varied($0, in: entity, referenced: referenced, literals: literals) }.map { .text($0) }),
        ])
    }

    /// Why the tests cannot evaluate the entity's rules, if they cannot.
    private func uncheckedReason(_ entity: Entity) -> String? {
        var reasons: [String] = []
        for rule in entity.rules {
            visit(rule.condition, in: entity) { operand in
                switch operand {
                case .now:
                    reasons.append("its rules read the current time")
                case .field(let path), .newField(let path), .authField(let path):
                    for step in path.steps {
                        guard let field = schema.entity(named: step.entity)?.field(named: step.field) else { continue }
                        if field.isHidden { reasons.append("its rules read `\(step.field)`, which responses leave out") }
                    }
                default:
                    break
                }
            }
        }
        return reasons.first
    }

    private func field(_ field: Field) -> String? {
        let name = SwiftCode.stringLiteral(field.name)
        switch field.kind {
        case .scalar, .enumeration:
            return "\(name): .value(key: \(SwiftCode.stringLiteral(field.jsonName)))"
        case .belongsTo(let target, _):
            return "\(name): .belongsTo(target: \(SwiftCode.stringLiteral(target)), key: \(SwiftCode.stringLiteral(field.jsonName)))"
        case .hasMany(let target, let inverse):
            return "\(name): .hasMany(target: \(SwiftCode.stringLiteral(target)), inverse: \(SwiftCode.stringLiteral(inverse)))"
        case .manyToMany(let target, _, _):
            return "\(name): .manyToMany(target: \(SwiftCode.stringLiteral(target)), segment: \(SwiftCode.stringLiteral(Naming.kebabCase(field.name))))"
        }
    }

    private func defaults(_ entity: Entity) -> String {
        let entries = entity.fields.compactMap { field -> String? in
            guard let value = field.defaultValue, let json = json(value) else { return nil }
            return SwiftCode.stringLiteral(field.jsonName) + ": " + json
        }
        return entries.isEmpty ? "[:]" : "[" + entries.joined(separator: ", ") + "]"
    }

    private func json(_ value: DefaultValue) -> String? {
        switch value {
        case .string(let text): ".string(\(SwiftCode.stringLiteral(text)))"
        case .integer(let number): ".integer(\(number))"
        case .number(let text): ".double(\(text))"
        case .bool(let flag): ".bool(\(flag))"
        case .enumCase(let name): ".string(\(SwiftCode.stringLiteral(name)))"
        case .now, .json: nil
        }
    }

    // MARK: - Varied fields

    private struct FieldKey: Hashable {
        let entity: String
        let field: String
    }

    /// A field the tests set at random: every reference a client writes, and the fields rules
    /// read that have few values (Bool, enumerations, those compared with literals).
    private func varied(_ field: Field, in entity: Entity, referenced: Set<FieldKey>, literals: [FieldKey: [Literal]]) -> String? {
        guard field.isStored, !field.isPrimaryKey, !field.isHidden else { return nil }
        let key = FieldKey(entity: entity.name, field: field.name)
        let isReferenced = referenced.contains(key)
        var values: [String]
        switch field.kind {
        case .belongsTo(let target, _):
            guard !field.isReadOnly || isReferenced else { return nil }
            return variedField(field, in: entity, domain: ".reference(target: \(SwiftCode.stringLiteral(target)), optional: \(field.isOptional))")
        case .scalar(.bool) where isReferenced:
            values = [".bool(true)", ".bool(false)"]
        case .enumeration(let name) where isReferenced:
            values = (schema.enumType(named: name)?.cases ?? []).map { ".string(\(SwiftCode.stringLiteral($0)))" }
        case .scalar(let scalar) where isReferenced && literals[key] != nil && !scalar.isOpaque:
            values = []
            for literal in literals[key] ?? [] {
                switch literal {
                case .integer(let number): values += [".integer(\(number - 1))", ".integer(\(number))", ".integer(\(number + 1))"]
                case .number(let text): values += [".double(\(text))"] + (Double(text).map { [".double(\($0 + 1))"] } ?? [])
                case .string(let text): values.append(".string(\(SwiftCode.stringLiteral(text)))")
                default: break
                }
            }
            var seen: Set<String> = []
            values = values.filter { seen.insert($0).inserted }
        default:
            return nil
        }
        if field.isOptional { values.append(".null") }
        guard !values.isEmpty else { return nil }
        return variedField(field, in: entity, domain: ".values([" + values.joined(separator: ", ") + "])")
    }

    private func variedField(_ field: Field, in entity: Entity, domain: String) -> String {
        var text = "VariedField(key: \(SwiftCode.stringLiteral(field.jsonName)), domain: \(domain), statement: "
        if field.isReadOnly, let column = field.column {
            let update = "UPDATE \"\(entity.names.table)\" SET \"\(column)\" = "
            text += "SQL(sqlite: #\"\(update)?1 WHERE \"id\" = ?2\"#, postgres: #\"\(update)$1 WHERE \"id\" = $2\"#))"
        } else {
            text += "nil)"
        }
        return text
    }

    /// Every field a rule reads, on the way of a path or at its end.
    private func referencedFields() -> Set<FieldKey> {
        var keys: Set<FieldKey> = []
        for entity in schema.entities {
            for rule in entity.rules {
                visit(rule.condition, in: entity) { operand in
                    switch operand {
                    case .field(let path), .newField(let path), .authField(let path), .count(let path, _):
                        keys.formUnion(path.steps.map { FieldKey(entity: $0.entity, field: $0.field) })
                    default:
                        break
                    }
                }
            }
        }
        return keys
    }

    /// The literals each field is compared with.
    private func comparedLiterals() -> [FieldKey: [Literal]] {
        var result: [FieldKey: [Literal]] = [:]
        func collect(_ expression: RuleExpression) {
            switch expression {
            case .not(let inner): collect(inner)
            case .and(let lhs, let rhs), .or(let lhs, let rhs): collect(lhs); collect(rhs)
            case .compare(let lhs, _, let rhs):
                for (side, other) in [(lhs, rhs), (rhs, lhs)] {
                    guard case .literal(let literal) = other else { continue }
                    switch side {
                    case .field(let path), .newField(let path), .authField(let path):
                        if let last = path.steps.last { result[FieldKey(entity: last.entity, field: last.field), default: []].append(literal) }
                    default: break
                    }
                }
            case .collection(let predicate): predicate.condition.map(collect)
            default: break
            }
        }
        for entity in schema.entities {
            for rule in entity.rules { collect(rule.condition) }
        }
        return result
    }

    /// Calls `body` with every operand of the expression (of `entity`), inside lists and counts
    /// too; `owner` and `role(…)` as the fields they read.
    private func visit(_ expression: RuleExpression, in entity: Entity, _ body: (Operand) -> Void) {
        switch expression {
        case .not(let inner):
            visit(inner, in: entity, body)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            visit(lhs, in: entity, body)
            visit(rhs, in: entity, body)
        case .compare(let lhs, _, let rhs):
            for operand in [lhs, rhs] {
                body(operand)
                if case .count(let path, let condition?) = operand, let target = listEntity(path) { visit(condition, in: target, body) }
            }
        case .isTrue(let operand):
            body(operand)
        case .collection(let predicate):
            body(.count(predicate.path, nil))
            if let condition = predicate.condition, let target = listEntity(predicate.path) { visit(condition, in: target, body) }
        case .isOwner(let field):
            body(.field(FieldPath(steps: [.init(entity: entity.name, field: field)])))
        case .hasRole:
            guard let auth = schema.auth, let role = auth.roleField else { return }
            body(.authField(FieldPath(steps: [.init(entity: auth.entity, field: role)])))
        case .isPublic, .authenticated, .isSelf:
            break
        }
    }

    private func listEntity(_ path: FieldPath) -> Entity? {
        guard let last = path.steps.last, let field = schema.entity(named: last.entity)?.field(named: last.field) else { return nil }
        switch field.kind {
        case .hasMany(let target, _), .manyToMany(let target, _, _): return schema.entity(named: target)
        default: return nil
        }
    }

    // MARK: - Rules

    private func rule(_ rule: Rule, in entity: Entity) -> String {
        let operations = "[" + rule.operations.map { "." + $0.rawValue }.joined(separator: ", ") + "]"
        var text = "OracleRule(\(operations)"
        if !rule.fields.isEmpty {
            let keys = rule.fields.compactMap { entity.field(named: $0)?.jsonName }.map(SwiftCode.stringLiteral)
            text += ", fields: [" + keys.joined(separator: ", ") + "]"
        }
        if rule.isDeny { text += ", deny: true" }
        return text + ", " + term(rule.condition) + ")"
    }

    private func term(_ expression: RuleExpression) -> String {
        switch expression {
        case .isPublic: ".isPublic"
        case .authenticated: ".authenticated"
        case .isOwner(let field): ".compare(.field([\(SwiftCode.stringLiteral(field))]), .equal, .auth)"
        case .isSelf: ".compare(.field([\"id\"]), .equal, .auth)"
        case .hasRole(let cases): ".role([" + cases.map(SwiftCode.stringLiteral).joined(separator: ", ") + "])"
        case .not(let inner): ".not(\(term(inner)))"
        case .and(let lhs, let rhs): ".and(\(term(lhs)), \(term(rhs)))"
        case .or(let lhs, let rhs): ".or(\(term(lhs)), \(term(rhs)))"
        case .compare(let lhs, let op, let rhs): ".compare(\(value(lhs)), .\(comparison(op)), \(value(rhs)))"
        case .isTrue(let operand): ".isTrue(\(value(operand)))"
        case .collection(let predicate):
            switch predicate.quantifier {
            case .any: ".any(\(path(predicate.path)), \(predicate.condition.map(term) ?? "nil"))"
            case .all: ".all(\(path(predicate.path)), \(predicate.condition.map(term) ?? ".isPublic"))"
            }
        }
    }

    private func value(_ operand: Operand) -> String {
        switch operand {
        case .field(let path): ".field(\(self.path(path)))"
        case .newField(let path): ".field(\(self.path(path)), new: true)"
        case .auth: ".auth"
        case .authField(let path): ".authField(\(self.path(path)))"
        case .count(let path, let condition): ".count(\(self.path(path)), \(condition.map(term) ?? "nil"))"
        // Entities whose rules read the time are not checked; this keeps the data complete.
        case .now: ".literal(.null)"
        case .literal(let literal):
            switch literal {
            case .integer(let number): ".literal(.integer(\(number)))"
            case .number(let text): ".literal(.double(\(text)))"
            case .string(let text): ".literal(.string(\(SwiftCode.stringLiteral(text))))"
            case .bool(let flag): ".literal(.bool(\(flag)))"
            case .enumCase(_, let name): ".literal(.string(\(SwiftCode.stringLiteral(name))))"
            case .null: ".literal(.null)"
            }
        }
    }

    private func path(_ path: FieldPath) -> String {
        "[" + path.steps.map { SwiftCode.stringLiteral($0.field) }.joined(separator: ", ") + "]"
    }

    private func comparison(_ op: ComparisonOperator) -> String {
        switch op {
        case .equal: "equal"
        case .notEqual: "notEqual"
        case .less: "less"
        case .lessOrEqual: "lessOrEqual"
        case .greater: "greater"
        case .greaterOrEqual: "greaterOrEqual"
        }
    }
}
