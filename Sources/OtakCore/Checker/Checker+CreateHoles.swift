extension Checker {
    /// Warns about fields whose values an update rule (or a deny rule) restricts while nothing
    /// restricts them on create: whoever may create a row could create it already past the
    /// state those rules guard, such as an order created `paid` where updates need `pending`.
    mutating func warnAboutCreateHoles(_ entities: [Entity]) {
        for entity in entities {
            let creators = entity.rules(for: .create)
            // Nobody may create a row: no hole.
            guard !creators.isEmpty else { continue }
            var coveredOnCreate = Set<String>()
            for rule in entity.rules where rule.operations.contains(.create) {
                coveredOnCreate.formUnion(rule.fields)
                coveredOnCreate.formUnion(Self.restrictions(in: rule.condition).map(\.field))
            }
            // Roles an update rule lets through whatever the row holds: if every creator has one,
            // creating a row is no way around the update rules.
            let creatorRoles = Self.roles(of: creators)
            var freeUpdaters = Set<String>()
            for rule in entity.rules(for: .update) {
                for case .hasRole(let roles) in Self.disjuncts(rule.condition) { freeUpdaters.formUnion(roles) }
            }
            let creatorsUpdateFreely = creatorRoles.map { $0.isSubset(of: freeUpdaters) } ?? false
            var warned = Set<String>()
            for rule in (creatorsUpdateFreely ? [] : entity.rules(for: .update)) + entity.denyRules(for: .update) {
                for (name, text) in Self.restrictions(in: rule.condition) where !coveredOnCreate.contains(name) {
                    guard let field = entity.field(named: name), field.isStored, !field.isReadOnly, !field.isOwner,
                          !(auth?.entity == entity.name && auth?.roleField == name),
                          let position = fieldPositions[entity.name]?[name],
                          let declaration = fields[entity.name]?[position].syntax,
                          warned.insert(name).inserted
                    else { continue }
                    let kind = rule.isDeny ? "a deny rule" : "an update rule"
                    diagnostics.warning(
                        .createHole(name, entity.name, "\(kind) restricts it (`\(text)`), but nothing restricts it on create"),
                        at: declaration.name.range,
                        hints: ["a caller who may create \(Naming.words(entity.name).joined(separator: " ").lowercased()) rows can set any '\(name)': add `allow create(\(name)): …` for those who may, or make it @readonly"])
                }
            }
        }
    }

    /// The roles that `role(…)` rules name, when each rule is only that; `nil` otherwise.
    static func roles(of rules: [Rule]) -> Set<String>? {
        var roles = Set<String>()
        for rule in rules {
            guard case .hasRole(let names) = rule.condition else { return nil }
            roles.formUnion(names)
        }
        return roles
    }

    /// `a || b || c` as `[a, b, c]`.
    static func disjuncts(_ condition: RuleExpression) -> [RuleExpression] {
        if case .or(let lhs, let rhs) = condition { return disjuncts(lhs) + disjuncts(rhs) }
        return [condition]
    }

    /// The fields of the row itself that a condition compares with a value (`status ==
    /// .pending`, not `nil`) or reads as a flag (`locked`), with the comparison as written.
    static func restrictions(in condition: RuleExpression) -> [(field: String, text: String)] {
        switch condition {
        case .isPublic, .authenticated, .isOwner, .isSelf, .hasRole, .collection:
            return []
        case .not(let inner):
            return restrictions(in: inner).map { ($0.field, "!(\($0.text))") }
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            return restrictions(in: lhs) + restrictions(in: rhs)
        case .isTrue(.field(let path)) where path.steps.count == 1:
            return [(path.description, path.description)]
        case .isTrue:
            return []
        case .compare(let lhs, let op, let rhs):
            switch (lhs, rhs) {
            // A comparison with nil asks whether a value is there, not which: no state to guard.
            case (.field(let path), .literal(let literal)) where path.steps.count == 1 && literal != .null:
                return [(path.description, "\(path.description) \(op.rawValue) \(literal.text)")]
            case (.literal(let literal), .field(let path)) where path.steps.count == 1 && literal != .null:
                return [(path.description, "\(literal.text) \(op.rawValue) \(path.description)")]
            default:
                return []
            }
        }
    }
}
