/// Compiles `allow` rules into Swift that decides, for one caller, what an operation may touch:
/// everything (`.all`), nothing (`.none`), or the rows a SQL condition selects (`.rows`).
///
/// What the caller alone decides (`authenticated`, `role(...)`, `auth.field` against a literal)
/// is evaluated in Swift; what depends on the row becomes SQL, with the caller's values bound
/// as parameters (`?`). Negations are pushed down to single comparisons first, so that an
/// unknown value (SQL's null, or an anonymous caller's missing fields) never grants anything.
/// Paths through belong-to relations become `EXISTS` subqueries.
struct RuleWriter {
    let entity: Entity
    let schema: Schema

    /// The Swift expression of type `Access` for the rules granting one operation (joined with
    /// "or"), over `user`, a `SignedInUser?`; `.none` when there is no rule. The operands of the
    /// outermost `||` or `&&` go on lines of their own, indented by `indent`.
    func access(_ rules: [Rule], indent: String = "    ") -> String {
        guard let first = rules.first else { return ".none" }
        let expression = rules.dropFirst().reduce(first.condition) { .or($0, $1.condition) }
        return access(expression, negated: false).render(indent: indent)
    }

    /// Generated Swift, kept as a tree until it is laid out: chains of one connective are
    /// flattened (`a || b || c`), and only nested chains get parentheses.
    private indirect enum Code {
        case atom(String)
        case chain(connective: String, [Code])

        static func join(_ connective: String, _ lhs: Code, _ rhs: Code) -> Code {
            func operands(_ code: Code) -> [Code] {
                if case .chain(connective, let items) = code { items } else { [code] }
            }
            return .chain(connective: connective, operands(lhs) + operands(rhs))
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
        }
    }

    private static func isCaller(_ operand: Operand) -> Bool {
        switch operand {
        case .auth, .authField: true
        case .field, .now, .literal: false
        }
    }

    private func access(_ expression: RuleExpression, negated: Bool) -> Code {
        switch expression {
        case .not(let inner):
            return access(inner, negated: !negated)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            var isAnd = if case .and = expression { true } else { false }
            if negated { isAnd.toggle() }
            return .join(isAnd ? "&&" : "||", access(lhs, negated: negated), access(rhs, negated: negated))
        default:
            return .atom(atom(expression, negated: negated))
        }
    }

    /// A condition that is not `!`, `&&` or `||`.
    private func atom(_ expression: RuleExpression, negated: Bool) -> String {
        switch expression {
        case .not, .and, .or:
            return access(expression, negated: negated).inline
        case .isPublic:
            return negated ? ".none" : ".all"
        case .authenticated:
            return "Access(user \(negated ? "==" : "!=") nil)"
        case .hasRole(let cases):
            let roles = "[" + cases.map { "\(schema.auth?.roleEnum ?? "").\($0)" }.joined(separator: ", ") + "]"
            let field = schema.auth?.roleField ?? "role"
            return "Access(user.map { \(negated ? "!" : "")\(roles).contains($0.record.\(field)) } ?? false)"
        case .isOwner(let field):
            return comparison(.field(FieldPath(steps: [.init(entity: entity.name, field: field)])), .equal, .auth, negated: negated)
        case .isSelf:
            return comparison(.field(FieldPath(steps: [.init(entity: entity.name, field: "id")])), .equal, .auth, negated: negated)
        case .compare(let lhs, let op, let rhs):
            return comparison(lhs, op, rhs, negated: negated)
        case .isTrue(let operand):
            return comparison(operand, .equal, .literal(.bool(!negated)), negated: false)
        }
    }

    // MARK: - Comparisons

    /// How one side of a comparison is evaluated.
    private enum Side {
        /// A column of the row, or of a row reached through belongs-to relations.
        case row(FieldPath)
        /// Known in Swift once the caller is: `swift` is its value, `binding` its `SQLValue`, `cast`
        /// what PostgreSQL needs to compare the parameter.
        case swift(swift: String, binding: String, cast: String, refersToCaller: Bool)
        /// A literal written into the SQL as it is (numbers and enum cases).
        case literal(swift: String, sql: String)
        case null
        /// `true` or `false`: in SQL a Bool column is tested as it is, or with `NOT`.
        case bool(Bool)
        /// A field of the caller's row reached through its relations: a SQL subquery.
        case callerPath(FieldPath)
    }

