/// The statuses the schema's rules imply for one row of an entity, for each kind of caller:
/// the expectations of the generated authorization-matrix tests.
///
/// It reads the rules directly from the model, on the values the test fixtures give the row,
/// independently of the code `RuleWriter` generates: the tests compare the two. The scene is
/// fixed: user A owns the row (every reference to the auth entity on the way points at A; for
/// the auth entity, the row is A's own), user B has the default role, and one more user holds
/// each other role.
struct AccessMatrix {
    let entity: Entity
    let schema: Schema
    /// Rules read for the row a create test sends: its parents are new (the fixtures create
    /// them for each body), so the lists they head are empty.
    var isNewRow = false

    /// Who sends the requests.
    enum Caller: Equatable {
        case anonymous, owner, other
        case role(String)

        /// The Swift spelling of `TestCaller`.
        var swift: String {
            switch self {
            case .anonymous: ".anonymous"
            case .owner: ".owner"
            case .other: ".other"
            case .role(let name): ".role(\"\(name)\")"
            }
        }
    }

    struct Expectation {
        var caller: Caller
        /// `GET` on the list filtered by the row's id, and whether the row is in it.
        var list: Int
        var listed: Bool
        var read: Int
        /// `POST` of a new row like the fixture's, owned by A.
        var create: Int
        /// `PATCH` with an empty body.
        var update: Int
        var delete: Int
        /// `GET` of each has-many route of the row, by route segment.
        var children: [(route: String, status: Int)]
    }

    /// A value of the scene; `undetermined` where the fixtures do not fix it (`now`, unique
    /// fields, JSON), which makes the matrix skip the entity.
    private enum Value: Equatable {
        case null, bool(Bool), number(Double), text(String)
        case user(Caller)
        /// The fixture row of an entity, created as a parent of the row.
        case row(String)
    }

    private struct Undetermined: Error {}

    /// The callers of the scene.
    var callers: [Caller] {
        [.anonymous, .owner, .other] + schema.otherRoles.map(Caller.role)
    }

    /// Every caller's expectations, or `nil` when the rules read a value the fixtures do not fix.
    func expectations() -> [Expectation]? {
        guard schema.auth != nil else { return nil }
        do {
            return try callers.map(expectation)
        } catch {
            return nil
        }
    }

    private func expectation(_ caller: Caller) throws -> Expectation {
        let list = try access(.list, caller)
        let read = try access(.read, caller)
        return Expectation(
            caller: caller,
            list: refusal(list, .list, caller) ?? 200,
            listed: allows(list),
            read: refusal(read, .read, caller) ?? (allows(read) ? 200 : 404),
            create: try createStatus(caller),
            update: try writeStatus(.update, caller, read: read, success: 200),
            delete: try writeStatus(.delete, caller, read: read, success: 204),
            children: try children(caller, read: read))
    }

    /// A has-many route answers as a get of the row would, after the children's list rule.
    private func children(_ caller: Caller, read: Tri) throws -> [(route: String, status: Int)] {
        try entity.fields.compactMap { field in
            guard case .hasMany(let target, _) = field.kind, let child = schema.entity(named: target) else { return nil }
            let route = Naming.kebabCase(field.name)
            if let refused = refusal(read, .read, caller) { return (route, refused) }
            let childMatrix = AccessMatrix(entity: child, schema: schema)
            if let refused = childMatrix.refusal(try childMatrix.access(.list, caller), .list, caller) { return (route, refused) }
            return (route, allows(read) ? 200 : 404)
        }
    }

    private func createStatus(_ caller: Caller) throws -> Int {
        var newRow = self
        newRow.isNewRow = true
        return try newRow.createStatusOfNewRow(caller)
    }

    private func createStatusOfNewRow(_ caller: Caller) throws -> Int {
        let create = try access(.create, caller)
        if let refused = refusal(create, .create, caller) { return refused }
        // A new row of the auth entity is a new user, which the scene has no values for.
        if case .rows = create, entity.name == authEntity?.name { throw Undetermined() }
        // The new row's owner is A: anyone else needs a field-level rule to name them.
        if let owner = entity.ownerField, caller != .owner {
            let rules = entity.rules.filter { $0.operations.contains(.create) && $0.fields.contains(owner.name) }
            let fieldAccess = try combined(rules, caller)
            if let refused = refusal(fieldAccess, .create, caller, rules: rules) { return refused }
            if !allows(fieldAccess) { return 403 }
        }
        return allows(create) ? 201 : 403
    }

