/// Compiles `allow` and `deny` rules into Swift that decides, for one caller, what an operation
/// may touch: everything (`.all`), nothing (`.none`), or the rows a SQL condition selects (`.rows`).
///
/// What the caller alone decides (`authenticated`, `role(...)`, `auth.field` against a literal)
/// is evaluated in Swift; what depends on the row becomes SQL (`RuleSQL`), with the caller's
/// values bound as parameters (`?`). Negations are pushed down to single comparisons first, so
/// that an unknown value (SQL's null, or an anonymous caller's missing fields) never grants
/// anything. A `deny` rule refuses where its condition holds: where it is unknown, it refuses
/// nothing.
struct RuleWriter {
    let entity: Entity
    let schema: Schema

    /// The Swift expression of type `Access` for the rules of one operation: the `allow` rules
    /// joined with "or", less the `deny` rules; over `user`, a `SignedInUser?`; `.none` when
    /// nothing allows it. The operands of the outermost `||` or `&&` go on lines of their own,
    /// indented by `indent`.
    ///
    /// Update rules may read `new.field`, the values an update sends (in `new`, by field name).
    /// With `exact` false they are written for finding the row before those values are known:
    /// a condition on them then holds, and the exact form decides once they are.
    func access(_ rules: [Rule], deny: [Rule] = [], exact: Bool = false, indent: String = "    ") -> String {
        guard let first = rules.first else { return ".none" }
        let mode = Mode(exact: exact)
        let allowed = rules.dropFirst().reduce(first.condition) { .or($0, $1.condition) }
        var code = access(allowed, negated: false, lenient: false, mode)
        if let firstDeny = deny.first {
            let denied = deny.dropFirst().reduce(firstDeny.condition) { .or($0, $1.condition) }
            code = .join("&&", code, access(denied, negated: true, lenient: true, mode))
        }
        return code.render(indent: indent)
    }

    /// Whether conditions on an update's new values are written (`exact`) or taken to hold.
    private struct Mode {
        let exact: Bool
    }

    /// Whether a condition reads the values an update sends.
    static func readsNewValues(_ expression: RuleExpression) -> Bool {
        switch expression {
        case .isPublic, .authenticated, .isOwner, .isSelf, .hasRole: false
        case .not(let inner): readsNewValues(inner)
        case .and(let lhs, let rhs), .or(let lhs, let rhs): readsNewValues(lhs) || readsNewValues(rhs)
        case .compare(let lhs, _, let rhs): isNew(lhs) || isNew(rhs)
        case .isTrue(let operand): isNew(operand)
        case .collection(let predicate): predicate.condition.map(readsNewValues) ?? false
        }
    }

    private static func isNew(_ operand: Operand) -> Bool {
        switch operand {
        case .newField: true
        case .count(_, let condition): condition.map(readsNewValues) ?? false
        case .field, .auth, .authField, .now, .literal: false
        }
    }

    /// Generated Swift, kept as a tree until it is laid out: chains of one connective are
    /// flattened (`a || b || c`), and only nested chains get parentheses.
    private indirect enum Code {
        case atom(String)
        case chain(connective: String, [Code])

        /// `a && b` or `a || b`, leaving out what changes nothing (`.all` in `&&`, `.none` in `||`).
        static func join(_ connective: String, _ lhs: Code, _ rhs: Code) -> Code {
            let neutral = connective == "&&" ? ".all" : ".none"
            func operands(_ code: Code) -> [Code] {
                if case .chain(connective, let items) = code { return items }
                if case .atom(neutral) = code { return [] }
                return [code]
            }
            let items = operands(lhs) + operands(rhs)
            if items.isEmpty { return .atom(neutral) }
            return items.count == 1 ? items[0] : .chain(connective: connective, items)
        }

        var inline: String {
            switch self {
            case .atom(let text): text
            case .chain(let connective, let items): "(" + items.map(\.inline).joined(separator: " \(connective) ") + ")"
            }
        }

        func render(indent: String) -> String {
            switch self {
            case .atom(let text): text
            case .chain(let connective, let items):
                items.map(\.inline).joined(separator: "\n" + indent + connective + " ")
            }
        }
    }

