/// The checker's diagnostics, in alphabetical order of their identifiers.
extension Message {
    static func ambiguousInverse(_ field: String, _ target: String) -> Message {
        Message(id: "ambiguous-inverse", "'\(field)' has more than one possible back-reference in '\(target)'")
    }
    static func attributeArguments(_ attribute: String, _ expected: String) -> Message {
        Message(id: "attribute-arguments", "'\(attribute)' takes \(expected)")
    }
    static func attributeDoesNotFit(_ attribute: String, _ type: String) -> Message {
        Message(id: "attribute-type-mismatch", "'\(attribute)' cannot be used on a field of type \(type)")
    }
    static func authMissingSetting(_ key: String) -> Message {
        Message(id: "auth-missing-setting", "the auth block needs '\(key)'")
    }
    static func authFieldType(_ key: String, _ field: String, _ expected: String) -> Message {
        Message(id: "auth-field-type", "the \(key) field '\(field)' must be \(expected)")
    }
    static func authMailedField(_ written: String, _ expected: String) -> Message {
        Message(id: "auth-mailed-field", "'\(written)' is not the field this setting acts on: '\(expected)'")
    }
    static func authNeedsEmailIdentity(_ identity: String) -> Message {
        Message(id: "auth-needs-email-identity", "password reset and email verification need an @email identity, and '\(identity)' is not one")
    }
    static func badRange(_ detail: String) -> Message {
        Message(id: "invalid-range", detail)
    }
    static func badDefault(_ detail: String) -> Message {
        Message(id: "invalid-default", detail)
    }
    static func collectionTooDeep(_ depth: Int) -> Message {
        Message(id: "collection-too-deep", "collection predicates nest at most \(depth) deep")
    }
    static let constantComparison = Message(id: "constant-comparison", "this comparison does not use any field")
    static func conditionNotAllowed(_ name: String, _ context: String) -> Message {
        Message(id: "condition-not-allowed", "'\(name)' cannot be used in \(context)")
    }
    static func webhookName(_ name: String) -> Message {
        Message(id: "webhook-name", "'\(name)' cannot name a webhook")
    }
    static let adminNotOnCaller = Message(
        id: "admin-not-on-caller", "'admin' is a condition on the signed-in caller alone, not on a row or on everyone")
    static func webhookWithoutEvents(_ entity: String) -> Message {
        Message(id: "webhook-without-events", "'\(entity)' has a @@webhook but no @@events")
    }
    static func duplicate(_ kind: String, _ name: String) -> Message {
        Message(id: "duplicate-declaration", "duplicate \(kind) '\(name)'")
    }
    static func earlierNameInUse(_ kind: String, _ name: String) -> Message {
        Message(id: "earlier-name-in-use", "'\(name)' cannot be this \(kind)'s earlier name")
    }
    static func emptyEnum(_ name: String) -> Message {
        Message(id: "empty-enum", "enum '\(name)' has no cases")
    }
    static func expectedCondition(_ what: String) -> Message {
        Message(id: "expected-condition", "expected a condition, found \(what)")
    }
    static func expectedValue(_ what: String) -> Message {
        Message(id: "expected-value", "expected a value, found \(what)")
    }
    static let implicitID = Message(id: "implicit-id", "'id' is implicit: every entity has a UUID primary key 'id'")
    static func incompatibleComparison(_ lhs: String, _ rhs: String) -> Message {
        Message(id: "incompatible-comparison", "cannot compare \(lhs) with \(rhs)")
    }
    static func invalidDuration(_ text: String) -> Message {
        Message(id: "invalid-duration", "'\(text)' is not a valid token lifetime")
    }
    static func invalidPattern(_ detail: String) -> Message {
        Message(id: "invalid-pattern", "invalid regular expression: \(detail)")
    }
    static func listNotAllowed(_ field: String) -> Message {
        Message(id: "list-in-path", "'\(field)' is a list; rules can only follow belongs-to relations")
    }
    static let mixedRule = Message(id: "mixed-rule", "a rule cannot mix field-level and whole-row operations")
    static let missingApp = Message(id: "missing-app", "the schema has no 'app' declaration")
    static func missingInverse(_ field: String, _ target: String, _ entity: String) -> Message {
        Message(id: "missing-inverse", "'\(field)' lists '\(target)', but '\(target)' has no field pointing back to '\(entity)'")
    }
    static func nameCollision(_ what: String, _ name: String) -> Message {
        Message(id: "name-collision", "\(what) '\(name)' is produced twice")
    }
    static func nameStyle(_ kind: String, _ name: String, _ style: String) -> Message {
        Message(id: "name-style", "\(kind) name '\(name)' must be \(style)")
    }
    static func noFields(_ field: String, _ type: String) -> Message {
        Message(id: "no-fields", "'\(field)' is \(type), which has no fields")
    }
    static func notABackReference(_ field: String, _ entity: String) -> Message {
        Message(id: "not-a-back-reference", "'\(field)' does not point back to '\(entity)'")
    }
    static func notAList(_ written: String, _ method: String) -> Message {
        Message(id: "not-a-list", "'\(written)' is not a list: \(method)(…) applies to list fields")
    }
    static func orderingNotAllowed(_ op: String, _ operand: String) -> Message {
        Message(id: "ordering-not-allowed", "'\(op)' needs numbers, dates or times, but \(operand) is not one")
    }
    static func ownerNotAuthEntity(_ field: String) -> Message {
        Message(id: "owner-not-auth-entity", "'@owner' field '\(field)' must refer to the auth entity")
    }
    static func ownerWithoutField(_ entity: String) -> Message {
        Message(id: "owner-without-field", "'owner' is used in a rule, but entity '\(entity)' has no '@owner' field")
    }
    static func readonlyNeedsValue(_ field: String) -> Message {
        Message(id: "readonly-needs-value", "readonly field '\(field)' needs a default or must be optional")
    }
    static func readonlyInRule(_ field: String) -> Message {
        Message(id: "readonly-field-rule", "field '\(field)' is readonly: no client can write it")
    }
    static func redundant(_ detail: String) -> Message {
        Message(id: "redundant", detail)
    }
    static func derivedNameClash(_ name: String, _ entity: String) -> Message {
        Message(id: "derived-name-clash", "'\(name)' clashes with a type generated for entity '\(entity)'")
    }
    static func createHole(_ field: String, _ entity: String, _ detail: String) -> Message {
        Message(id: "create-hole", "'\(field)' of '\(entity)': \(detail)")
    }
    static func reservedName(_ name: String, _ reason: String) -> Message {
        Message(id: "reserved-name", "'\(name)' cannot be used as a name: \(reason)")
    }
    static func sharedInverse(_ first: String, _ second: String, _ inverse: String) -> Message {
        Message(id: "shared-inverse", "'\(first)' and '\(second)' would both list the rows of '\(inverse)'")
    }
    static func sqlNameTooLong(_ name: String) -> Message {
        Message(id: "sql-name-too-long", "SQL name '\(name)' is longer than 63 bytes")
    }
    static func unknown(_ kind: String, _ name: String) -> Message {
        Message(id: "unknown-name", "unknown \(kind) '\(name)'")
    }
    static func unknownCase(_ name: String, _ enumName: String) -> Message {
        Message(id: "unknown-case", "enum '\(enumName)' has no case '\(name)'")
    }
    static func unknownField(_ name: String, _ entity: String) -> Message {
        Message(id: "unknown-field", "entity '\(entity)' has no field '\(name)'")
    }
    static func unknownType(_ name: String) -> Message {
        Message(id: "unknown-type", "unknown type '\(name)'")
    }
    static func invalidMediaType(_ text: String) -> Message {
        Message(id: "invalid-media-type", "'\(text)' is not a media type")
    }
    static func unsupportedType(_ detail: String) -> Message {
        Message(id: "unsupported-type", detail)
    }
}