    private func side(_ operand: Operand, context kind: FieldKind?) -> Side {
        switch operand {
        case .field(let path):
            return .row(path)
        case .auth:
            return .swift(swift: "user.id", binding: ".uuid(user.id)", cast: "", refersToCaller: true)
        case .authField(let path):
            guard path.steps.count == 1, let field = self.field(path.steps[0]) else { return .callerPath(path) }
            let value = "user.record." + field.swiftName
            return .swift(swift: value, binding: SwiftCode.binding(value, field), cast: ColumnType(field.kind).postgresParameterCast, refersToCaller: true)
        case .now:
            if kind == .scalar(.date) {
                return .swift(swift: "CalendarDate.today()", binding: ".text(CalendarDate.today().description)", cast: "::date", refersToCaller: false)
            }
            return .swift(swift: "Timestamp.now()", binding: ".timestamp(Timestamp.now())", cast: "", refersToCaller: false)
        case .literal(let literal):
            switch literal {
            case .integer(let value):
                return .literal(swift: kind.map { SwiftCode.number(String(value), as: $0) } ?? String(value), sql: String(value))
            case .number(let text):
                return .literal(swift: kind.map { SwiftCode.number(text, as: $0) } ?? text, sql: text)
            case .enumCase(let type, let name):
                return .literal(swift: "\(type).\(name)", sql: SQLDialect.stringLiteral(name))
            case .string(let text):
                let swift = SwiftCode.stringLiteral(text)
                return .swift(swift: swift, binding: ".text(\(swift))", cast: "", refersToCaller: false)
            case .bool(let value):
                return .bool(value)
            case .null:
                return .null
            }
        }
    }

    private func comparison(_ lhs: Operand, _ op: ComparisonOperator, _ rhs: Operand, negated: Bool) -> String {
        let op = negated ? op.negation : op
        let kind = operandKind(lhs) ?? operandKind(rhs)
        let left = side(lhs, context: kind)
        let right = side(rhs, context: kind)
        switch (left, right) {
        case (.row, _), (_, .row), (.callerPath, _), (_, .callerPath):
            return sqlComparison(left, op, right)
        default:
            return swiftComparison(left, op, right)
        }
    }

    /// A comparison the caller alone decides, evaluated in Swift with SQL's rules for null.
    private func swiftComparison(_ left: Side, _ op: ComparisonOperator, _ right: Side) -> String {
        let test: String
        switch (left, right) {
        case (.null, let other), (let other, .null):
            test = "\(swiftValue(other)) \(op == .equal ? "==" : "!=") nil"
        default:
            let lhs = swiftValue(left)
            let rhs = swiftValue(right)
            switch op {
            case .equal: test = "SQLLogic.equal(\(lhs), \(rhs)) == true"
            case .notEqual: test = "SQLLogic.equal(\(lhs), \(rhs)) == false"
            default: test = "SQLLogic.compare(\(lhs), \(rhs), \(op.rawValue)) == true"
            }
        }
        return refersToCaller(left) || refersToCaller(right) ? "Access(user.map { user in \(test) } ?? false)" : "Access(\(test))"
    }

    /// A comparison that depends on the row: a SQL condition, with the caller's values bound.
    private func sqlComparison(_ left: Side, _ op: ComparisonOperator, _ right: Side) -> String {
        var joins = Joins(base: entity)
        var bindings: [String] = []
        func sql(_ side: Side) -> String {
            switch side {
            case .row(let path):
                return joins.column(of: path, in: schema)
            case .swift(_, let binding, let cast, _):
                bindings.append(binding)
                return "?" + cast
            case .literal(_, let sql):
                return sql
            case .null:
                return "NULL"
            case .bool(let value):
                bindings.append(".bool(\(value))")
                return "?"
            case .callerPath(let path):
                bindings.append(".uuid(user.id)")
                return callerSubquery(path)
            }
        }
        var condition: String
        switch (left, right) {
        case (.null, let side), (let side, .null):
            condition = sql(side) + (op == .equal ? " IS NULL" : " IS NOT NULL")
        case (.bool(let value), let side), (let side, .bool(let value)):
            condition = (op == .equal) == value ? sql(side) : "NOT " + sql(side)
        default:
            let lhs = sql(left)
            condition = "\(lhs) \(Self.sqlOperator(op)) \(sql(right))"
        }
        condition = joins.wrap(condition)
        let arguments = ([SwiftCode.stringLiteral(condition)] + bindings).joined(separator: ", ")
        let refers = refersToCaller(left) || refersToCaller(right)
        return refers ? "(user.map { user in Access(\(arguments)) } ?? .none)" : "Access(\(arguments))"
    }

    private func refersToCaller(_ side: Side) -> Bool {
        switch side {
        case .swift(_, _, _, let refers): refers
        case .callerPath: true
        case .row, .literal, .null, .bool: false
        }
    }

    private func swiftValue(_ side: Side) -> String {
        switch side {
        case .swift(let swift, _, _, _), .literal(let swift, _): swift
        case .null: "nil"
        case .bool(let value): String(value)
        case .row, .callerPath: ""
        }
    }

