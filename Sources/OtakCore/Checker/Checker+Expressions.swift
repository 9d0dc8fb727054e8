/// Where an expression appears: a rule may use the caller and follow relations; a check
/// sees only its own row, because SQL `CHECK` can see nothing else.
struct ExpressionContext {
    var entity: String
    var isRule: Bool
    /// How many collection predicates (`members.any(…)`) enclose the expression.
    var collectionDepth = 0
    /// In an update rule, the entity whose new values `new.field` names.
    var updatedEntity: String?
    /// The entities of the rows outside the enclosing collection predicates, outermost first.
    var outerEntities: [String] = []

    /// Collection predicates nest at most this deep: each level is one more subquery.
    static let maximumCollectionDepth = 3
}

/// The type of an operand while checking a comparison.
enum OperandType: Equatable {
    case scalar(ScalarType)
    case enumeration(String)
    /// A row of this entity: a belongs-to relation, or `auth`.
    case reference(String)
    case now
    case integerLiteral
    case decimalLiteral
    case stringLiteral
    /// `.case`, whose enum is known only from the other side of the comparison.
    case enumCase(Identifier)
    case null
}

struct TypedOperand {
    var operand: Operand?
    var type: OperandType
    var isOptional: Bool
    var description: String

    /// A literal: `5`, `"x"`, `true`, `nil` or `.case`.
    var isConstant: Bool {
        if case .enumCase = type { return true }
        if case .literal? = operand { return true }
        return false
    }
}

extension Checker {
    static let operations = RuleOperation.allCases.map(\.rawValue) + ["all"]
    static let collectionMethods = ["any", "all", "count"]
    static let conditionKeywords: Set<String> = ["public", "authenticated", "owner", "self"]

    mutating func checkRule(_ syntax: RuleSyntax, in entity: Entity) -> Rule? {
        var operations: [RuleOperation] = []
        var fieldNames: [String] = []
        var failed = false
        for operation in syntax.operations {
            if operation.name.name == "all" {
                operations += RuleOperation.allCases.filter { !operations.contains($0) }
                if operation.fields != nil {
                    diagnostics.error(.conditionNotAllowed("all(…)", "a rule: only create and update take fields"),
                                      at: operation.range)
                    failed = true
                }
                continue
            }
            guard let parsed = RuleOperation(rawValue: operation.name.name) else {
                let name = operation.name.name
                let suggestion = Habits.operations[name].map { ["did you mean '\($0)'?"] }
                    ?? Suggestions.hint(for: name, among: Self.operations)
                diagnostics.error(.unknown("operation", name), at: operation.name.range,
                                  hints: suggestion + ["the operations are " + Self.operations.joined(separator: ", ")])
                failed = true
                continue
            }
            if !operations.contains(parsed) { operations.append(parsed) }
            guard let fields = operation.fields else { continue }
            if syntax.isDeny {
                diagnostics.error(.conditionNotAllowed("\(parsed.rawValue)(…)", "a deny rule"), at: operation.range,
                                  hints: ["a deny rule refuses whole operations; leave a field out of every 'allow \(parsed.rawValue)(…)' instead"])
                failed = true
                continue
            }
            guard parsed == .create || parsed == .update else {
                diagnostics.error(.conditionNotAllowed("\(parsed.rawValue)(…)", "a rule: only create and update take fields"),
                                  at: operation.range, hints: ["hide a field from every reader with @hidden"])
                failed = true
                continue
            }
            for field in fields {
                guard let model = draft(entity.name, field.name)?.field else {
                    reportUnknownField(field, in: entity.name)
                    failed = true
                    continue
                }
                if model.isReadOnly {
                    diagnostics.error(.readonlyInRule(field.name), at: field.range)
                    failed = true
                }
                if !fieldNames.contains(field.name) { fieldNames.append(field.name) }
            }
        }
        if !fieldNames.isEmpty, syntax.operations.contains(where: { $0.fields == nil }) {
            diagnostics.error(.mixedRule, at: syntax.keyword,
                              hints: ["write field-level rules, such as 'allow update(role): …', on their own line"])
            failed = true
        }
        let isUpdate = !operations.isEmpty && operations.allSatisfy { $0 == .update }
        let context = ExpressionContext(entity: entity.name, isRule: true, updatedEntity: isUpdate ? entity.name : nil)
        let condition = checkCondition(syntax.condition, context: context)
        guard let condition, !failed, !operations.isEmpty else { return nil }
        return Rule(operations: operations, fields: fieldNames, condition: condition, isDeny: syntax.isDeny)
    }

