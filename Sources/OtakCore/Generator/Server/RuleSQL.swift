/// Writes the part of a rule that depends on the row as one SQL condition, with the caller's
/// values as bound parameters (`?`, in the order of `bindings`).
///
/// Conditions are *strict*: they hold only where the rule is true, never where SQL's logic says
/// unknown, and negations are pushed down to single comparisons (`!(a == b)` is `a <> b`, which
/// is unknown for a null). A *lenient* condition holds unless the rule is definitely false: it is
/// what is left to a caller by a `deny` rule whose condition is unknown.
///
/// Paths through belongs-to relations join the rows on the way inside an `EXISTS`; collection
/// predicates (`members.any(…)`) become correlated `EXISTS` subqueries on the list's foreign key,
/// and `count()` a `count(*)` subquery, so that a list stays one query.
struct RuleSQL {
    let schema: Schema
    /// The Swift `SQLValue` expression of each `?`, in order.
    private(set) var bindings: [String] = []
    /// Aliases of joined rows: `_r1`, `_r2`… within one condition.
    private var aliasCount = 0

    init(schema: Schema) {
        self.schema = schema
    }

    /// The row a condition is about: the table of the operation itself (by its name), or a
    /// row of a subquery (by its alias).
    struct Scope {
        let entity: Entity
        let alias: String
    }

    // MARK: Conditions

    mutating func condition(_ expression: RuleExpression, in scope: Scope, negated: Bool, lenient: Bool = false) -> String {
        switch expression {
        case .not(let inner):
            return condition(inner, in: scope, negated: !negated, lenient: lenient)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            var isAnd = if case .and = expression { true } else { false }
            if negated { isAnd.toggle() }
            let left = condition(lhs, in: scope, negated: negated, lenient: lenient)
            let right = condition(rhs, in: scope, negated: negated, lenient: lenient)
            return "(\(left) \(isAnd ? "AND" : "OR") \(right))"
        case .isPublic:
            return negated ? "1 = 0" : "1 = 1"
        case .authenticated:
            // Only written for a signed-in caller: the atom holding it is `nil` for anyone else.
            return negated ? "1 = 0" : "1 = 1"
        case .hasRole(let cases):
            guard let auth = schema.auth, let field = schema.entity(named: auth.entity)?.field(named: auth.roleField ?? "") else {
                return "1 = 0"
            }
            bindings.append(SwiftCode.binding("user.record." + field.swiftName, field))
            return "? \(negated ? "NOT IN" : "IN") (" + cases.map(SQLDialect.stringLiteral).joined(separator: ", ") + ")"
        case .isOwner(let field):
            return comparison(.field(FieldPath(steps: [.init(entity: scope.entity.name, field: field)])), .equal, .auth,
                              in: scope, negated: negated, lenient: lenient)
        case .isSelf:
            return comparison(.field(FieldPath(steps: [.init(entity: scope.entity.name, field: "id")])), .equal, .auth,
                              in: scope, negated: negated, lenient: lenient)
        case .compare(let lhs, let op, let rhs):
            return comparison(lhs, op, rhs, in: scope, negated: negated, lenient: lenient)
        case .isTrue(let operand):
            return comparison(operand, .equal, .literal(.bool(true)), in: scope, negated: negated, lenient: lenient)
        case .collection(let predicate):
            return collection(predicate, in: scope, negated: negated, lenient: lenient)
        }
    }

    /// `EXISTS` or `NOT EXISTS` over the list's rows that meet a test:
    ///
    /// | | strict | lenient |
    /// | --- | --- | --- |
    /// | any | some row where it holds | some row where it is not false |
    /// | !any | no row where it is not false | no row where it holds |
    /// | all | no row where it is not true | no row where it is false |
    /// | !all | some row where it is false | some row where it is not true |
    private mutating func collection(_ predicate: CollectionPredicate, in scope: Scope, negated: Bool, lenient: Bool) -> String {
        let (from, link, inner) = listRows(predicate.path, in: scope, readsRows: predicate.condition != nil)
        guard let inner else { return "1 = 0" }
        let isAll = predicate.quantifier == .all
        let exists = isAll == negated
        var test: String?
        if let condition = predicate.condition {
            switch (isAll, negated, lenient) {
            case (false, false, false), (false, true, true):
                test = self.condition(condition, in: inner, negated: false)
            case (true, true, false), (true, false, true):
                test = self.condition(condition, in: inner, negated: true)
            case (false, true, false), (false, false, true):
                test = Self.grouped(self.condition(condition, in: inner, negated: false)) + " IS NOT FALSE"
            case (true, false, false), (true, true, true):
                test = Self.grouped(self.condition(condition, in: inner, negated: false)) + " IS NOT TRUE"
            }
        }
        let subquery = "SELECT 1 FROM \(from) WHERE " + ([link] + (test.map { [$0] } ?? [])).joined(separator: " AND ")
        return (exists ? "EXISTS (" : "NOT EXISTS (") + subquery + ")"
    }

