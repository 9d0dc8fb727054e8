extension Checker {
    static let authSettings = ["entity", "identity", "password", "role", "token", "reset", "verify", "admin"]

    /// Checks the `auth` block against the entity it names.
    mutating func checkAuth() {
        guard let declaration = authDeclaration else { return }
        var values: [String: (Identifier?, ExpressionSyntax)] = [:]
        for entry in declaration.entries {
            let key = entry.key.name
            guard Self.authSettings.contains(key) else {
                diagnostics.error(.unknown("auth setting", key), at: entry.key.range,
                                  hints: Suggestions.hint(for: key, among: Self.authSettings))
                continue
            }
            if let first = values[key] {
                diagnostics.error(.duplicate("auth setting", key), at: entry.key.range,
                                  notes: [Note("'\(key)' is first set here", at: first.1.range)])
                continue
            }
            if case .error = entry.value.kind {
                values[key] = (nil, entry.value)
                continue
            }
            if key == "token" || key == "admin" {
                values[key] = (nil, entry.value)
            } else if case .name(let name) = entry.value.kind {
                values[key] = (Identifier(name: name, range: entry.value.range), entry.value)
            } else {
                diagnostics.error(.expectedValue("\(key == "entity" ? "an entity" : "a field") name"),
                                  at: entry.value.range)
                values[key] = (nil, entry.value)
            }
        }
        for key in ["entity", "identity", "password"] where values[key] == nil && !damage.isDamaged("auth") {
            diagnostics.error(.authMissingSetting(key), at: declaration.keyword,
                              hints: ["add a line '\(key) …' inside the auth block"])
        }
        guard let entityValue = values["entity"], let entityName = entityValue.0 else { return }
        guard entityDeclarations[entityName.name] != nil else {
            if damage.mayMissDeclarations { return }
            diagnostics.error(.unknown("entity", entityName.name), at: entityName.range,
                              hints: Suggestions.hint(for: entityName.name, among: entityOrder))
            return
        }
        let entity = entityName.name
        // `POST /auth/register` takes JSON: it cannot carry a file.
        for draft in fields[entity] ?? [] where draft.field.kind == .scalar(.file) && !draft.field.isOptional {
            guard let syntax = draft.syntax else { continue }
            diagnostics.error(.unsupportedType("the auth entity's File fields must be optional"), at: syntax.type.range,
                              hints: ["write 'File?': users register with JSON, then upload with PUT /<entities>/{id}/\(draft.field.name)"])
        }
        let identity = authField(values["identity"]?.0, in: entity, key: "identity", expected: "a required @unique String") {
            $0.field.kind == .scalar(.string) && $0.field.isUnique && !$0.field.isOptional
        }
        let password = authField(values["password"]?.0, in: entity, key: "password", expected: "a required Password") {
            $0.field.kind == .scalar(.password) && !$0.field.isOptional
        }
        var roleEnum: String?
        let role = authField(values["role"]?.0, in: entity, key: "role", expected: "an enum with a @default") { draft in
            // A @default that failed to check was reported already; do not report it twice.
            let hasDefault = draft.syntax?.attributes.contains { $0.name.name == "default" } ?? false
            guard case .enumeration(let name) = draft.field.kind, !draft.field.isOptional, hasDefault else { return false }
            roleEnum = name
            return true
        }
        var lifetime = AuthConfiguration.defaultTokenLifetimeSeconds
        if let token = values["token"]?.1 {
            guard let seconds = durationSeconds(token) else {
                if case .error = token.kind { return }
                diagnostics.error(.invalidDuration(tokenText(token)), at: token.range,
                                  hints: ["write a whole number and a unit: 30m, 12h, 7d, 2w (at most 365d)"])
                return
            }
            lifetime = seconds
        }
        guard let identity, let password, values["role"] == nil || role != nil else { return }
        // `reset password` and `verify email` name the fields they act on, and mail the identity.
        let resets = mailedSetting(values["reset"], naming: password, identity: identity, in: entity)
        let verifies = mailedSetting(values["verify"], naming: identity, identity: identity, in: entity)
        guard let resets, let verifies else { return }
        if verifies, !declareVerifiedField(in: entity, at: values["verify"]!.1.range) { return }
        auth = AuthConfiguration(entity: entity, identityField: identity, passwordField: password,
                                 roleField: role, roleEnum: roleEnum, tokenLifetimeSeconds: lifetime,
                                 resetsPasswords: resets, verifiesEmail: verifies)
        if let admin = values["admin"]?.1 {
            let condition: RuleExpression? = if case .error = admin.kind { nil } else { checkAdmin(admin, in: entity) }
            auth?.admin = condition
            if condition != nil { adminRange = admin.range }
        }
    }

    /// Whether `reset password` or `verify email` is declared (`nil` after an error): its value
    /// must name `field`, and the identity must be an `@email` field, where the mail goes.
    private mutating func mailedSetting(_ value: (Identifier?, ExpressionSyntax)?, naming field: String, identity: String,
                                        in entity: String) -> Bool? {
        guard let value else { return false }
        guard let name = value.0 else { return nil }
        guard name.name == field else {
            diagnostics.error(.authMailedField(name.name, field), at: name.range,
                              hints: ["write '\(field)': the auth block's \(field == identity ? "identity" : "password") field"])
            return nil
        }
        guard draft(entity, identity)?.field.isEmail == true else {
            diagnostics.error(.authNeedsEmailIdentity(identity), at: name.range,
                              notes: draft(entity, identity)?.syntax.map { [Note("'\(identity)' is declared here", at: $0.range)] } ?? [],
                              hints: ["mark '\(identity)' @email: the server mails its links there"])
            return nil
        }
        return true
    }

    /// Adds `emailVerified` (Bool, read-only, false until a link mailed to the identity is
    /// opened) to the auth entity, for rules (`auth.emailVerified`) and clients to read.
    private mutating func declareVerifiedField(in entity: String, at range: SourceRange) -> Bool {
        let name = AuthConfiguration.verifiedField
        if let existing = draft(entity, name) {
            diagnostics.error(.duplicate("field", name), at: existing.syntax?.name.range ?? range,
                              notes: [Note("'verify' declares '\(name)' on '\(entity)'", at: range)],
                              hints: ["remove the field: the server keeps it"])
            return false
        }
        let field = Field(
            name: name, swiftName: name, jsonName: name, column: Naming.snakeCase(name), kind: .scalar(.bool),
            isOptional: false, isUnique: false, defaultValue: .bool(false), length: nil, range: nil, pattern: nil,
            isEmail: false, isURL: false, isReadOnly: true, isHidden: false, isOwner: false, isPrimaryKey: false)
        fieldPositions[entity]![name] = fields[entity]!.count
        fields[entity]!.append(FieldDraft(syntax: nil, field: field))
        return true
    }

    private mutating func authField(_ name: Identifier?, in entity: String, key: String, expected: String,
                                    _ accepts: (FieldDraft) -> Bool) -> String? {
        guard let name else { return nil }
        guard let draft = draft(entity, name.name) else {
            reportUnknownField(name, in: entity)
            return nil
        }
        guard accepts(draft) else {
            if damage.isDamaged(entity) { return nil }
            diagnostics.error(.authFieldType(key, name.name, expected), at: name.range,
                              notes: draft.syntax.map { [Note("'\(name.name)' is declared here", at: $0.range)] } ?? [])
            return nil
        }
        return name.name
    }

    func durationSeconds(_ expression: ExpressionSyntax) -> Int? {
        guard case .duration(let text) = expression.kind, let unit = text.last,
              let amount = Int(text.dropLast()), amount > 0 else { return nil }
        let scale = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800][String(unit)] ?? 0
        let seconds = amount.multipliedReportingOverflow(by: scale)
        guard !seconds.overflow, seconds.partialValue > 0, seconds.partialValue <= 365 * 86_400 else { return nil }
        return seconds.partialValue
    }

    private func tokenText(_ expression: ExpressionSyntax) -> String {
        switch expression.kind {
        case .duration(let text), .size(let text), .integer(let text), .decimal(let text), .name(let text): text
        case .string(let text, _): text
        default: "this value"
        }
    }

    /// An `@owner` field must be a required relation to the auth entity, at most one per entity.
    mutating func checkOwner(of entity: String) {
        var first: FieldDraft?
        for draft in fields[entity]! where draft.field.isOwner {
            guard let syntax = draft.syntax,
                  let attribute = syntax.attributes.first(where: { $0.name.name == "owner" }) else { continue }
            guard let auth else {
                if authDeclaration == nil, !damage.mayMissDeclarations {
                    diagnostics.error(.ownerNotAuthEntity(draft.field.name), at: attribute.range,
                                      hints: ["'@owner' needs an auth block that names who signs in"])
                }
                continue
            }
            guard case .belongsTo(auth.entity, _) = draft.field.kind, !draft.field.isOptional else {
                diagnostics.error(.ownerNotAuthEntity(draft.field.name), at: attribute.range,
                                  hints: ["an owner is a required relation to the auth entity: \(draft.field.name) \(auth.entity)"])
                continue
            }
            if let first, let firstSyntax = first.syntax {
                diagnostics.error(.duplicate("@owner field", draft.field.name), at: attribute.range,
                                  notes: [Note("'\(first.field.name)' is already the owner", at: firstSyntax.range)])
                continue
            }
            first = draft
        }
    }
}