    /// Whether a condition refers to the caller, so that refusing an anonymous caller means 401.
    static func refersToCaller(_ expression: RuleExpression) -> Bool {
        switch expression {
        case .isPublic: false
        case .authenticated, .isOwner, .isSelf, .hasRole: true
        case .not(let inner): refersToCaller(inner)
        case .and(let lhs, let rhs), .or(let lhs, let rhs): refersToCaller(lhs) || refersToCaller(rhs)
        case .compare(let lhs, _, let rhs): isCaller(lhs) || isCaller(rhs)
        case .isTrue(let operand): isCaller(operand)
        case .collection(let predicate): predicate.condition.map(refersToCaller) ?? false
        }
    }

    private static func isCaller(_ operand: Operand) -> Bool {
        switch operand {
        case .auth, .authField: true
        case .count(_, let condition): condition.map(refersToCaller) ?? false
        case .field, .now, .literal, .newField: false
        }
    }

    /// `lenient`: holds unless the condition is definitely false (for what a `deny` leaves).
    private func access(_ expression: RuleExpression, negated: Bool, lenient: Bool, _ mode: Mode) -> Code {
        switch expression {
        case .not(let inner):
            return access(inner, negated: !negated, lenient: lenient, mode)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            var isAnd = if case .and = expression { true } else { false }
            if negated { isAnd.toggle() }
            return .join(isAnd ? "&&" : "||", access(lhs, negated: negated, lenient: lenient, mode),
                         access(rhs, negated: negated, lenient: lenient, mode))
        default:
            return .atom(atom(expression, negated: negated, lenient: lenient, mode))
        }
    }

    /// A condition that is not `!`, `&&` or `||`.
    private func atom(_ expression: RuleExpression, negated: Bool, lenient: Bool, _ mode: Mode) -> String {
        // What an anonymous caller gets where the condition needs a signed-in one: unknown.
        let unknown = lenient ? "true" : "false"
        if !mode.exact, Self.readsNewValues(expression) { return ".all" }
        switch expression {
        case .not, .and, .or:
            return access(expression, negated: negated, lenient: lenient, mode).inline
        case .isPublic:
            return negated ? ".none" : ".all"
        case .authenticated:
            return "Access(user \(negated ? "==" : "!=") nil)"
        case .hasRole(let cases):
            let roles = "[" + cases.map { "\(schema.auth?.roleEnum ?? "").\($0)" }.joined(separator: ", ") + "]"
            let field = schema.auth?.roleField ?? "role"
            return "Access(user.map { \(negated ? "!" : "")\(roles).contains($0.record.\(field)) } ?? \(unknown))"
        case .compare(let lhs, let op, let rhs) where isSwiftOnly(lhs) && isSwiftOnly(rhs):
            return swiftComparison(lhs, negated ? op.negation : op, rhs, lenient: lenient)
        case .isTrue(let operand) where isSwiftOnly(operand):
            return swiftComparison(operand, .equal, .literal(.bool(!negated)), lenient: lenient)
        case .isOwner, .isSelf, .compare, .isTrue, .collection:
            var writer = RuleSQL(schema: schema)
            let condition = writer.condition(expression, in: RuleSQL.Scope(entity: entity, alias: entity.names.table),
                                             negated: negated, lenient: lenient)
            let arguments = ([SwiftCode.stringLiteral(condition)] + writer.bindings).joined(separator: ", ")
            guard Self.refersToCaller(expression) else { return "Access(\(arguments))" }
            return "(user.map { user in Access(\(arguments)) } ?? \(lenient ? ".all" : ".none"))"
        }
    }

    /// Whether Swift knows the operand once it knows the caller (not the row).
    private func isSwiftOnly(_ operand: Operand) -> Bool {
        switch operand {
        case .field, .count, .newField: false
        case .authField(let path): path.steps.count == 1
        case .auth, .now, .literal: true
        }
    }

    // MARK: - Comparisons in Swift