    /// `(SELECT count(*) FROM … WHERE link AND condition)`.
    private mutating func count(_ path: FieldPath, _ condition: RuleExpression?, in scope: Scope) -> String {
        let (from, link, inner) = listRows(path, in: scope, readsRows: condition != nil)
        guard let inner else { return "NULL" }
        let test = condition.map { self.condition($0, in: inner, negated: false) }
        return "(SELECT count(*) FROM \(from) WHERE " + ([link] + (test.map { [$0] } ?? [])).joined(separator: " AND ") + ")"
    }

    /// The rows of the list at the end of `path` (belongs-to steps, then a list field): the
    /// `FROM` of a subquery, the condition tying them to `scope`'s row, and their scope. Unless
    /// a condition `readsRows`, a many-to-many list is its join table's rows alone: a foreign
    /// key ties each to an existing row.
    private mutating func listRows(_ path: FieldPath, in scope: Scope, readsRows: Bool) -> (from: String, link: String, scope: Scope?) {
        var tables: [String] = []
        var links: [String] = []
        var entity = scope.entity
        var alias = scope.alias
        // The id of the row that owns the list: the last belongs-to's foreign key, so that the
        // row it points at need not be joined.
        var ownerID = SQLDialect.quote(alias) + ".\"id\""
        for (position, step) in path.steps.dropLast().enumerated() {
            guard let field = entity.field(named: step.field), let column = field.column,
                  case .belongsTo(let target, _) = field.kind, let next = schema.entity(named: target) else { return ("", "", nil) }
            let foreignKey = SQLDialect.quote(alias) + "." + SQLDialect.quote(column)
            if position == path.steps.count - 2 {
                ownerID = foreignKey
            } else {
                let nextAlias = newAlias()
                tables.append("\(SQLDialect.quote(next.names.table)) AS \(SQLDialect.quote(nextAlias))")
                links.append("\(SQLDialect.quote(nextAlias)).\"id\" = \(foreignKey)")
                alias = nextAlias
            }
            entity = next
        }
        guard let last = path.steps.last, let field = entity.field(named: last.field) else { return ("", "", nil) }
        switch field.kind {
        case .hasMany(let target, let inverse):
            guard let child = schema.entity(named: target), let column = child.field(named: inverse)?.column else { return ("", "", nil) }
            let childAlias = newAlias()
            tables.append("\(SQLDialect.quote(child.names.table)) AS \(SQLDialect.quote(childAlias))")
            links.append("\(SQLDialect.quote(childAlias)).\(SQLDialect.quote(column)) = \(ownerID)")
            return (tables.joined(separator: ", "), links.joined(separator: " AND "), Scope(entity: child, alias: childAlias))
        case .manyToMany(let target, _, let join):
            guard let other = schema.entity(named: target) else { return ("", "", nil) }
            let joinAlias = newAlias()
            tables.append("\(SQLDialect.quote(join.name)) AS \(SQLDialect.quote(joinAlias))")
            links.append("\(SQLDialect.quote(joinAlias)).\(SQLDialect.quote(join.ownColumn)) = \(ownerID)")
            guard readsRows else {
                return (tables.joined(separator: ", "), links.joined(separator: " AND "), Scope(entity: other, alias: joinAlias))
            }
            let otherAlias = newAlias()
            tables.append("\(SQLDialect.quote(other.names.table)) AS \(SQLDialect.quote(otherAlias))")
            links.append("\(SQLDialect.quote(otherAlias)).\"id\" = \(SQLDialect.quote(joinAlias)).\(SQLDialect.quote(join.otherColumn))")
            return (tables.joined(separator: ", "), links.joined(separator: " AND "), Scope(entity: other, alias: otherAlias))
        default:
            return ("", "", nil)
        }
    }

