/// Finds request values that break an `@@check`, and values that satisfy it, for the generated
/// tests: each field the check reads gets a few values its own rules accept (edges of its
/// range, the check's literals and their neighbours, every enum case, both booleans, null),
/// and the combinations are evaluated with SQL's three-valued logic, as the server does.
struct CheckSampler {
    let entity: Entity
    let schema: Schema

    /// Field values as JSON keys and Swift `JSONValue` expressions.
    typealias Assignment = [(jsonName: String, value: String)]

    /// Values making the check false, and values making it true; `nil` when the check reads
    /// something a request cannot set (a relation, `now`, a computed or read-only field
    /// without a literal default) or no combination tried breaks it.
    func cases(for check: Check) -> (rejected: Assignment, accepted: Assignment?)? {
        var fields: [Field] = []
        guard collectFields(check.condition, into: &fields) else { return nil }
        var candidates: [[Candidate]] = []
        for field in fields {
            let values = self.candidates(field, literals: literals(comparedWith: field, in: check.condition))
            guard !values.isEmpty else { return nil }
            candidates.append(values)
        }
        guard candidates.reduce(1, { $0 * $1.count }) <= 4096 else { return nil }

        var rejected: Assignment?
        var accepted: Assignment?
        var choice = [Int](repeating: 0, count: fields.count)
        while rejected == nil || accepted == nil {
            var values: [String: Value] = [:]
            for (index, field) in fields.enumerated() { values[field.name] = candidates[index][choice[index]].value }
            let assignment = fields.indices.compactMap { index -> (jsonName: String, value: String)? in
                candidates[index][choice[index]].json.map { (fields[index].jsonName, $0) }
            }
            switch evaluate(check.condition, values) {
            case false?: if rejected == nil { rejected = assignment }
            case true?: if accepted == nil { accepted = assignment }
            case nil: break
            }
            // The next combination, like an odometer.
            var position = fields.count - 1
            while position >= 0 {
                choice[position] += 1
                if choice[position] < candidates[position].count { break }
                choice[position] = 0
                position -= 1
            }
            if position < 0 { break }
        }
        return rejected.map { ($0, accepted) }
    }

    // MARK: Values

    /// A value as the check sees it.
    enum Value: Equatable {
        case null
        case bool(Bool)
        case number(Double)
        /// Text, enum cases and ISO dates, which order like the dates they spell.
        case text(String)
    }

    /// A value and how a test sends it; `json` is nil for a read-only field's default, which
    /// the request leaves out.
    struct Candidate {
        var value: Value
        var json: String?
    }

    private func candidates(_ field: Field, literals: [Literal]) -> [Candidate] {
        if field.isReadOnly || field.isPrimaryKey {
            return defaultValue(field).map { [Candidate(value: $0, json: nil)] } ?? []
        }
        var result: [Candidate] = []
        switch field.kind {
        case .scalar(.bool):
            result = [false, true].map { Candidate(value: .bool($0), json: ".bool(\($0))") }
        case .scalar(.int), .scalar(.double), .scalar(.decimal):
            result = numbers(field, literals: literals).map { number in
                let json = number == number.rounded() && abs(number) < 1e15 ? ".integer(\(Int(number)))" : ".double(\(number))"
                return Candidate(value: .number(number), json: json)
            }
        case .scalar(.string), .scalar(.text):
            let sample = SampleValues(field: field, schema: schema)
            var texts = (0..<2).compactMap { sample.text(variant: $0) }
            for case .string(let text) in literals where sample.accepts(text) { texts += [text] }
            result = unique(texts).map { Candidate(value: .text($0), json: SampleValues.string($0)) }
        case .scalar(.date), .scalar(.dateTime):
            let suffix = field.kind == .scalar(.date) ? "" : "T12:00:00.000Z"
            result = ["2030-01-01", "2030-06-15", "2031-01-01"].map {
                Candidate(value: .text($0 + suffix), json: ".string(\"\($0 + suffix)\")")
            }
        case .enumeration(let name):
            result = (schema.enumType(named: name)?.cases ?? []).map { Candidate(value: .text($0), json: SampleValues.string($0)) }
        default:
            return []
        }
        if field.isOptional { result.append(Candidate(value: .null, json: ".null")) }
        return result
    }

    /// Numbers the field's range accepts: its edges, a middle value, and each literal of the
    /// check with its neighbours.
    private func numbers(_ field: Field, literals: [Literal]) -> [Double] {
        let minimum = field.range?.minimum.flatMap(Double.init)
        let maximum = field.range?.maximum.flatMap(Double.init)
        var result = [minimum, maximum].compactMap { $0 }
        result.append(minimum.map { low in maximum.map { (low + $0) / 2 } ?? low + 10 } ?? maximum.map { $0 - 10 } ?? 10)
        let isInteger = field.kind == .scalar(.int)
        for literal in literals {
            let value: Double? = switch literal {
            case .integer(let number): Double(number)
            case .number(let text): Double(text)
            default: nil
            }
            guard let value else { continue }
            let step = isInteger || value == value.rounded() ? 1 : 0.01
            result += [value - step, value, value + step]
        }
        return unique(result.filter { value in
            (minimum.map { value >= $0 } ?? true) && (maximum.map { value <= $0 } ?? true)
                && (!isInteger || value == value.rounded())
        })
    }