    /// A comparison the caller alone decides, evaluated in Swift with SQL's rules for null;
    /// `lenient` turns an unknown result into a pass.
    private func swiftComparison(_ lhs: Operand, _ op: ComparisonOperator, _ rhs: Operand, lenient: Bool) -> String {
        let kind = operandKind(lhs) ?? operandKind(rhs)
        let left = swiftValue(lhs, context: kind)
        let right = swiftValue(rhs, context: kind)
        let test: String
        if left == nil || right == nil {
            test = "\(left ?? right ?? "nil") \(op == .equal ? "==" : "!=") nil"
        } else if let left, let right {
            let (yes, no) = lenient ? ("!= false", "!= true") : ("== true", "== false")
            switch op {
            case .equal: test = "SQLLogic.equal(\(left), \(right)) \(yes)"
            case .notEqual: test = "SQLLogic.equal(\(left), \(right)) \(no)"
            default: test = "SQLLogic.compare(\(left), \(right), \(op.rawValue)) \(yes)"
            }
        } else {
            test = ""
        }
        let refers = Self.isCaller(lhs) || Self.isCaller(rhs)
        return refers ? "Access(user.map { user in \(test) } ?? \(lenient ? "true" : "false"))" : "Access(\(test))"
    }

    /// The Swift value of an operand; `nil` for the literal `nil`.
    private func swiftValue(_ operand: Operand, context kind: FieldKind?) -> String? {
        switch operand {
        case .auth:
            return "user.id"
        case .authField(let path):
            return path.steps.first.flatMap(field).map { "user.record." + $0.swiftName } ?? ""
        case .now:
            return kind == .scalar(.date) ? "CalendarDate.today()" : "Timestamp.now()"
        case .literal(let literal):
            switch literal {
            case .integer(let value): return kind.map { SwiftCode.number(String(value), as: $0) } ?? String(value)
            case .number(let text): return kind.map { SwiftCode.number(text, as: $0) } ?? text
            case .enumCase(let type, let name): return "\(type).\(ReservedNames.swiftIdentifier(name))"
            case .string(let text): return SwiftCode.stringLiteral(text)
            case .bool(let value): return String(value)
            case .null: return nil
            }
        case .field, .count, .newField:
            return ""
        }
    }

    private func field(_ step: FieldPath.Step) -> Field? {
        schema.entity(named: step.entity)?.field(named: step.field)
    }

    private func operandKind(_ operand: Operand) -> FieldKind? {
        switch operand {
        case .field(let path), .authField(let path), .newField(let path): path.steps.last.flatMap(field)?.kind
        case .count: .scalar(.int)
        case .auth, .now, .literal: nil
        }
    }
}

extension ComparisonOperator {
    /// The operator that holds exactly when this one does not, for two non-null values.
    var negation: ComparisonOperator {
        switch self {
        case .equal: .notEqual
        case .notEqual: .equal
        case .less: .greaterOrEqual
        case .lessOrEqual: .greater
        case .greater: .lessOrEqual
        case .greaterOrEqual: .less
        }
    }
}

extension RuleWriter {
    /// The values of `EntityPermissions.swift`: one `Permission` per operation, and one per
    /// guarded field of a create or an update.
    func templateValue() -> [String: TemplateValue] {
        let plural = Naming.plural(entity.displayName)
        var permissions: [TemplateValue] = []
        for operation in RuleOperation.allCases {
            permissions.append(permission(name: operation.rawValue, action: "\(operation.rawValue) \(plural)",
                                          rules: entity.rules(for: operation), deny: entity.denyRules(for: operation), field: nil))
        }
        let readsNewValues = entity.rules.contains { $0.operations.contains(.update) && Self.readsNewValues($0.condition) }
        var fieldLists: [String: TemplateValue] = [:]
        for operation in [RuleOperation.create, .update] {
            var entries: [TemplateValue] = []
            for field in guardedFields(operation) {
                let rules = entity.rules.filter { $0.operations.contains(operation) && $0.fields.contains(field.name) }
                let name = operation.rawValue + Naming.upperCamelCase(field.name)
                let words = Naming.words(field.name).joined(separator: " ").lowercased()
                permissions.append(permission(name: name, action: "set the \(words) of \(plural)", rules: rules, field: field.jsonName))
                entries.append(.object(["jsonName": .text(field.jsonName), "name": .text(name)]))
            }
            fieldLists[operation.rawValue + "Fields"] = .list(entries)
            fieldLists["has" + Naming.upperCamelCase(operation.rawValue) + "Fields"] = .flag(!entries.isEmpty)
        }
        return fieldLists.merging(["permissions": .list(permissions), "updateReadsNewValues": .flag(readsNewValues)]) { first, _ in first }
    }