    /// As the server: it finds the row with the rules (taking conditions on an update's values
    /// to hold), then checks them with the values, which an empty update leaves as they are.
    private func writeStatus(_ operation: RuleOperation, _ caller: Caller, read: Tri, success: Int) throws -> Int {
        let lookup = try access(operation, caller, optimistic: readsNewValues(operation))
        if let refused = refusal(lookup, operation, caller) { return refused }
        guard allows(lookup) else { return refusal(read, .read, caller) == nil && allows(read) ? 403 : 404 }
        guard readsNewValues(operation) else { return success }
        let exact = try access(operation, caller)
        if let refused = refusal(exact, operation, caller) { return refused }
        return allows(exact) ? success : 403
    }

    private func readsNewValues(_ operation: RuleOperation) -> Bool {
        operation == .update && entity.rules.contains { $0.operations.contains(.update) && RuleWriter.readsNewValues($0.condition) }
    }

    // MARK: - Evaluation, as the generated code decides

    /// What a rule allows one caller: everything, nothing, or rows, of which this row is one or not.
    private enum Tri {
        case all, none
        case rows(Bool)
    }

    private func allows(_ tri: Tri) -> Bool {
        switch tri {
        case .all: true
        case .none: false
        case .rows(let holds): holds
        }
    }

    /// 401 or 403 when the caller is refused before any row is read.
    private func refusal(_ tri: Tri, _ operation: RuleOperation, _ caller: Caller, rules: [Rule]? = nil) -> Int? {
        guard case .none = tri else { return nil }
        let rules = rules ?? (entity.rules(for: operation) + entity.denyRules(for: operation))
        let refersToCaller = rules.contains { RuleWriter.refersToCaller($0.condition) }
        return caller == .anonymous && refersToCaller ? 401 : 403
    }

    /// What the `allow` rules grant, less what a `deny` rule refuses (one whose condition is
    /// unknown refuses nothing). `optimistic`: as the server finds a row to update, before the
    /// values it sends are known, taking conditions on them (`new.field`) to allow.
    private func access(_ operation: RuleOperation, _ caller: Caller, optimistic: Bool = false) throws -> Tri {
        let denied = try entity.denyRules(for: operation).reduce(Tri.none) {
            try or($0, tri($1.condition, negated: false, caller, in: rowScope, newValues: optimistic ? Tri.none : nil))
        }
        let allowed = try combined(entity.rules(for: operation), caller, optimistic: optimistic)
        return switch denied {
        case .all: .none
        case .none: allowed
        case .rows(let holds): and(allowed, .rows(!holds))
        }
    }

    private func combined(_ rules: [Rule], _ caller: Caller, optimistic: Bool = false) throws -> Tri {
        var result = Tri.none
        for rule in rules {
            result = or(result, try tri(rule.condition, negated: false, caller, in: rowScope, newValues: optimistic ? Tri.all : nil))
        }
        return result
    }

    /// The row a condition reads: the fixture row, or a row of a list.
    private struct Scope {
        let row: Value
        let entity: Entity
    }

    private var rowScope: Scope {
        Scope(row: entity.name == authEntity?.name ? .user(.owner) : .row(entity.name), entity: entity)
    }

    private func or(_ lhs: Tri, _ rhs: Tri) -> Tri {
        switch (lhs, rhs) {
        case (.all, _), (_, .all): .all
        case (.none, let other), (let other, .none): other
        case (.rows(let a), .rows(let b)): .rows(a || b)
        }
    }

    private func and(_ lhs: Tri, _ rhs: Tri) -> Tri {
        switch (lhs, rhs) {
        case (.none, _), (_, .none): .none
        case (.all, let other), (let other, .all): other
        case (.rows(let a), .rows(let b)): .rows(a && b)
        }
    }

