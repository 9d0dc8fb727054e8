extension Checker {
    static let webhookKinds = Webhook.Kind.allCases.map(\.rawValue)
    /// Names whose `_URL` or `_SECRET` variable the server reads already.
    static let reservedWebhookNames: Set = ["APP", "DATABASE", "JWT"]

    /// `@@webhook("ORDER_PAID", updated, status == .paid)`: a name for the environment, kinds
    /// of event, and last a condition on the row. Returns `nil` after an error.
    mutating func checkWebhook(_ attribute: AttributeSyntax, entity: Entity) -> Webhook? {
        let example = "for example @@webhook(\"ORDER_PAID\", updated, status == .paid)"
        guard let arguments = attribute.arguments, let first = arguments.first else {
            diagnostics.error(.attributeArguments("@@webhook", "a name, then kinds of event and a condition"),
                              at: attribute.range, hints: [example])
            return nil
        }
        guard case .string(let name, _) = first.kind else {
            diagnostics.error(.attributeArguments("@@webhook", "a name in quotes first"), at: first.range, hints: [example])
            return nil
        }
        guard name.first.map({ $0 >= "A" && $0 <= "Z" }) == true,
              name.allSatisfy({ ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }), !name.hasSuffix("_")
        else {
            let suggestion = String(name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
            diagnostics.error(.webhookName(name), at: first.range,
                              hints: ["it prefixes environment variables (\(suggestion.isEmpty ? "NAME" : suggestion)_URL): write it in capitals, digits and _"])
            return nil
        }
        if Self.reservedWebhookNames.contains(name) {
            diagnostics.error(.webhookName(name), at: first.range,
                              hints: ["\(name)_URL or \(name)_SECRET is a setting of the server already: choose another name"])
            return nil
        }
        if let earlier = webhookNames[name] {
            diagnostics.error(.duplicate("webhook", name), at: first.range,
                              notes: [Note("'\(name)' is first declared here", at: earlier)])
            return nil
        }
        webhookNames[name] = first.range
        var kinds: [Webhook.Kind] = []
        var condition: RuleExpression?
        var failed = false
        for (position, argument) in arguments.enumerated().dropFirst() {
            if case .name(let word) = argument.kind, let kind = Webhook.Kind(rawValue: word) {
                if condition != nil || failed { continue }
                if kinds.contains(kind) {
                    diagnostics.error(.duplicate("kind of event", word), at: argument.range)
                    failed = true
                } else {
                    kinds.append(kind)
                }
                continue
            }
            guard position == arguments.count - 1 else {
                diagnostics.error(.attributeArguments("@@webhook", "kinds of event (\(Self.webhookKinds.joined(separator: ", "))), then one condition last"),
                                  at: argument.range, hints: [example])
                failed = true
                continue
            }
            let context = ExpressionContext(entity: entity.name, isRule: true)
            guard let checked = checkCondition(argument, context: context) else {
                failed = true
                continue
            }
            if checked == .isPublic {
                diagnostics.error(.conditionNotAllowed("public", "a webhook's condition"), at: argument.range,
                                  hints: ["leave the condition out to send every event of the kinds named"])
                failed = true
            } else if RuleWriter.refersToCaller(checked) {
                diagnostics.error(.conditionNotAllowed("the caller", "a webhook's condition"), at: argument.range,
                                  hints: ["a webhook's condition reads the row alone: the event's caller may be the server itself"])
                failed = true
            } else {
                condition = checked
            }
        }
        guard !failed else { return nil }
        return Webhook(name: name, kinds: kinds.isEmpty ? Webhook.defaultKinds : kinds, condition: condition)
    }

    /// `admin role(admin)` in the auth block: a condition on the caller alone.
    mutating func checkAdmin(_ expression: ExpressionSyntax, in entity: String) -> RuleExpression? {
        guard let condition = checkCondition(expression, context: ExpressionContext(entity: entity, isRule: true)) else { return nil }
        guard condition != .isPublic, !Self.refersToRow(condition) else {
            diagnostics.error(.adminNotOnCaller, at: expression.range,
                              hints: ["for example admin role(admin); the caller's own fields are auth.field"])
            return nil
        }
        return condition
    }

    /// Whether a condition reads a row other than the caller's.
    static func refersToRow(_ expression: RuleExpression) -> Bool {
        switch expression {
        case .isPublic, .authenticated, .hasRole: false
        case .isOwner, .isSelf, .collection: true
        case .not(let inner): refersToRow(inner)
        case .and(let lhs, let rhs), .or(let lhs, let rhs): refersToRow(lhs) || refersToRow(rhs)
        case .compare(let lhs, _, let rhs): isRow(lhs) || isRow(rhs)
        case .isTrue(let operand): isRow(operand)
        }
    }

    private static func isRow(_ operand: Operand) -> Bool {
        switch operand {
        case .field, .newField, .count, .auth: true
        case .authField, .now, .literal: false
        }
    }
}
