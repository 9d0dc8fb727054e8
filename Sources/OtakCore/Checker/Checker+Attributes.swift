import Foundation

extension Checker {
    static let fieldAttributes = [
        "accept", "default", "email", "hidden", "inverse", "length", "maxSize", "onDelete", "owner", "pattern", "range",
        "readonly", "renamedFrom", "unique", "url",
    ]
    static let entityAttributes = ["check", "events", "index", "renamedFrom", "unique", "webhook"]

    // MARK: Field attributes

    mutating func checkFieldAttributes(of entity: String) {
        for draft in fields[entity]! {
            guard let syntax = draft.syntax else { continue }
            var field = draft.field
            var seen: [String: SourceRange] = [:]
            for attribute in syntax.attributes {
                let name = attribute.name.name
                guard !name.isEmpty else { continue }
                if let first = seen[name] {
                    diagnostics.error(.duplicate("attribute", "@" + name), at: attribute.range,
                                      notes: [Note("'@\(name)' is first used here", at: first)])
                    continue
                }
                seen[name] = attribute.range
                if attribute.containsError { continue }
                if attribute.isEntityLevel {
                    diagnostics.error(.unknown("field attribute", "@@" + name), at: attribute.range,
                                      hints: ["'@@' attributes stand on their own line inside the entity; write '@\(name)' after the field"])
                    continue
                }
                apply(attribute, to: &field, list: draft.listTarget != nil)
            }
            if field.isReadOnly, !field.isOptional, field.defaultValue == nil, !field.isOwner, !damage.isDamaged(entity),
               field.isStored, let readonly = seen["readonly"] {
                diagnostics.error(.readonlyNeedsValue(field.name), at: readonly,
                                  hints: ["add @default(...) or make the type optional, so a row can be created without it"])
            }
            checkDefaultFitsConstraints(field, syntax)
            update(entity, field.name) { $0.field = field }
        }
    }