    /// `(SELECT "_c2"."name" FROM "users" AS "_c1" JOIN "teams" AS "_c2" ON … WHERE "_c1"."id" = ?)`
    private func callerSubquery(_ path: FieldPath) -> String {
        guard let auth = schema.auth, let authEntity = schema.entity(named: auth.entity) else { return "NULL" }
        var from = "\(SQLDialect.quote(authEntity.names.table)) AS \"_c1\""
        var alias = "_c1"
        var current = authEntity
        for (position, step) in path.steps.enumerated() {
            guard let field = current.field(named: step.field), let column = field.column else { break }
            if position == path.steps.count - 1 {
                return "(SELECT \(SQLDialect.quote(alias)).\(SQLDialect.quote(column)) FROM \(from) WHERE \"_c1\".\"id\" = ?)"
            }
            guard case .belongsTo(let target, _) = field.kind, let next = schema.entity(named: target) else { break }
            let nextAlias = "_c\(position + 2)"
            from += " JOIN \(SQLDialect.quote(next.names.table)) AS \(SQLDialect.quote(nextAlias)) ON \(SQLDialect.quote(nextAlias)).\"id\" = \(SQLDialect.quote(alias)).\(SQLDialect.quote(column))"
            alias = nextAlias
            current = next
        }
        return "NULL"
    }

    private func field(_ step: FieldPath.Step) -> Field? {
        schema.entity(named: step.entity)?.field(named: step.field)
    }

    private func operandKind(_ operand: Operand) -> FieldKind? {
        switch operand {
        case .field(let path), .authField(let path): path.steps.last.flatMap(field)?.kind
        case .auth, .now, .literal: nil
        }
    }

    private static func sqlOperator(_ op: ComparisonOperator) -> String {
        switch op {
        case .equal: "="
        case .notEqual: "<>"
        default: op.rawValue
        }
    }
}

/// The tables a condition reaches through belongs-to relations: each path's chain of rows,
/// joined inside one `EXISTS`.
private struct Joins {
    let base: Entity
    private var tables: [String] = []
    private var links: [String] = []
    /// Aliases by path prefix, so that `order.status` and `order.customer` share one join.
    private var aliases: [String: String] = [:]

    init(base: Entity) {
        self.base = base
    }

    /// The qualified column of a path's last field, joining the rows on the way.
    mutating func column(of path: FieldPath, in schema: Schema) -> String {
        var alias = base.names.table
        var entity = base
        var prefix = ""
        for (position, step) in path.steps.enumerated() {
            guard let field = entity.field(named: step.field), let column = field.column else { return "NULL" }
            if position == path.steps.count - 1 {
                return SQLDialect.quote(alias) + "." + SQLDialect.quote(column)
            }
            guard case .belongsTo(let target, _) = field.kind, let next = schema.entity(named: target) else { return "NULL" }
            prefix += step.field + "."
            if let known = aliases[prefix] {
                alias = known
            } else {
                let nextAlias = "_r\(aliases.count + 1)"
                aliases[prefix] = nextAlias
                tables.append("\(SQLDialect.quote(next.names.table)) AS \(SQLDialect.quote(nextAlias))")
                links.append("\(SQLDialect.quote(nextAlias)).\"id\" = \(SQLDialect.quote(alias)).\(SQLDialect.quote(column))")
                alias = nextAlias
            }
            entity = next
        }
        return "NULL"
    }

    /// The condition itself when it reads only the row, else an `EXISTS` over the joined rows.
    func wrap(_ condition: String) -> String {
        guard !tables.isEmpty else { return condition }
        return "EXISTS (SELECT 1 FROM \(tables.joined(separator: ", ")) WHERE \((links + [condition]).joined(separator: " AND ")))"
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
            let rules = entity.rules(for: operation)
            permissions.append(permission(name: operation.rawValue, action: "\(operation.rawValue) \(plural)", rules: rules, field: nil))
        }
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
        return fieldLists.merging(["permissions": .list(permissions)]) { first, _ in first }
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

    private func permission(name: String, action: String, rules: [Rule], field: String?) -> TemplateValue {
        let comment = rules.isEmpty
            ? "No rule: nobody may \(action)."
            : rules.map { "`" + Self.describe($0.condition) + "`" }.joined(separator: " or ")
        return .object([
            "name": .text(name),
            "action": .text(action),
            "refersToCaller": .text(rules.contains { Self.refersToCaller($0.condition) } ? "true" : "false"),
            "field": .text(field ?? ""),
            "hasField": .flag(field != nil),
            "comment": .text(comment),
            "code": .text(access(rules, indent: "            ")),
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
        }
    }

    private static func describe(_ operand: Operand) -> String {
        switch operand {
        case .field(let path): path.description
        case .auth: "auth"
        case .authField(let path): "auth." + path.description
        case .now: "now"
        case .literal(let literal):
            switch literal {
            case .integer(let value): String(value)
            case .number(let text): text
            case .string(let text): SwiftCode.stringLiteral(text)
            case .bool(let value): String(value)
            case .enumCase(_, let name): "." + name
            case .null: "nil"
            }
        }
    }
}