    // MARK: Conditions

    mutating func checkCondition(_ expression: ExpressionSyntax, context: ExpressionContext) -> RuleExpression? {
        switch expression.kind {
        case .parenthesized(let inner):
            return checkCondition(inner, context: context)
        case .not(let inner):
            return checkCondition(inner, context: context).map(RuleExpression.not)
        case .binary(let op, let lhs, let rhs) where !op.isComparison:
            let left = checkCondition(lhs, context: context)
            let right = checkCondition(rhs, context: context)
            guard let left, let right else { return nil }
            return op == .and ? .and(left, right) : .or(left, right)
        case .binary(let op, let lhs, let rhs):
            return checkComparison(op, lhs, rhs, context: context)
        case .name(let name) where Self.conditionKeywords.contains(name)
            && (context.isRule || draft(context.entity, name) == nil):
            return checkKeyword(name, expression.range, context: context)
        case .call(let callee, let arguments):
            guard callee.name == "role" else {
                reportUnknownFunction(callee, asCondition: true)
                return nil
            }
            return checkRole(arguments, expression.range, context: context)
        case .method(let base, let method, let arguments):
            switch method.name {
            case "any", "all":
                return checkCollection(base, method, arguments, context: context)
            case "count":
                diagnostics.error(.expectedCondition("a number"), at: expression.range,
                                  hints: ["compare the count: \(SchemaFormatter.print(expression)) > 0"])
            default:
                diagnostics.error(.unknown("method", method.name), at: method.range,
                                  hints: Suggestions.hint(for: method.name, among: Self.collectionMethods)
                                      + ["lists have any(condition), all(condition) and count()"])
            }
            return nil
        case .bool:
            diagnostics.error(.expectedCondition("a constant"), at: expression.range,
                              hints: context.isRule ? ["'public' allows everyone; no rule denies everyone"] : [])
            return nil
        case .error:
            return nil
        default:
            guard let operand = checkOperand(expression, context: context) else { return nil }
            guard operand.type == .scalar(.bool), !operand.isConstant, let value = operand.operand else {
                diagnostics.error(.expectedCondition(operand.description), at: expression.range,
                                  hints: ["a condition is a comparison, a Bool field, or one of public, authenticated, owner, self, role(…)"])
                return nil
            }
            return .isTrue(value)
        }
    }

    private mutating func checkKeyword(_ name: String, _ range: SourceRange, context: ExpressionContext) -> RuleExpression? {
        guard context.isRule else {
            diagnostics.error(.conditionNotAllowed(name, "a @@check"), at: range,
                              hints: ["a check can use only the entity's own fields"])
            return nil
        }
        switch name {
        case "public":
            return .isPublic
        case "authenticated":
            return requireAuth(name, range) ? .authenticated : nil
        case "owner":
            guard let owner = fields[context.entity]?.first(where: { $0.field.isOwner }) else {
                if damage.isDamaged(context.entity) { return nil }
                diagnostics.error(.ownerWithoutField(context.entity), at: range,
                                  hints: ["mark the relation to the signed-in user with @owner, e.g. 'author User @owner'"])
                return nil
            }
            return .isOwner(field: owner.field.name)
        default:
            guard requireAuth(name, range), let auth else { return nil }
            guard auth.entity == context.entity else {
                diagnostics.error(.conditionNotAllowed("self", "rules of '\(context.entity)'"), at: range,
                                  hints: ["'self' means the caller's own row, so it is used in the rules of '\(auth.entity)'"])
                return nil
            }
            return .isSelf
        }
    }