    private mutating func apply(_ attribute: AttributeSyntax, to field: inout Field, list: Bool) {
        let name = attribute.name.name
        let type = typeDescription(field)
        func fits(_ condition: Bool) -> Bool {
            if !condition {
                diagnostics.error(.attributeDoesNotFit("@" + name, type), at: attribute.range,
                                  hints: attributeHint(name))
            }
            return condition
        }
        let scalar: ScalarType? = if case .scalar(let scalar) = field.kind { scalar } else { nil }
        let isRelation: Bool = if case .belongsTo = field.kind { true } else { false }
        switch name {
        case "unique":
            guard noArguments(attribute), fits(!list && !(scalar?.isOpaque ?? false)) else { return }
            field.isUnique = true
        case "readonly":
            guard noArguments(attribute), fits(!list && scalar != .file) else { return }
            field.isReadOnly = true
        case "hidden":
            guard noArguments(attribute), fits(!list && scalar != .file) else { return }
            if scalar == .password {
                diagnostics.warning(.redundant("'@hidden' is redundant: Password fields are never returned"),
                                    at: attribute.range)
            }
            field.isHidden = true
        case "email", "url":
            guard noArguments(attribute), fits(scalar == .string) else { return }
            if name == "email" { field.isEmail = true } else { field.isURL = true }
        case "owner":
            guard noArguments(attribute), fits(isRelation) else { return }
            field.isOwner = true
        case "default":
            guard let argument = singleArgument(attribute, "one value"), fits(!list && !isRelation && scalar != .file) else { return }
            field.defaultValue = defaultValue(argument, for: field)
        case "length":
            guard let argument = singleArgument(attribute, "a range such as 1...100"),
                  fits(scalar?.isTextual ?? false) else { return }
            field.length = lengthBounds(argument, password: scalar == .password)
        case "range":
            guard let argument = singleArgument(attribute, "a range such as 0...100"),
                  fits(scalar?.isNumeric ?? false) else { return }
            field.range = numericBounds(argument, integers: scalar == .int)
        case "pattern":
            guard let argument = singleArgument(attribute, "a string holding a regular expression"),
                  fits(scalar == .string || scalar == .text) else { return }
            guard case .string(let pattern, _) = argument.kind else {
                diagnostics.error(.attributeArguments("@pattern", "a string holding a regular expression"),
                                  at: argument.range, hints: ["for example @pattern(#\"^[A-Z]{3}$\"#)"])
                return
            }
            if let problem = patternProblem(pattern) {
                diagnostics.error(.invalidPattern(problem), at: argument.range)
                return
            }
            field.pattern = pattern
        case "onDelete":
            guard let argument = singleArgument(attribute, "one of cascade, restrict or setNull"),
                  fits(isRelation), case .belongsTo(let target, _) = field.kind else { return }
            let actions = DeleteAction.allCases.map(\.rawValue)
            guard case .name(let text) = argument.kind, let action = DeleteAction(rawValue: text) else {
                diagnostics.error(.attributeArguments("@onDelete", "one of cascade, restrict or setNull"),
                                  at: argument.range, hints: Suggestions.hint(for: argumentText(argument), among: actions))
                return
            }
            if action == .setNull, !field.isOptional {
                diagnostics.error(.attributeDoesNotFit("@onDelete(setNull)", type), at: attribute.range,
                                  hints: ["setNull needs an optional relation: \(field.name) \(target)?"])
                return
            }
            field.kind = .belongsTo(entity: target, onDelete: action)
        case "accept":
            guard fits(scalar == .file) else { return }
            field.accept = mediaTypes(attribute)
        case "maxSize":
            guard let argument = singleArgument(attribute, "a size such as 5MB"), fits(scalar == .file) else { return }
            guard case .size(let text) = argument.kind, let bytes = Self.sizeInBytes(text) else {
                diagnostics.error(.attributeArguments("@maxSize", "a size such as 5MB"), at: argument.range,
                                  hints: ["a size is a whole number above 0 followed by B, KB, MB or GB (multiples of 1024), up to 1024GB"])
                return
            }
            field.maxSize = bytes
        case "renamedFrom":
            guard let name = earlierName(attribute, current: field.name, example: "title") else { return }
            field.renamedFrom = name
        case "inverse":
            guard let argument = singleArgument(attribute, "the name of the field at the other end"),
                  fits(list) else { return }
            if case .name = argument.kind { return }
            diagnostics.error(.attributeArguments("@inverse", "the name of the field at the other end"),
                              at: argument.range)
        default:
            var hints = Habits.fieldAttributes[name].map { ["write \($0)"] } ?? Suggestions.hint(for: name, among: Self.fieldAttributes)
            if Self.entityAttributes.contains(name) {
                hints = ["'\(name)' is an entity attribute: write '@@\(name)(...)' on its own line inside the entity"]
            }
            hints.append("field attributes are " + Self.fieldAttributes.map { "@" + $0 }.joined(separator: ", "))
            diagnostics.error(.unknown("attribute", "@" + name), at: attribute.range, hints: hints)
        }
    }

    /// Why a pattern does not compile, or `nil` if it does. Schemas often repeat a pattern, so each is compiled once.
    private mutating func patternProblem(_ pattern: String) -> String? {
        if let known = compiledPatterns[pattern] { return known }
        var problem: String?
        do {
            _ = try Regex(pattern)
        } catch {
            problem = String(describing: error)
        }
        compiledPatterns[pattern] = problem
        return problem
    }

    private func attributeHint(_ name: String) -> [String] {
        switch name {
        case "length", "pattern": ["@\(name) applies to String and Text fields"]
        case "range": ["@range applies to Int, Double and Decimal fields"]
        case "email", "url": ["@\(name) applies to String fields"]
        case "owner", "onDelete": ["@\(name) applies to belongs-to relations"]
        case "inverse": ["@inverse applies to list fields"]
        case "unique": ["@unique applies to single values other than JSON, Password and File"]
        case "default": ["relations, lists and files have no default"]
        case "readonly", "hidden": ["File fields are written by uploads only, and always returned"]
        case "accept", "maxSize": ["@\(name) applies to File fields"]
        default: []
        }
    }