    private func defaultValue(_ field: Field) -> Value? {
        switch field.defaultValue {
        case .string(let text)?: .text(text)
        case .integer(let value)?: .number(Double(value))
        case .number(let text)?: Double(text).map(Value.number)
        case .bool(let flag)?: .bool(flag)
        case .enumCase(let name)?: .text(name)
        case nil: field.isOptional ? .null : nil
        case .now?, .json?: nil
        }
    }

    private func unique<T: Equatable>(_ values: [T]) -> [T] {
        var result: [T] = []
        for value in values where !result.contains(value) { result.append(value) }
        return result
    }

    // MARK: The condition

    /// The entity's own fields the condition reads, in order; false when it reads anything else.
    private func collectFields(_ expression: RuleExpression, into fields: inout [Field]) -> Bool {
        switch expression {
        case .not(let inner):
            return collectFields(inner, into: &fields)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            return collectFields(lhs, into: &fields) && collectFields(rhs, into: &fields)
        case .isTrue(let operand):
            return collectField(operand, into: &fields)
        case .compare(let lhs, _, let rhs):
            return collectField(lhs, into: &fields) && collectField(rhs, into: &fields)
        case .isPublic, .authenticated, .isOwner, .isSelf, .hasRole, .collection:
            return false
        }
    }

    private func collectField(_ operand: Operand, into fields: inout [Field]) -> Bool {
        switch operand {
        case .literal:
            return true
        case .field:
            guard let field = field(operand) else { return false }
            if !fields.contains(where: { $0.name == field.name }) { fields.append(field) }
            return true
        case .now, .auth, .authField, .count, .newField:
            return false
        }
    }

    private func field(_ operand: Operand) -> Field? {
        guard case .field(let path) = operand, path.steps.count == 1, let step = path.steps.first,
              step.entity == entity.name else { return nil }
        return entity.field(named: step.field)
    }

    /// The literals the condition compares `field` with.
    private func literals(comparedWith field: Field, in expression: RuleExpression) -> [Literal] {
        switch expression {
        case .not(let inner):
            return literals(comparedWith: field, in: inner)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            return literals(comparedWith: field, in: lhs) + literals(comparedWith: field, in: rhs)
        case .compare(let lhs, _, let rhs):
            if self.field(lhs)?.name == field.name, case .literal(let literal) = rhs { return [literal] }
            if self.field(rhs)?.name == field.name, case .literal(let literal) = lhs { return [literal] }
            return []
        default:
            return []
        }
    }

    /// SQL's three-valued logic: `nil` is unknown.
    private func evaluate(_ expression: RuleExpression, _ values: [String: Value]) -> Bool? {
        switch expression {
        case .not(let inner):
            return evaluate(inner, values).map(!)
        case .and(let lhs, let rhs):
            let left = evaluate(lhs, values), right = evaluate(rhs, values)
            if left == false || right == false { return false }
            return left == true && right == true ? true : nil
        case .or(let lhs, let rhs):
            let left = evaluate(lhs, values), right = evaluate(rhs, values)
            if left == true || right == true { return true }
            return left == false && right == false ? false : nil
        case .isTrue(let operand):
            if case .bool(let flag)? = value(operand, values) { return flag }
            return nil
        case .compare(let lhs, let op, let rhs):
            guard let left = value(lhs, values), let right = value(rhs, values) else { return nil }
            if case .literal(.null) = rhs { return op == .equal ? left == .null : left != .null }
            if case .literal(.null) = lhs { return op == .equal ? right == .null : right != .null }
            return compare(left, op, right)
        case .isPublic, .authenticated, .isOwner, .isSelf, .hasRole, .collection:
            return nil
        }
    }

    private func value(_ operand: Operand, _ values: [String: Value]) -> Value? {
        switch operand {
        case .field: return field(operand).flatMap { values[$0.name] }
        case .literal(.integer(let number)): return .number(Double(number))
        case .literal(.number(let text)): return Double(text).map(Value.number)
        case .literal(.string(let text)): return .text(text)
        case .literal(.bool(let flag)): return .bool(flag)
        case .literal(.enumCase(_, let name)): return .text(name)
        case .literal(.null): return .null
        case .now, .auth, .authField, .count, .newField: return nil
        }
    }

    private func compare(_ left: Value, _ op: ComparisonOperator, _ right: Value) -> Bool? {
        switch (left, right) {
        case (.null, _), (_, .null):
            return nil
        case (.bool(let a), .bool(let b)):
            switch op {
            case .equal: return a == b
            case .notEqual: return a != b
            default: return nil
            }
        case (.number(let a), .number(let b)):
            return order(a, op, b)
        case (.text(let a), .text(let b)):
            return order(a, op, b)
        default:
            return nil
        }
    }

    private func order<T: Comparable>(_ a: T, _ op: ComparisonOperator, _ b: T) -> Bool {
        switch op {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        }
    }
}