    /// Fields a caller may write only where a field-level rule allows it: those with such rules,
    /// the role field, the owner (on create, a new row's owner may always be the caller) and,
    /// on update, passwords.
    func guardedFields(_ operation: RuleOperation) -> [Field] {
        entity.fields.filter { field in
            guard field.isStored, !field.isReadOnly, !field.isPrimaryKey else { return false }
            if entity.rules.contains(where: { $0.operations.contains(operation) && $0.fields.contains(field.name) }) { return true }
            if let auth = schema.auth, auth.entity == entity.name, auth.roleField == field.name { return true }
            if field.isOwner { return true }
            return operation == .update && field.kind == .scalar(.password)
        }
    }

    private func permission(name: String, action: String, rules: [Rule], deny: [Rule] = [], field: String?) -> TemplateValue {
        var comment = rules.isEmpty
            ? "No rule: nobody may \(action)."
            : rules.map { "`" + Self.describe($0.condition) + "`" }.joined(separator: " or ")
        if !rules.isEmpty, !deny.isEmpty {
            comment += ", unless " + deny.map { "`" + Self.describe($0.condition) + "`" }.joined(separator: " or ")
        }
        let readsNew = (rules + deny).contains { Self.readsNewValues($0.condition) }
        return .object([
            "name": .text(name),
            "action": .text(action),
            "refersToCaller": .text((rules + deny).contains { Self.refersToCaller($0.condition) } ? "true" : "false"),
            "field": .text(field ?? ""),
            "hasField": .flag(field != nil),
            "comment": .text(comment),
            "code": .text(access(rules, deny: deny, indent: "            ")),
            "exact": readsNew ? .object(["code": .text(access(rules, deny: deny, exact: true, indent: "            "))]) : .flag(false),
        ])
    }

    /// The condition as a schema would write it, for doc comments.
    static func describe(_ expression: RuleExpression, parentIsAnd: Bool = false) -> String {
        switch expression {
        case .isPublic: return "public"
        case .authenticated: return "authenticated"
        case .isOwner: return "owner"
        case .isSelf: return "self"
        case .hasRole(let cases): return "role(\(cases.joined(separator: ", ")))"
        case .not(let inner):
            let text = describe(inner)
            switch inner {
            case .and, .or, .compare: return "!(\(text))"
            default: return "!" + text
            }
        case .and(let lhs, let rhs):
            return describe(lhs, parentIsAnd: true) + " && " + describe(rhs, parentIsAnd: true)
        case .or(let lhs, let rhs):
            let text = describe(lhs) + " || " + describe(rhs)
            return parentIsAnd ? "(\(text))" : text
        case .compare(let lhs, let op, let rhs):
            return describe(lhs) + " \(op.rawValue) " + describe(rhs)
        case .isTrue(let operand):
            return describe(operand)
        case .collection(let predicate):
            return predicate.path.description + "." + predicate.quantifier.rawValue
                + "(" + (predicate.condition.map { describe($0) } ?? "") + ")"
        }
    }

    private static func describe(_ operand: Operand) -> String {
        switch operand {
        case .field(let path): path.description
        case .auth: "auth"
        case .authField(let path): "auth." + path.description
        case .now: "now"
        case .newField(let path): "new." + path.description
        case .count(let path, let condition): path.description + ".count(" + (condition.map { describe($0) } ?? "") + ")"
        case .literal(let literal): literal.text
        }
    }
}
