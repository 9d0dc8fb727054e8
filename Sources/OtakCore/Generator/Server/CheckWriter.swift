/// Writes an `@@check` condition as a SQL `CHECK` for each dialect and as Swift that agrees
/// with it: SQL's three-valued logic, where a comparison with null is unknown and an unknown
/// check passes.
struct CheckWriter {
    let entity: Entity
    let schema: Schema

    /// The SQL condition, or `nil` when it cannot be a table constraint (it uses `now`).
    func sql(_ expression: RuleExpression, _ dialect: SQLDialect) -> String? {
        switch expression {
        case .not(let inner):
            return sql(inner, dialect).map { "NOT (\($0))" }
        case .and(let lhs, let rhs):
            guard let lhs = sql(lhs, dialect), let rhs = sql(rhs, dialect) else { return nil }
            return "(\(lhs) AND \(rhs))"
        case .or(let lhs, let rhs):
            guard let lhs = sql(lhs, dialect), let rhs = sql(rhs, dialect) else { return nil }
            return "(\(lhs) OR \(rhs))"
        case .isTrue(let operand):
            return sqlOperand(operand, dialect)
        case .compare(let lhs, let op, let rhs):
            if case .literal(.null) = rhs, let lhs = sqlOperand(lhs, dialect) {
                return op == .equal ? "\(lhs) IS NULL" : "\(lhs) IS NOT NULL"
            }
            if case .literal(.null) = lhs, let rhs = sqlOperand(rhs, dialect) {
                return op == .equal ? "\(rhs) IS NULL" : "\(rhs) IS NOT NULL"
            }
            guard let left = sqlOperand(lhs, dialect), let right = sqlOperand(rhs, dialect) else { return nil }
            return "\(left) \(sqlOperator(op)) \(right)"
        case .isPublic, .authenticated, .isOwner, .isSelf, .hasRole, .collection:
            return nil
        }
    }

    /// A Swift expression of type `Bool?` over the fields of a record, inside its method.
    func swift(_ expression: RuleExpression) -> String {
        switch expression {
        case .not(let inner): return "SQLLogic.not(\(swift(inner)))"
        case .and(let lhs, let rhs): return "SQLLogic.and(\(swift(lhs)), \(swift(rhs)))"
        case .or(let lhs, let rhs): return "SQLLogic.or(\(swift(lhs)), \(swift(rhs)))"
        case .isTrue(let operand): return swiftOperand(operand, context: nil)
        case .compare(let lhs, let op, let rhs):
            if case .literal(.null) = rhs { return nullTest(lhs, op) }
            if case .literal(.null) = lhs { return nullTest(rhs, op) }
            let kind = operandKind(lhs) ?? operandKind(rhs)
            let left = swiftOperand(lhs, context: kind)
            let right = swiftOperand(rhs, context: kind)
            switch op {
            case .equal: return "SQLLogic.equal(\(left), \(right))"
            case .notEqual: return "SQLLogic.not(SQLLogic.equal(\(left), \(right)))"
            default: return "SQLLogic.compare(\(left), \(right), \(op.rawValue))"
            }
        case .isPublic, .authenticated, .isOwner, .isSelf, .hasRole, .collection:
            return "nil"
        }
    }

    /// The field a failed check is reported on: the first one it mentions.
    func firstField(_ expression: RuleExpression) -> String? {
        switch expression {
        case .not(let inner): return firstField(inner)
        case .and(let lhs, let rhs), .or(let lhs, let rhs): return firstField(lhs) ?? firstField(rhs)
        case .isTrue(let operand): return operandField(operand)?.jsonName
        case .compare(let lhs, _, let rhs): return (operandField(lhs) ?? operandField(rhs))?.jsonName
        default: return nil
        }
    }

    private func nullTest(_ operand: Operand, _ op: ComparisonOperator) -> String {
        let value = swiftOperand(operand, context: nil)
        return op == .equal ? "Optional(\(value) == nil)" : "Optional(\(value) != nil)"
    }

    private func operandField(_ operand: Operand) -> Field? {
        guard case .field(let path) = operand, path.steps.count == 1, let step = path.steps.first else { return nil }
        return schema.entity(named: step.entity)?.field(named: step.field)
    }

    private func operandKind(_ operand: Operand) -> FieldKind? {
        operandField(operand)?.kind
    }

    private func sqlOperand(_ operand: Operand, _ dialect: SQLDialect) -> String? {
        switch operand {
        case .field:
            return operandField(operand)?.column.map(SQLDialect.quote)
        case .literal(let literal):
            switch literal {
            case .integer(let value): return String(value)
            case .number(let text): return text
            case .string(let text): return SQLDialect.stringLiteral(text)
            case .bool(let value): return dialect.boolLiteral(value)
            case .enumCase(_, let name): return SQLDialect.stringLiteral(name)
            case .null: return "NULL"
            }
        case .now, .auth, .authField, .count, .newField:
            return nil
        }
    }

    private func swiftOperand(_ operand: Operand, context kind: FieldKind?) -> String {
        switch operand {
        case .field:
            return operandField(operand)?.swiftName ?? ""
        case .now:
            return kind == .scalar(.date) ? "CalendarDate.today()" : "Timestamp.now()"
        case .literal(let literal):
            switch literal {
            case .integer(let value): return kind.map { SwiftCode.number(String(value), as: $0) } ?? String(value)
            case .number(let text): return kind.map { SwiftCode.number(text, as: $0) } ?? text
            case .string(let text): return SwiftCode.stringLiteral(text)
            case .bool(let value): return value ? "true" : "false"
            case .enumCase(let type, let name): return "\(type).\(ReservedNames.swiftIdentifier(name))"
            case .null: return "nil"
            }
        case .auth, .authField, .count, .newField:
            return "nil"
        }
    }

    private func sqlOperator(_ op: ComparisonOperator) -> String {
        switch op {
        case .equal: "="
        case .notEqual: "<>"
        default: op.rawValue
        }
    }

    /// Whether the parentheses opening `condition` close at its end, so that they can be dropped.
    static func isOneGroup(_ condition: String) -> Bool {
        var depth = 0
        var inString = false
        for (offset, character) in condition.enumerated() {
            if character == "'" { inString.toggle() }
            if inString { continue }
            if character == "(" { depth += 1 }
            if character == ")" {
                depth -= 1
                if depth == 0 { return offset == condition.count - 1 }
            }
        }
        return false
    }
}