    private mutating func newAlias() -> String {
        aliasCount += 1
        return "_r\(aliasCount)"
    }

    // MARK: Comparisons

    /// One comparison; paths through belongs-to relations join their rows inside an `EXISTS`.
    private mutating func comparison(_ lhs: Operand, _ op: ComparisonOperator, _ rhs: Operand, in scope: Scope,
                                     negated: Bool, lenient: Bool) -> String {
        var joins = Joins(base: scope)
        // Lenient: the strict condition of the opposite, turned around.
        let strictNegated = lenient ? !negated : negated
        let op = strictNegated ? op.negation : op
        let kind = operandKind(lhs) ?? operandKind(rhs)
        let left = side(lhs, context: kind)
        let right = side(rhs, context: kind)
        var condition: String
        switch (left, right) {
        case (.null, var side), (var side, .null):
            // A parameter alone has no type in PostgreSQL: `$1 IS NULL` needs a cast.
            if case .bound(let binding, "") = side, let type = boundType(lhs) ?? boundType(rhs) {
                side = .bound(binding: binding, cast: "::" + Self.postgresCastName(type))
            }
            condition = sql(side, &joins, scope) + (op == .equal ? " IS NULL" : " IS NOT NULL")
        case (.bool(let value), let side), (let side, .bool(let value)):
            condition = (op == .equal) == value ? sql(side, &joins, scope) : "NOT " + sql(side, &joins, scope)
        default:
            let lhs = sql(left, &joins, scope)
            condition = "\(lhs) \(Self.sqlOperator(op)) \(sql(right, &joins, scope))"
        }
        guard lenient else { return joins.wrap(condition) }
        if joins.isEmpty { return Self.grouped(condition) + " IS NOT TRUE" }
        return "NOT " + joins.wrap(condition)
    }

    /// The column type of a value bound as a parameter: a field of the caller or of the new row.
    private func boundType(_ operand: Operand) -> ColumnType? {
        switch operand {
        case .authField(let path), .newField(let path):
            guard path.steps.count == 1, let field = field(path.steps[0]) else { return nil }
            return ColumnType(field.kind)
        default:
            return nil
        }
    }

    /// A PostgreSQL type name in one word, as `SQLBuilder` reads casts.
    private static func postgresCastName(_ type: ColumnType) -> String {
        switch type {
        case .double: "float8"
        default: SQLDialect.postgres.columnType(type)
        }
    }

    /// The condition in parentheses, unless it is one parenthesized group already.
    private static func grouped(_ condition: String) -> String {
        condition.hasPrefix("(") && condition.hasSuffix(")") && CheckWriter.isOneGroup(condition) ? condition : "(\(condition))"
    }

    /// How one side of a comparison is written.
    private enum Side {
        case row(FieldPath)
        /// A value bound as a parameter, with the cast PostgreSQL needs.
        case bound(binding: String, cast: String)
        /// Written into the SQL as it is (numbers and enum cases).
        case literal(String)
        case null
        case bool(Bool)
        /// A field of the caller's row reached through its relations.
        case callerPath(FieldPath)
        /// A field of the row an update sends, reached through its relations.
        case newPath(FieldPath)
        case count(FieldPath, RuleExpression?)
    }

    private func side(_ operand: Operand, context kind: FieldKind?) -> Side {
        switch operand {
        case .field(let path):
            return .row(path)
        case .auth:
            return .bound(binding: ".uuid(user.id)", cast: "")
        case .authField(let path):
            guard path.steps.count == 1, let field = field(path.steps[0]) else { return .callerPath(path) }
            return .bound(binding: SwiftCode.binding("user.record." + field.swiftName, field),
                          cast: ColumnType(field.kind).postgresParameterCast)
        case .now:
            if kind == .scalar(.date) { return .bound(binding: ".text(CalendarDate.today().description)", cast: "::date") }
            return .bound(binding: ".timestamp(Timestamp.now())", cast: "")
        case .count(let path, let condition):
            return .count(path, condition)
        case .newField(let path):
            guard path.steps.count == 1, let field = field(path.steps[0]) else { return .newPath(path) }
            return .bound(binding: Self.newValue(field), cast: ColumnType(field.kind).postgresParameterCast)
        case .literal(let literal):
            switch literal {
            case .integer(let value): return .literal(String(value))
            case .number(let text): return .literal(text)
            case .enumCase(_, let name): return .literal(SQLDialect.stringLiteral(name))
            case .string(let text): return .bound(binding: ".text(\(SwiftCode.stringLiteral(text)))", cast: "")
            case .bool(let value): return .bool(value)
            case .null: return .null
            }
        }
    }