    private mutating func checkRole(_ arguments: [ExpressionSyntax], _ range: SourceRange, context: ExpressionContext) -> RuleExpression? {
        guard context.isRule else {
            diagnostics.error(.conditionNotAllowed("role(…)", "a @@check"), at: range)
            return nil
        }
        guard requireAuth("role(…)", range), let auth else { return nil }
        guard let roleEnum = auth.roleEnum else {
            diagnostics.error(.conditionNotAllowed("role(…)", "a schema whose auth block names no role field"), at: range,
                              hints: ["add 'role FIELD' to the auth block, naming an enum field of '\(auth.entity)'"])
            return nil
        }
        guard !arguments.isEmpty else {
            diagnostics.error(.attributeArguments("role(…)", "one or more roles"), at: range)
            return nil
        }
        var roles: [String] = []
        var failed = false
        for argument in arguments {
            var name: Identifier?
            switch argument.kind {
            case .name(let text): name = Identifier(name: text, range: argument.range)
            case .enumCase(let identifier): name = identifier
            case .error: break
            default:
                diagnostics.error(.expectedValue("something other than a role name"), at: argument.range,
                                  hints: ["list cases of '\(roleEnum)': role(\(enumDeclarations[roleEnum]?.cases.first?.name.name ?? "admin"))"])
            }
            guard let name, caseExists(name, in: roleEnum) else {
                failed = true
                continue
            }
            if !roles.contains(name.name) { roles.append(name.name) }
        }
        return failed ? nil : .hasRole(roles)
    }

    /// Whether the schema has a working auth block; reports once per use if not.
    private mutating func requireAuth(_ name: String, _ range: SourceRange) -> Bool {
        if auth != nil { return true }
        if authDeclaration == nil, !damage.mayMissDeclarations {
            diagnostics.error(.conditionNotAllowed(name, "a schema without an 'auth' block"), at: range,
                              hints: ["add an auth block that names who signs in: auth { entity User  identity email  password password }"])
        }
        return false
    }

    // MARK: Comparisons

    private mutating func checkComparison(_ op: BinaryOperator, _ lhs: ExpressionSyntax, _ rhs: ExpressionSyntax,
                                          context: ExpressionContext) -> RuleExpression? {
        let left = checkOperand(lhs, context: context)
        let right = checkOperand(rhs, context: context)
        guard var left, var right else { return nil }
        let range = lhs.range.joined(rhs.range)
        if left.isConstant && right.isConstant {
            diagnostics.error(.constantComparison, at: range, hints: ["compare a field with a value"])
            return nil
        }
        // Give `.case` and literals the type of the other side.
        guard resolveLiteral(&left, against: right, range: lhs.range),
              resolveLiteral(&right, against: left, range: rhs.range) else { return nil }
        guard compatible(left, right, range: range) else { return nil }
        let comparison = ComparisonOperator(rawValue: op.rawValue)!
        if op != .equal && op != .notEqual {
            for side in [left, right] where !isOrdered(side.type) {
                diagnostics.error(.orderingNotAllowed(op.rawValue, side.description), at: range,
                                  hints: side.type == .scalar(.string) || side.type == .scalar(.text)
                                      ? ["strings compare differently in Swift and in SQL collations, so only == and != are allowed"]
                                      : [])
                return nil
            }
        }
        return .compare(left.operand!, comparison, right.operand!)
    }

    private func isOrdered(_ type: OperandType) -> Bool {
        switch type {
        case .scalar(let scalar): scalar.isOrdered
        case .now, .integerLiteral, .decimalLiteral: true
        default: false
        }
    }

    /// Fills in the operand of a literal whose type depends on the other side.
    private mutating func resolveLiteral(_ side: inout TypedOperand, against other: TypedOperand, range: SourceRange) -> Bool {
        switch side.type {
        case .enumCase(let name):
            guard case .enumeration(let enumName) = other.type else {
                diagnostics.error(.incompatibleComparison(other.description, "enum case '.\(name.name)'"), at: range,
                                  hints: ["'.\(name.name)' is a case of an enum; compare it with an enum field"])
                return false
            }
            guard caseExists(name, in: enumName) else { return false }
            side.operand = .literal(.enumCase(enum: enumName, case: name.name))
            side.type = .enumeration(enumName)
        case .null:
            guard other.isOptional else {
                let isAuth = if case .auth = other.operand { true } else { false }
                diagnostics.error(.incompatibleComparison(other.description, "nil"), at: range,
                                  hints: [isAuth ? "write '!authenticated' for an anonymous caller ('authenticated' for a signed-in one)"
                                              : "only optional fields can be nil"])
                return false
            }
        default:
            break
        }
        return true
    }