    /// `newValues`: what a condition on the values an update sends gives while they are unknown
    /// (`nil`: they are the row's own, as an empty update sends).
    private func tri(_ expression: RuleExpression, negated: Bool, _ caller: Caller, in scope: Scope, newValues: Tri?) throws -> Tri {
        let signedIn = caller != .anonymous
        switch expression {
        case .not(let inner):
            return try tri(inner, negated: !negated, caller, in: scope, newValues: newValues)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            var isAnd = if case .and = expression { true } else { false }
            if negated { isAnd.toggle() }
            let left = try tri(lhs, negated: negated, caller, in: scope, newValues: newValues)
            let right = try tri(rhs, negated: negated, caller, in: scope, newValues: newValues)
            return isAnd ? and(left, right) : or(left, right)
        case _ where newValues != nil && RuleWriter.readsNewValues(expression):
            return newValues!
        case .isPublic:
            return negated ? .none : .all
        case .authenticated:
            return signedIn != negated ? .all : .none
        case .hasRole(let cases):
            guard signedIn else { return .none }
            return cases.contains(role(of: caller)) != negated ? .all : .none
        case .isOwner(let field):
            return try comparison(.field(FieldPath(steps: [.init(entity: scope.entity.name, field: field)])), .equal, .auth,
                                  negated, caller, in: scope)
        case .isSelf:
            return try comparison(.field(FieldPath(steps: [.init(entity: scope.entity.name, field: "id")])), .equal, .auth,
                                  negated, caller, in: scope)
        case .compare(let lhs, let op, let rhs):
            return try comparison(lhs, op, rhs, negated, caller, in: scope)
        case .isTrue(let operand):
            return try comparison(operand, .equal, .literal(.bool(!negated)), false, caller, in: scope)
        case .collection(let predicate):
            // As the server: a caller-dependent condition refuses anonymous callers outright.
            if !signedIn, predicate.condition.map(RuleWriter.refersToCaller) == true { return .none }
            let rows = try listRows(predicate.path, in: scope)
            guard let condition = predicate.condition else { return .rows(rows.isEmpty == negated) }
            // Definitely true: the condition allows; definitely false: its negation does.
            func holds(_ row: Scope, negated: Bool) throws -> Bool {
                allows(try tri(condition, negated: negated, caller, in: row, newValues: newValues))
            }
            let result = switch (predicate.quantifier, negated) {
            case (.any, false): try rows.contains { try holds($0, negated: false) }
            case (.any, true): try rows.allSatisfy { try holds($0, negated: true) }
            case (.all, false): try rows.allSatisfy { try holds($0, negated: false) }
            case (.all, true): try rows.contains { try holds($0, negated: true) }
            }
            return .rows(result)
        }
    }

    /// The rows of the scene in the list at the end of `path`: the fixture row and the parents
    /// the fixtures created for it are the only rows besides the users. Join tables are empty.
    private func listRows(_ path: FieldPath, in scope: Scope) throws -> [Scope] {
        var owner = scope.row
        var ownerEntity = scope.entity
        for step in path.steps.dropLast() {
            owner = try field(step.field, of: owner)
            guard let field = ownerEntity.field(named: step.field), case .belongsTo(let target, _) = field.kind,
                  let next = schema.entity(named: target) else { throw Undetermined() }
            ownerEntity = next
        }
        guard owner != .null, !isNewRow else { return [] }
        guard let last = path.steps.last, let list = ownerEntity.field(named: last.field) else { throw Undetermined() }
        switch list.kind {
        case .manyToMany:
            return []
        case .hasMany(let target, let inverse):
            guard target != authEntity?.name, let targetEntity = schema.entity(named: target) else { throw Undetermined() }
            return try sceneRows().filter { $0.entity.name == target }.filter { try field(inverse, of: $0.row) == owner }
                .map { Scope(row: $0.row, entity: targetEntity) }
        default:
            throw Undetermined()
        }
    }

    /// The fixture row and the required parents created for it, each once.
    private func sceneRows() -> [Scope] {
        var rows = [rowScope]
        var index = 0
        while index < rows.count {
            for field in rows[index].entity.fields where !field.isOptional {
                guard case .belongsTo(let target, _) = field.kind, target != authEntity?.name,
                      let parent = schema.entity(named: target), !rows.contains(where: { $0.entity.name == target }) else { continue }
                rows.append(Scope(row: .row(target), entity: parent))
            }
            index += 1
        }
        return rows
    }