    private mutating func sql(_ side: Side, _ joins: inout Joins, _ scope: Scope) -> String {
        switch side {
        case .row(let path):
            return joins.column(of: path, in: schema, aliases: &aliasCount)
        case .bound(let binding, let cast):
            bindings.append(binding)
            return "?" + cast
        case .literal(let sql):
            return sql
        case .null:
            return "NULL"
        case .bool(let value):
            bindings.append(".bool(\(value))")
            return "?"
        case .callerPath(let path):
            guard let auth = schema.auth, let entity = schema.entity(named: auth.entity) else { return "NULL" }
            bindings.append(".uuid(user.id)")
            return subquery(from: entity, path.steps[...], prefix: "_c")
        case .newPath(let path):
            guard let first = path.steps.first.flatMap(field), case .belongsTo(let target, _) = first.kind,
                  let entity = schema.entity(named: target) else { return "NULL" }
            bindings.append(Self.newValue(first))
            return subquery(from: entity, path.steps.dropFirst(), prefix: "_n")
        case .count(let path, let condition):
            return count(path, condition, in: scope)
        }
    }

    /// A field reached from the row of `entity` whose id is the next parameter:
    /// `(SELECT "_c2"."name" FROM "users" AS "_c1" JOIN "teams" AS "_c2" ON … WHERE "_c1"."id" = ?)`.
    private func subquery(from entity: Entity, _ steps: ArraySlice<FieldPath.Step>, prefix: String) -> String {
        var from = "\(SQLDialect.quote(entity.names.table)) AS \"\(prefix)1\""
        var alias = prefix + "1"
        var current = entity
        for (position, step) in steps.enumerated() {
            guard let field = current.field(named: step.field), let column = field.column else { break }
            if position == steps.count - 1 {
                return "(SELECT \(SQLDialect.quote(alias)).\(SQLDialect.quote(column)) FROM \(from) WHERE \"\(prefix)1\".\"id\" = ?)"
            }
            guard case .belongsTo(let target, _) = field.kind, let next = schema.entity(named: target) else { break }
            let nextAlias = "\(prefix)\(position + 2)"
            from += " JOIN \(SQLDialect.quote(next.names.table)) AS \(SQLDialect.quote(nextAlias)) ON \(SQLDialect.quote(nextAlias)).\"id\" = \(SQLDialect.quote(alias)).\(SQLDialect.quote(column))"
            alias = nextAlias
            current = next
        }
        return "NULL"
    }

    /// The value an update sends for a field: `new`, the record's values by field name.
    static func newValue(_ field: Field) -> String {
        "new[\(SwiftCode.stringLiteral(field.name)), default: .null]"
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

    static func sqlOperator(_ op: ComparisonOperator) -> String {
        switch op {
        case .equal: "="
        case .notEqual: "<>"
        default: op.rawValue
        }
    }
}

/// The rows a comparison reaches through belongs-to relations: each path's chain of rows,
/// joined inside one `EXISTS`.
private struct Joins {
    let base: RuleSQL.Scope
    private var tables: [String] = []
    private var links: [String] = []
    /// Aliases by path prefix, so that `order.status` and `order.customer` share one join.
    private var aliases: [String: String] = [:]

    init(base: RuleSQL.Scope) {
        self.base = base
    }

    var isEmpty: Bool { tables.isEmpty }

    /// The qualified column of a path's last field, joining the rows on the way.
    mutating func column(of path: FieldPath, in schema: Schema, aliases count: inout Int) -> String {
        var alias = base.alias
        var entity = base.entity
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
                count += 1
                let nextAlias = "_r\(count)"
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