    private mutating func compatible(_ left: TypedOperand, _ right: TypedOperand, range: SourceRange) -> Bool {
        // Not even with nil: an upload is not a write the rules see before and after.
        for side in [left, right] where side.type == .scalar(.file) {
            diagnostics.error(.incompatibleComparison(side.description, "anything"), at: range,
                              hints: ["rules and checks do not read File fields: the row's rules decide who uploads and downloads"])
            return false
        }
        if left.type == .null || right.type == .null { return true }
        if left.type == .now || right.type == .now {
            let other = left.type == .now ? right.type : left.type
            return [.scalar(.date), .scalar(.dateTime)].contains(other) || mismatch(left, right, range)
        }
        for side in [left, right] {
            if case .scalar(let scalar) = side.type, scalar == .password || scalar == .json {
                diagnostics.error(.incompatibleComparison(side.description, "anything"), at: range,
                                  hints: [scalar == .password ? "passwords are stored hashed" : "JSON values are not compared"])
                return false
            }
        }
        if kindOfValue(left.type) != nil, kindOfValue(left.type) == kindOfValue(right.type) {
            if left.type == .integerLiteral || right.type == .integerLiteral { return true }
            if left.type == .decimalLiteral, right.type == .scalar(.int) || right.type == .integerLiteral {
                return mismatch(left, right, range)
            }
            if right.type == .decimalLiteral, left.type == .scalar(.int) {
                return mismatch(left, right, range)
            }
            return true
        }
        return mismatch(left, right, range)
    }

    private mutating func mismatch(_ left: TypedOperand, _ right: TypedOperand, _ range: SourceRange) -> Bool {
        var hints: [String] = []
        // `role == "admin"`: an enum is compared with its cases.
        for (side, other) in [(left, right), (right, left)] {
            guard case .enumeration(let name) = side.type, case .literal(.string(let text))? = other.operand,
                  let cases = enumDeclarations[name]?.cases.map(\.name.name) else { continue }
            hints = cases.contains(text) ? ["write the case with a dot: .\(text)"]
                : ["compare with a case of '\(name)': " + cases.map { "." + $0 }.joined(separator: ", ")]
        }
        diagnostics.error(.incompatibleComparison(left.description, right.description), at: range, hints: hints)
        return false
    }

    /// Operand types that compare with each other share a kind.
    private func kindOfValue(_ type: OperandType) -> String? {
        switch type {
        case .scalar(.int), .scalar(.double), .scalar(.decimal), .integerLiteral, .decimalLiteral: "number"
        case .scalar(.string), .scalar(.text), .stringLiteral: "string"
        case .scalar(let scalar): scalar.rawValue
        case .enumeration(let name): "enum " + name
        case .reference(let entity): "entity " + entity
        case .enumCase, .null, .now: nil
        }
    }

    // MARK: Operands