    private func comparison(_ lhs: Operand, _ op: ComparisonOperator, _ rhs: Operand, _ negated: Bool, _ caller: Caller,
                            in scope: Scope) throws -> Tri {
        let op = negated ? op.negation : op
        let dependsOnRow = [lhs, rhs].contains { operand in
            switch operand {
            case .field: true
            case .authField(let path): path.steps.count > 1
            case .auth, .now, .literal: false
            case .count, .newField: true
            }
        }
        let refersToCaller = [lhs, rhs].contains { operand in
            switch operand {
            case .auth, .authField: true
            case .count(_, let condition): condition.map(RuleWriter.refersToCaller) ?? false
            case .field, .now, .literal, .newField: false
            }
        }
        if refersToCaller, caller == .anonymous { return .none }
        let (left, right) = (try value(lhs, caller, in: scope), try value(rhs, caller, in: scope))
        // `== nil` and `!= nil` ask whether a value is set: never unknown.
        let isNullTest = lhs == .literal(.null) || rhs == .literal(.null)
        let holds = isNullTest ? (op == .equal) == (left == right) : try compare(left, op, right) == true
        return dependsOnRow ? .rows(holds) : (holds ? .all : .none)
    }

    /// SQL's comparison: unknown (`nil`) when either side is null.
    private func compare(_ lhs: Value, _ op: ComparisonOperator, _ rhs: Value) throws -> Bool? {
        if lhs == .null || rhs == .null { return nil }
        switch op {
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        default:
            guard case .number(let a) = lhs, case .number(let b) = rhs else { throw Undetermined() }
            switch op {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            default: return a >= b
            }
        }
    }

    // MARK: - The scene's values

    private var authEntity: Entity? {
        schema.auth.flatMap { schema.entity(named: $0.entity) }
    }

    private func role(of caller: Caller) -> String {
        if case .role(let name) = caller { return name }
        return schema.defaultRole ?? ""
    }

    private func value(_ operand: Operand, _ caller: Caller, in scope: Scope) throws -> Value {
        switch operand {
        case .field(let path):
            return try walk(path, from: scope.row)
        case .newField(let path):
            // An empty update sends the row's own values.
            return try walk(path, from: rowScope.row)
        case .auth:
            return .user(caller)
        case .authField(let path):
            return try walk(path, from: .user(caller))
        case .count(let path, let condition):
            let rows = try listRows(path, in: scope)
            guard let condition else { return .number(Double(rows.count)) }
            return .number(Double(try rows.filter {
                allows(try tri(condition, negated: false, caller, in: $0, newValues: nil))
            }.count))
        case .now:
            throw Undetermined()
        case .literal(let literal):
            switch literal {
            case .integer(let value): return .number(Double(value))
            case .number(let text): return .number(Double(text) ?? .nan)
            case .string(let text): return .text(text)
            case .bool(let value): return .bool(value)
            case .enumCase(_, let name): return .text(name)
            case .null: return .null
            }
        }
    }

    private func walk(_ path: FieldPath, from start: Value) throws -> Value {
        var current = start
        for step in path.steps {
            current = try field(step.field, of: current)
        }
        return current
    }

    /// A field of a row of the scene.
    private func field(_ name: String, of row: Value) throws -> Value {
        let owner: Entity?
        switch row {
        case .user(let user):
            if name == "id" { return .user(user) }
            if let roleField = schema.auth?.roleField, name == roleField { return .text(role(of: user)) }
            owner = authEntity
        case .row(let entityName):
            if name == "id" { return row }
            owner = schema.entity(named: entityName)
        case .null:
            return .null
        default:
            throw Undetermined()
        }
        guard let owner, let field = owner.field(named: name) else { throw Undetermined() }
        if case .belongsTo(let target, _) = field.kind {
            // The fixtures create required parents (A for the auth entity) and leave optional ones out.
            if field.isOptional { return .null }
            return target == authEntity?.name ? .user(.owner) : .row(target)
        }
        // Unique fields take a different sample in each row.
        if field.isUnique { throw Undetermined() }
        if let value = field.defaultValue {
            switch value {
            case .string(let text): return .text(text)
            case .integer(let number): return .number(Double(number))
            case .number(let text): return .number(Double(text) ?? .nan)
            case .bool(let flag): return .bool(flag)
            case .enumCase(let name): return .text(name)
            case .now, .json: throw Undetermined()
            }
        }
        if field.isOptional { return .null }
        // A required field without a default: the fixtures' first sample value.
        guard let sample = SampleValues(field: field, schema: schema).valid(variant: 0) else { throw Undetermined() }
        return try Self.parse(sample)
    }