    /// The media types `@accept` lists: `type/subtype` or `type/*`, in lower case, each once.
    private mutating func mediaTypes(_ attribute: AttributeSyntax) -> [String] {
        let expected = "media types as strings, such as \"image/png\" or \"image/*\""
        guard let arguments = attribute.arguments, !arguments.isEmpty else {
            diagnostics.error(.attributeArguments("@accept", expected), at: attribute.range)
            return []
        }
        var types: [String] = []
        for argument in arguments {
            guard case .string(let text, _) = argument.kind else {
                if case .error = argument.kind { continue }
                diagnostics.error(.attributeArguments("@accept", expected), at: argument.range)
                continue
            }
            guard Self.isMediaType(text) else {
                diagnostics.error(.invalidMediaType(text), at: argument.range,
                                  hints: text == "*/*" ? ["leave @accept out to accept any type"]
                                      : ["a media type is 'type/subtype' or 'type/*' in lower case, such as \"image/png\""])
                continue
            }
            if types.contains(text) {
                diagnostics.error(.duplicate("media type", text), at: argument.range)
                continue
            }
            types.append(text)
        }
        return types
    }

    static func isMediaType(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        func token(_ part: Substring) -> Bool {
            guard let first = part.first, first.isASCII, first.isLetter || first.isNumber else { return false }
            return part.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || "!#$&^_.+-".contains($0) }
        }
        return parts.count == 2 && token(parts[0]) && (parts[1] == "*" || token(parts[1]))
    }

    /// `5MB` in bytes (units are multiples of 1024), or `nil` unless above 0 and at most 1024GB.
    static func sizeInBytes(_ text: String) -> Int64? {
        let digits = text.prefix { $0.isNumber }
        let scale: Int64 = ["B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30][String(text.dropFirst(digits.count))] ?? 0
        guard let amount = Int64(digits), amount > 0, scale > 0, amount <= (1 << 40) / scale else { return nil }
        return amount * scale
    }

    private mutating func noArguments(_ attribute: AttributeSyntax) -> Bool {
        guard attribute.arguments != nil else { return true }
        diagnostics.error(.attributeArguments("@" + attribute.name.name, "no arguments"), at: attribute.range,
                          hints: ["write '@\(attribute.name.name)'"])
        return false
    }

    private mutating func singleArgument(_ attribute: AttributeSyntax, _ expected: String) -> ExpressionSyntax? {
        guard let arguments = attribute.arguments, arguments.count == 1 else {
            diagnostics.error(.attributeArguments("@" + attribute.name.name, expected), at: attribute.range)
            return nil
        }
        if case .error = arguments[0].kind { return nil }
        return arguments[0]
    }

    /// The string argument of `@renamedFrom` / `@@renamedFrom`: a name other than the current one.
    private mutating func earlierName(_ attribute: AttributeSyntax, current: String, example: String) -> String? {
        let spelling = (attribute.isEntityLevel ? "@@" : "@") + "renamedFrom"
        guard let argument = singleArgument(attribute, "the earlier name as a string") else { return nil }
        guard case .string(let name, _) = argument.kind, Naming.isIdentifier(name) else {
            diagnostics.error(.attributeArguments(spelling, "the earlier name as a string"), at: argument.range,
                              hints: ["for example \(spelling)(\"\(example)\")"])
            return nil
        }
        guard name != current else {
            diagnostics.warning(.redundant("'\(spelling)' names the current name; remove it"), at: attribute.range)
            return nil
        }
        return name
    }

    private func argumentText(_ expression: ExpressionSyntax) -> String {
        if case .name(let name) = expression.kind { return name }
        return ""
    }

    // MARK: Values

    private mutating func defaultValue(_ argument: ExpressionSyntax, for field: Field) -> DefaultValue? {
        let type = typeDescription(field)
        func mismatch(_ expected: String) -> DefaultValue? {
            diagnostics.error(.badDefault("a default of \(type) field '\(field.name)' must be \(expected)"),
                              at: argument.range)
            return nil
        }
        if case .null = argument.kind {
            if field.isOptional {
                diagnostics.warning(.redundant("'@default(nil)' is redundant: optional fields are nil by default"),
                                    at: argument.range)
                return nil
            }
            return mismatch("a value (the field is not optional)")
        }
        switch field.kind {
        case .enumeration(let enumName):
            guard case .enumCase(let name) = argument.kind else { return mismatch("a case such as .\(firstCase(enumName))") }
            guard caseExists(name, in: enumName) else { return nil }
            return .enumCase(name.name)
        case .scalar(let scalar):
            switch (scalar, argument.kind) {
            case (.string, .string(let value, _)), (.text, .string(let value, _)):
                return .string(value)
            case (.int, _):
                guard let value = integerLiteral(argument) else { return mismatch("a whole number") }
                return .integer(value)
            case (.double, _), (.decimal, _):
                guard let value = numberLiteral(argument) else { return mismatch("a number") }
                return .number(value)
            case (.bool, .bool(let value)):
                return .bool(value)
            case (.date, .name("now")), (.dateTime, .name("now")):
                return .now
            case (.json, .string(let value, _)):
                guard (try? JSONSerialization.jsonObject(with: Data(value.utf8), options: [.fragmentsAllowed])) != nil else {
                    return mismatch("a string holding valid JSON")
                }
                return .json(value)
            case (.string, _), (.text, _): return mismatch("a string")
            case (.bool, _): return mismatch("true or false")
            case (.date, _), (.dateTime, _): return mismatch("now")
            case (.json, _): return mismatch("a string holding JSON, such as \"{}\"")
            case (.file, _): return nil  // refused before: a file has no default
            case (.uuid, _):
                return mismatch("set by the server; UUID fields have no default")
            case (.password, _):
                return mismatch("chosen by each user; Password fields have no default")
            }
        default:
            return nil
        }
    }

    private func firstCase(_ enumName: String) -> String {
        enumDeclarations[enumName]?.cases.first?.name.name ?? "case"
    }

    /// Whether an enum has a case; reports the unknown case with a suggestion if not.
    mutating func caseExists(_ name: Identifier, in enumName: String) -> Bool {
        let cases = enumDeclarations[enumName]?.cases.map(\.name.name) ?? []
        guard cases.contains(name.name) else {
            if damage.isDamaged(enumName) { return false }
            diagnostics.error(.unknownCase(name.name, enumName), at: name.range,
                              hints: Suggestions.hint(for: name.name, among: cases))
            return false
        }
        return true
    }

    /// `5` or `-5` as an integer.
    func integerLiteral(_ expression: ExpressionSyntax) -> Int64? {
        switch expression.kind {
        case .integer(let text): Int64(text)
        case .negate(let inner): integerLiteral(inner).flatMap { $0 == Int64.min ? nil : -$0 }
        default: nil
        }
    }

    /// `5`, `0.01` or a negated one, as written.
    func numberLiteral(_ expression: ExpressionSyntax) -> String? {
        switch expression.kind {
        case .integer(let text): Int64(text) != nil ? text : nil
        case .decimal(let text): text
        case .negate(let inner): numberLiteral(inner).map { "-" + $0 }
        default: nil
        }
    }

    private mutating func rangeBounds(_ argument: ExpressionSyntax) -> (ExpressionSyntax?, ExpressionSyntax?)? {
        guard case .range(let lower, let upper) = argument.kind else {
            diagnostics.error(.badRange("expected a range such as 1...100, 0... or ...100"), at: argument.range,
                              hints: integerLiteral(argument).map { ["for exactly \($0), write \($0)...\($0)"] } ?? [])
            return nil
        }
        return (lower, upper)
    }

    private mutating func lengthBounds(_ argument: ExpressionSyntax, password: Bool) -> Bounds? {
        guard let (lower, upper) = rangeBounds(argument) else { return nil }
        var bounds = Bounds()
        for (expression, isUpper) in [(lower, false), (upper, true)] {
            guard let expression else { continue }
            guard let value = integerLiteral(expression), value >= 0, value <= Int64(Int32.max) else {
                diagnostics.error(.badRange("a length must be a whole number of at least 0"), at: expression.range)
                return nil
            }
            if isUpper { bounds.maximum = Int(value) } else { bounds.minimum = Int(value) }
        }
        if let minimum = bounds.minimum, let maximum = bounds.maximum, minimum > maximum {
            diagnostics.error(.badRange("the range is empty: \(minimum) is greater than \(maximum)"), at: argument.range)
            return nil
        }
        if password, let maximum = bounds.maximum, maximum > 72 {
            diagnostics.error(.badRange("a Password can be at most 72 long: bcrypt ignores what follows"),
                              at: argument.range, hints: ["use @length(\(bounds.minimum ?? 8)...72)"])
            return nil
        }
        return bounds
    }

    private mutating func numericBounds(_ argument: ExpressionSyntax, integers: Bool) -> NumericBounds? {
        guard let (lower, upper) = rangeBounds(argument) else { return nil }
        var bounds = NumericBounds()
        for (expression, isUpper) in [(lower, false), (upper, true)] {
            guard let expression else { continue }
            let value = integers ? integerLiteral(expression).map(String.init) : numberLiteral(expression)
            guard let value else {
                diagnostics.error(.badRange(integers ? "a bound of an Int field must be a whole number" : "a bound must be a number"),
                                  at: expression.range)
                return nil
            }
            if isUpper { bounds.maximum = value } else { bounds.minimum = value }
        }
        if let minimum = bounds.minimum.flatMap(Double.init), let maximum = bounds.maximum.flatMap(Double.init),
           minimum > maximum {
            diagnostics.error(.badRange("the range is empty: \(bounds.minimum!) is greater than \(bounds.maximum!)"),
                              at: argument.range)
            return nil
        }
        return bounds
    }

    /// A default that its own field's validation would reject is a mistake in the schema.
    private mutating func checkDefaultFitsConstraints(_ field: Field, _ syntax: FieldSyntax) {
        guard let value = field.defaultValue,
              let attribute = syntax.attributes.first(where: { $0.name.name == "default" }) else { return }
        var problem: String?
        switch value {
        case .string(let text):
            let count = text.count
            if let minimum = field.length?.minimum, count < minimum { problem = "is shorter than @length allows" }
            if let maximum = field.length?.maximum, count > maximum { problem = "is longer than @length allows" }
            if let pattern = field.pattern, let regex = try? Regex(pattern), (try? regex.wholeMatch(in: text)) == nil {
                problem = "does not match @pattern"
            }
        case .integer, .number:
            let number: Double? = switch value {
            case .integer(let integer): Double(integer)
            case .number(let text): Double(text)
            default: nil
            }
            if let number, let minimum = field.range?.minimum.flatMap(Double.init), number < minimum {
                problem = "is below the @range"
            }
            if let number, let maximum = field.range?.maximum.flatMap(Double.init), number > maximum {
                problem = "is above the @range"
            }
        default:
            break
        }
        if let problem {
            diagnostics.error(.badDefault("the default of '\(field.name)' \(problem)"), at: attribute.range)
        }
    }

    // MARK: Entity attributes

    mutating func checkEntityAttributes(_ declaration: EntityDeclaration, into entity: inout Entity) {
        var firstWebhook: SourceRange?
        defer {
            if let firstWebhook, entity.eventRetentionSeconds == nil {
                diagnostics.error(.webhookWithoutEvents(entity.name), at: firstWebhook,
                                  hints: ["add @@events: webhooks send the events of the outbox, after the write commits"])
            }
        }
        for case .attribute(let attribute) in declaration.members {
            let name = attribute.name.name
            guard !name.isEmpty, !attribute.containsError else { continue }
            switch name {
            case "index", "unique":
                guard let (fieldNames, columns) = indexColumns(attribute, entity: entity) else { continue }
                if name == "unique", fieldNames.count == 1 {
                    diagnostics.warning(.redundant("'@@unique' of one field is clearer as '@unique' on the field"),
                                        at: attribute.range)
                }
                let list = name == "index" ? entity.indexes : entity.uniqueConstraints
                if list.contains(where: { $0.fields == fieldNames }) {
                    diagnostics.error(.duplicate("@@" + name, fieldNames.joined(separator: ", ")), at: attribute.range)
                    continue
                }
                let suffix = name == "index" ? "idx" : "key"
                let index = Index(fields: fieldNames, columns: columns,
                                  name: Self.sqlName([entity.names.table] + columns + [suffix]))
                if name == "index" { entity.indexes.append(index) } else { entity.uniqueConstraints.append(index) }
            case "renamedFrom":
                guard let name = earlierName(attribute, current: entity.name, example: "Post") else { continue }
                if entity.renamedFrom != nil {
                    diagnostics.error(.duplicate("attribute", "@@renamedFrom"), at: attribute.range)
                    continue
                }
                entity.renamedFrom = name
            case "check":
                guard let arguments = attribute.arguments, arguments.count == 2 else {
                    diagnostics.error(.attributeArguments("@@check", "a condition and a message"), at: attribute.range,
                                      hints: ["for example @@check(stock >= 0, \"stock cannot be negative\")"])
                    continue
                }
                let condition = checkCondition(arguments[0], context: ExpressionContext(entity: entity.name, isRule: false))
                guard case .string(let message, _) = arguments[1].kind, !message.isEmpty else {
                    if case .error = arguments[1].kind { continue }
                    diagnostics.error(.attributeArguments("@@check", "a message string after the condition"),
                                      at: arguments[1].range)
                    continue
                }
                if let condition {
                    entity.checks.append(Check(
                        condition: condition, message: message,
                        name: Self.sqlName([entity.names.table, "check", String(entity.checks.count + 1)])))
                }
            case "events":
                if entity.eventRetentionSeconds != nil {
                    diagnostics.error(.duplicate("attribute", "@@events"), at: attribute.range)
                    continue
                }
                let arguments = attribute.arguments ?? []
                guard arguments.count <= 1 else {
                    diagnostics.error(.attributeArguments("@@events", "at most one duration: how long events are kept"),
                                      at: attribute.range, hints: ["for example @@events(30d); without one, events are kept 7d"])
                    continue
                }
                guard let argument = arguments.first else {
                    entity.eventRetentionSeconds = Entity.defaultEventRetentionSeconds
                    continue
                }
                guard let seconds = durationSeconds(argument) else {
                    diagnostics.error(.attributeArguments("@@events", "a duration such as 30d (at most 365d)"), at: argument.range,
                                      hints: ["write a whole number and a unit: 12h, 7d, 2w"])
                    continue
                }
                entity.eventRetentionSeconds = seconds
            case "webhook":
                firstWebhook = firstWebhook ?? attribute.range
                if let webhook = checkWebhook(attribute, entity: entity) { entity.webhooks.append(webhook) }
            default:
                var hints = Suggestions.hint(for: name, among: Self.entityAttributes)
                if Self.fieldAttributes.contains(name) {
                    hints = ["'\(name)' is a field attribute: write '@\(name)' after the field"]
                } else if name == "id" {
                    hints = ["every entity has an implicit 'id' (a UUID); for another key write @@unique(a, b)"]
                }
                hints.append("entity attributes are " + Self.entityAttributes.map { "@@" + $0 }.joined(separator: ", "))
                diagnostics.error(.unknown("entity attribute", "@@" + name), at: attribute.range, hints: hints)
            }
        }
    }

    private mutating func indexColumns(_ attribute: AttributeSyntax, entity: Entity) -> ([String], [String])? {
        guard let arguments = attribute.arguments, !arguments.isEmpty else {
            diagnostics.error(.attributeArguments("@@" + attribute.name.name, "one or more field names"),
                              at: attribute.range)
            return nil
        }
        var names: [String] = []
        var columns: [String] = []
        var failed = false
        for argument in arguments {
            guard case .name(let name) = argument.kind else {
                if case .error = argument.kind {} else {
                    diagnostics.error(.attributeArguments("@@" + attribute.name.name, "field names"), at: argument.range)
                }
                failed = true
                continue
            }
            guard let field = draft(entity.name, name)?.field else {
                reportUnknownField(Identifier(name: name, range: argument.range), in: entity.name)
                failed = true
                continue
            }
            guard let column = field.column, !field.isOpaque else {
                diagnostics.error(.attributeDoesNotFit("@@" + attribute.name.name, typeDescription(field)),
                                  at: argument.range, hints: ["index stored fields other than lists, JSON, Password and File"])
                failed = true
                continue
            }
            if names.contains(name) {
                diagnostics.error(.duplicate("field", name), at: argument.range)
                failed = true
                continue
            }
            names.append(name)
            columns.append(column)
        }
        return failed ? nil : (names, columns)
    }

    /// Joins parts with `_`; a name over PostgreSQL's 63-byte limit is cut and given a stable hash suffix.
    static func sqlName(_ parts: [String]) -> String {
        let name = parts.joined(separator: "_")
        guard name.utf8.count > ReservedNames.maximumSQLIdentifierLength else { return name }
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        let suffix = String(hash, radix: 16)
        return String(name.utf8.prefix(ReservedNames.maximumSQLIdentifierLength - 1 - suffix.count))! + "_" + suffix
    }
}