    mutating func checkOperand(_ expression: ExpressionSyntax, context: ExpressionContext) -> TypedOperand? {
        switch expression.kind {
        case .parenthesized(let inner):
            return checkOperand(inner, context: context)
        case .name, .member:
            return checkPath(expression, context: context)
        case .enumCase(let name):
            return TypedOperand(operand: nil, type: .enumCase(name), isOptional: false, description: "'.\(name.name)'")
        case .integer(let text):
            guard let value = Int64(text) else {
                diagnostics.error(.expectedValue("a number too large"), at: expression.range)
                return nil
            }
            return TypedOperand(operand: .literal(.integer(value)), type: .integerLiteral, isOptional: false, description: text)
        case .decimal(let text):
            return TypedOperand(operand: .literal(.number(text)), type: .decimalLiteral, isOptional: false, description: text)
        case .negate(let inner):
            if let value = integerLiteral(expression) {
                return TypedOperand(operand: .literal(.integer(value)), type: .integerLiteral, isOptional: false,
                                    description: String(value))
            }
            if let value = numberLiteral(expression) {
                return TypedOperand(operand: .literal(.number(value)), type: .decimalLiteral, isOptional: false,
                                    description: value)
            }
            if case .error = inner.kind { return nil }
            diagnostics.error(.expectedValue("'-' before something that is not a number"), at: expression.range)
            return nil
        case .string(let text, _):
            return TypedOperand(operand: .literal(.string(text)), type: .stringLiteral, isOptional: false,
                                description: "a string")
        case .bool(let value):
            return TypedOperand(operand: .literal(.bool(value)), type: .scalar(.bool), isOptional: false,
                                description: String(value))
        case .null:
            return TypedOperand(operand: .literal(.null), type: .null, isOptional: true, description: "nil")
        case .error:
            return nil
        case .duration:
            diagnostics.error(.expectedValue("a duration"), at: expression.range,
                              hints: ["durations are used only for the auth block's token lifetime and @@events"])
            return nil
        case .size:
            diagnostics.error(.expectedValue("a size"), at: expression.range,
                              hints: ["sizes are used only for @maxSize on File fields"])
            return nil
        case .range:
            diagnostics.error(.expectedValue("a range"), at: expression.range,
                              hints: ["ranges are used only in @length and @range"])
            return nil
        case .method(let base, let method, let arguments) where method.name == "count":
            guard context.isRule else {
                diagnostics.error(.conditionNotAllowed("count()", "a @@check"), at: expression.range,
                                  hints: ["a check can use only the entity's own fields"])
                return nil
            }
            guard arguments.count <= 1 else {
                diagnostics.error(.attributeArguments("count(…)", "at most one condition"), at: expression.range)
                return nil
            }
            guard let (path, target) = checkListPath(base, method, context: context) else { return nil }
            var condition: RuleExpression?
            if let argument = arguments.first {
                guard let innerContext = innerContext(target, context, at: expression.range),
                      let inner = checkCondition(argument, context: innerContext) else { return nil }
                condition = inner
            }
            return TypedOperand(operand: .count(path, condition), type: .scalar(.int), isOptional: false,
                                description: "'\(path.description).count()' (Int)")
        case .call(let callee, _) where Habits.call(callee.name) != nil:
            reportUnknownFunction(callee)
            return nil
        case .call, .binary, .not, .method:
            diagnostics.error(.expectedValue("a condition"), at: expression.range,
                              hints: ["compare values, then combine the comparisons with && and ||"])
            return nil
        }
    }

    // MARK: Collections

    /// `members.any(user == auth)`, `tasks.all(done)`, `members.any()`.
    private mutating func checkCollection(_ base: ExpressionSyntax, _ method: Identifier, _ arguments: [ExpressionSyntax],
                                          context: ExpressionContext) -> RuleExpression? {
        let range = base.range.joined(method.range)
        guard context.isRule else {
            diagnostics.error(.conditionNotAllowed("\(method.name)(…)", "a @@check"), at: range,
                              hints: ["a check can use only the entity's own fields"])
            return nil
        }
        let quantifier = CollectionPredicate.Quantifier(rawValue: method.name)!
        guard arguments.count <= 1, quantifier == .any || arguments.count == 1 else {
            diagnostics.error(.attributeArguments("\(method.name)(…)", quantifier == .any ? "at most one condition" : "one condition"),
                              at: range, hints: ["for example members.\(method.name)(user == auth)"])
            return nil
        }
        guard let (path, target) = checkListPath(base, method, context: context) else { return nil }
        var condition: RuleExpression?
        if let argument = arguments.first {
            guard let innerContext = innerContext(target, context, at: range),
                  let inner = checkCondition(argument, context: innerContext) else { return nil }
            condition = inner
        }
        return .collection(CollectionPredicate(path: path, quantifier: quantifier, condition: condition))
    }