    /// A `JSONValue` expression of the sampler: `.integer(3)`, `.double(1.5)`, `.bool(true)`, `.string("x")`.
    private static func parse(_ expression: String) throws -> Value {
        func argument(_ prefix: String) -> String? {
            guard expression.hasPrefix(prefix + "("), expression.hasSuffix(")") else { return nil }
            return String(expression.dropFirst(prefix.count + 1).dropLast())
        }
        if let text = argument(".integer") ?? argument(".double"), let number = Double(text) { return .number(number) }
        if let text = argument(".bool") { return .bool(text == "true") }
        if let text = argument(".string"), text.hasPrefix("\""), text.hasSuffix("\""), !text.contains("\\") {
            return .text(String(text.dropFirst().dropLast()))
        }
        throw Undetermined()
    }
}

extension AccessMatrix {
    /// The template values of the entity's matrix test: `hasMatrix` and one case per caller.
    func templateValue() -> [String: TemplateValue] {
        guard let expectations = expectations() else { return ["hasMatrix": .flag(false)] }
        return [
            "hasMatrix": .flag(true),
            "isAuthEntity": .flag(entity.name == schema.auth?.entity),
            "hasChildren": .flag(expectations.contains { !$0.children.isEmpty }),
            "matrix": .list(expectations.map { expectation in
                .object([
                    "caller": .text(expectation.caller.swift),
                    "list": .text(String(expectation.list)), "listed": .text(String(expectation.listed)),
                    "read": .text(String(expectation.read)), "create": .text(String(expectation.create)),
                    "update": .text(String(expectation.update)), "delete": .text(String(expectation.delete)),
                    "children": .text(expectation.children.map { "\"\($0.route)\": \($0.status)" }.joined(separator: ", ")),
                ])
            }),
        ]
    }
}

extension AccessMatrix {
    /// The status of a `PATCH` of the row that sets the guarded field `name`, sent by `caller`,
    /// and whether a refusal names the field; `nil` where the fixtures do not fix it.
    func fieldUpdate(_ name: String, by caller: Caller) -> (status: Int, namesField: Bool)? {
        if readsNewValues(.update) { return nil }
        do {
            let update = try access(.update, caller)
            if let refused = refusal(update, .update, caller) { return (refused, false) }
            // The row is looked up first: the field's rule decides only for a row the caller may update.
            if !allows(update) {
                let read = try access(.read, caller)
                return (refusal(read, .read, caller) == nil && allows(read) ? 403 : 404, false)
            }
            let rules = entity.rules.filter { $0.operations.contains(.update) && $0.fields.contains(name) }
            let field = try combined(rules, caller)
            if let refused = refusal(field, .update, caller, rules: rules) { return (refused, true) }
            return allows(field) ? (200, false) : (403, true)
        } catch {
            return nil
        }
    }

    /// The status of a sign-up that sets the guarded field `name`: 201, or 401/403.
    func signUp(setting name: String) -> Int? {
        let rules = entity.rules.filter { $0.operations.contains(.create) && $0.fields.contains(name) }
        guard let field = try? combined(rules, .anonymous) else { return nil }
        if let refused = refusal(field, .create, .anonymous, rules: rules) { return refused }
        if case .rows = field { return nil }
        return 201
    }
}

extension Schema {
    /// The role sign-up gives: the `@default` of the auth entity's role field.
    var defaultRole: String? {
        guard let auth, let field = auth.roleField,
              case .enumCase(let value)? = entity(named: auth.entity)?.field(named: field)?.defaultValue
        else { return nil }
        return value
    }

    /// The roles a user can have besides the one sign-up gives.
    var otherRoles: [String] {
        let cases = auth?.roleEnum.flatMap { enumType(named: $0)?.cases } ?? []
        return cases.filter { $0 != defaultRole }
    }
}