    /// `auth()`, `future()`, `any(list, c)`: the only function is `role(…)`; other tools' calls
    /// get the Otak spelling. `auth()` standing as a condition means `authenticated`.
    private mutating func reportUnknownFunction(_ callee: Identifier, asCondition: Bool = false) {
        let hint = asCondition && callee.name == "auth" ? "write 'authenticated' for a signed-in caller" : Habits.call(callee.name)
        diagnostics.error(.unknown("function", callee.name), at: callee.range,
                          hints: hint.map { [$0] } ?? Suggestions.hint(for: callee.name, among: ["role"]))
    }

    /// When `name`, unknown inside a list's condition, is a field of a row outside it.
    private func outerRowHint(_ name: String, context: ExpressionContext) -> [String] {
        guard let outer = context.outerEntities.last(where: { draft($0, name) != nil }) else { return [] }
        return ["inside any(…), all(…) and count(…) names are the fields of '\(context.entity)'; '\(name)' of the \(outer) outside cannot be named there"]
    }

    /// The context inside a collection predicate: the list's entity, one level deeper; `nil`
    /// (reported) past the deepest nesting.
    private mutating func innerContext(_ target: String, _ context: ExpressionContext, at range: SourceRange) -> ExpressionContext? {
        guard context.collectionDepth < ExpressionContext.maximumCollectionDepth else {
            diagnostics.error(.collectionTooDeep(ExpressionContext.maximumCollectionDepth), at: range,
                              hints: ["each level is one more subquery in every list's SQL; follow belongs-to relations instead where you can"])
            return nil
        }
        return ExpressionContext(entity: target, isRule: true, collectionDepth: context.collectionDepth + 1,
                                 updatedEntity: context.updatedEntity, outerEntities: context.outerEntities + [context.entity])
    }

    /// The path before `.any(…)`: belongs-to relations, then a list field. Returns it with the list's entity.
    private mutating func checkListPath(_ base: ExpressionSyntax, _ method: Identifier,
                                        context: ExpressionContext) -> (FieldPath, String)? {
        var names: [Identifier] = []
        var current = base
        while case .member(let inner, let member) = current.kind {
            names.insert(member, at: 0)
            current = inner
        }
        guard case .name(let root) = current.kind else {
            if case .error = current.kind { return nil }
            diagnostics.error(.notAList(SchemaFormatter.print(base), method.name), at: base.range,
                              hints: ["any, all and count follow a list field of the row, such as members.\(method.name)(…)"])
            return nil
        }
        names.insert(Identifier(name: root, range: current.range), at: 0)
        if draft(context.entity, root) == nil, root == "auth" {
            diagnostics.error(.conditionNotAllowed("auth.….\(method.name)(…)", "a rule"), at: base.range,
                              hints: ["start from the row: e.g. workspace.members.any(user == auth)"])
            return nil
        }
        var entity = context.entity
        var steps: [FieldPath.Step] = []
        for (position, name) in names.enumerated() {
            guard let field = draft(entity, name.name)?.field else {
                reportUnknownField(name, in: entity)
                return nil
            }
            steps.append(FieldPath.Step(entity: entity, field: field.name))
            let isLast = position == names.count - 1
            switch field.kind {
            case .belongsTo(let target, _) where !isLast:
                entity = target
            case .hasMany(let target, _) where isLast, .manyToMany(let target, _, _) where isLast:
                return (FieldPath(steps: steps), target)
            case .hasMany, .manyToMany:
                diagnostics.error(.listNotAllowed(field.name), at: name.range,
                                  hints: ["a list's rows are reached with any(…), all(…) or count()"])
                return nil
            default:
                let written = names[...position].map(\.name).joined(separator: ".")
                diagnostics.error(.notAList(written, method.name), at: name.range,
                                  hints: isLast ? ["\(method.name)(…) applies to list fields such as [Member]"]
                                      : ["only belongs-to relations have fields to follow"])
                return nil
            }
        }
        return nil
    }

    /// `price`, `order.customer`, `auth`, `auth.role`, `now`.
    private mutating func checkPath(_ expression: ExpressionSyntax, context: ExpressionContext) -> TypedOperand? {
        var names: [Identifier] = []
        var current = expression
        while case .member(let base, let member) = current.kind {
            names.insert(member, at: 0)
            current = base
        }
        guard case .name(let root) = current.kind else {
            if case .call(let callee, _) = current.kind, Habits.call(callee.name) != nil {
                reportUnknownFunction(callee)
            } else {
                diagnostics.error(.expectedValue("an expression before '.'"), at: current.range)
            }
            return nil
        }
        names.insert(Identifier(name: root, range: current.range), at: 0)

        var entity = context.entity
        var isAuth = false
        var isNew = false
        if draft(entity, root) == nil {
            switch root {
            case "auth" where context.isRule:
                guard requireAuth("auth", current.range), let auth else { return nil }
                if names.count == 1 {
                    return TypedOperand(operand: .auth, type: .reference(auth.entity), isOptional: false,
                                        description: "'auth' (\(auth.entity))")
                }
                entity = auth.entity
                isAuth = true
                names.removeFirst()
            case "now" where context.isRule && names.count == 1:
                return TypedOperand(operand: .now, type: .now, isOptional: false, description: "'now'")
            case "new" where context.isRule:
                guard let updated = context.updatedEntity else {
                    diagnostics.error(.conditionNotAllowed("new", "this rule"), at: current.range,
                                      hints: ["'new.field' is a value an update sends, so only rules of 'update' alone can use it"])
                    return nil
                }
                guard names.count > 1 else {
                    diagnostics.error(.expectedValue("'new' alone"), at: current.range,
                                      hints: ["name a field of the updated row: new.status"])
                    return nil
                }
                entity = updated
                isNew = true
                names.removeFirst()
            case _ where Self.conditionKeywords.contains(root):
                diagnostics.error(.expectedValue("'\(root)', which is a condition"), at: current.range,
                                  hints: root == "owner" ? ["'owner' already means the caller owns the row"] : [])
                return nil
            default:
                break
            }
        }
        if !context.isRule, names.count > 1 {
            diagnostics.error(.conditionNotAllowed(names.map(\.name).joined(separator: "."), "a @@check"),
                              at: expression.range, hints: ["a check can use only the entity's own fields"])
            return nil
        }
        var steps: [FieldPath.Step] = []
        var isOptional = false
        var type = OperandType.null
        var last: Field?
        for (position, name) in names.enumerated() {
            guard let field = draft(entity, name.name)?.field else {
                if !context.isRule, ["auth", "now"].contains(name.name) {
                    diagnostics.error(.conditionNotAllowed(name.name, "a @@check"), at: name.range,
                                      hints: ["a check can use only the entity's own fields"])
                } else {
                    reportUnknownField(name, in: entity, hints: position == 0 && !isAuth && !isNew
                                           ? outerRowHint(name.name, context: context) : [])
                }
                return nil
            }
            steps.append(FieldPath.Step(entity: entity, field: field.name))
            isOptional = isOptional || field.isOptional
            last = field
            switch field.kind {
            case .scalar(let scalar): type = .scalar(scalar)
            case .enumeration(let name): type = .enumeration(name)
            case .belongsTo(let target, _):
                type = .reference(target)
                entity = target
            case .hasMany, .manyToMany:
                diagnostics.error(.listNotAllowed(field.name), at: name.range)
                return nil
            }
            if position < names.count - 1, case .belongsTo = field.kind {} else if position < names.count - 1 {
                diagnostics.error(.noFields(field.name, typeDescription(field)), at: names[position + 1].range,
                                  hints: ["only belongs-to relations have fields to follow"])
                return nil
            }
        }
        let path = FieldPath(steps: steps)
        let written = (isAuth ? "auth." : isNew ? "new." : "") + path.description
        let operand: Operand = isAuth ? .authField(path) : isNew ? .newField(path) : .field(path)
        return TypedOperand(operand: operand, type: type, isOptional: isOptional,
                            description: "'\(written)' (\(last.map(typeDescription) ?? ""))")
    }
}
