/// The template values of an entity's generated tests and fixtures.
struct TestContext {
    let context: EntityContext
    /// Belongs-to fields of other entities that restrict deleting this one, with their entity.
    let restrictingFields: [(entity: Entity, field: Field)]

    /// For each entity name, the fields of other entities that restrict deleting its rows.
    static func restrictingFields(in schema: Schema) -> [String: [(entity: Entity, field: Field)]] {
        var result: [String: [(entity: Entity, field: Field)]] = [:]
        for child in schema.entities {
            for field in child.fields {
                guard case .belongsTo(let target, .restrict) = field.kind, target != child.name else { continue }
                result[target, default: []].append((child, field))
            }
        }
        return result
    }

    func value() -> [String: TemplateValue] {
        let entity = context.entity, schema = context.schema, writable = context.writable
        // Fields whose values must differ between two rows.
        let uniqueFields = Set(context.table.uniqueConstraints.flatMap(\.fields))
        var samples: [String: SampleValues] = [:]
        for (order, field) in entity.fields.enumerated() where writable.contains(where: { $0.name == field.name }) {
            samples[field.name] = SampleValues(field: field, schema: schema, order: order)
        }
        var body: [TemplateValue] = []
        var parents: [TemplateValue] = []
        var canCreate = true
        var inBody: Set<String> = []
        var usesVariant = false
        for field in writable where (!field.isOptional && field.defaultValue == nil) || uniqueFields.contains(field.name) {
            if case .belongsTo(let target, _) = field.kind {
                guard !field.isOptional || field.defaultValue != nil else { continue }
                guard target != entity.name, let parent = schema.entity(named: target) else {
                    canCreate = false
                    continue
                }
                parents.append(.object(["jsonName": .text(field.jsonName), "parentType": .text(parent.names.type),
                                        "isUser": .flag(target == schema.auth?.entity)]))
                inBody.insert(field.name)
                continue
            }
            let values = samples[field.name]!
            // Up to 16 different values: enough for the rows of a property test's scene.
            var seen: Set<String> = []
            let variants = uniqueFields.contains(field.name)
                ? (0..<16).compactMap { values.valid(variant: $0) }.filter { seen.insert($0).inserted } : []
            guard let first = values.valid(variant: 0) else {
                canCreate = false
                continue
            }
            let varies = variants.count > 1
            usesVariant = usesVariant || varies
            // One value a line, inside `body["…"] = […]` of the fixtures.
            let expression = varies
                ? "[\n" + variants.map { "            \($0),\n" }.joined() + "        ][variant % \(variants.count)]" : first
            body.append(.object(["jsonName": .text(field.jsonName), "value": .text(expression)]))
            inBody.insert(field.name)
        }

        var rules: [TemplateValue] = []
        for field in writable {
            let values = samples[field.name]!
            for rule in values.ruleCases() {
                rules.append(.object([
                    "jsonName": .text(field.jsonName), "rule": .text(rule.rule), "rejected": .text(rule.rejected),
                    "accepted": .text(rule.accepted ?? "nil"),
                ]))
            }
        }

        let required = writable.filter { !$0.isOptional && $0.defaultValue == nil }
        let hidden = entity.fields.filter { $0.isStored && $0.isHidden }
        let patch = writable.first { field in
            guard case .scalar(let scalar) = field.kind, [.string, .text, .int].contains(scalar), field.pattern == nil,
                  !uniqueFields.contains(field.name) else { return false }
            let values = samples[field.name]!
            return values.valid(variant: 1) != nil && values.valid(variant: 1) != values.valid(variant: 0)
        }
        let wrongType = writable.first.map { field -> TemplateValue in
            let value: String = switch ColumnType(field.kind) {
            case .text, .uuid, .date, .timestamp: ".integer(1)"
            case .json: ".null"
            default: ".string(\"1\")"
            }
            return .object(["jsonName": .text(field.jsonName), "value": .text(value)])
        }

        // Only constraints whose fields the fixtures send can be tested through the API.
        let testable = context.table.uniqueConstraints.filter { $0.fields.allSatisfy(inBody.contains) }
        let uniques = testable.map { unique -> TemplateValue in
            let fields = unique.fields.compactMap { entity.field(named: $0) }
            return .object(["fields": Self.names(fields.map(\.jsonName))])
        }

        let restricted = restrictingFields.map { child, field -> TemplateValue in
            .object(["childType": .text(child.names.type), "jsonName": .text(field.jsonName)])
        }

        let sampler = CheckSampler(entity: entity, schema: schema)
        let checkWriter = CheckWriter(entity: entity, schema: schema)
        let checkCases = entity.checks.compactMap { check -> TemplateValue? in
            guard let cases = sampler.cases(for: check) else { return nil }
            func literal(_ assignment: CheckSampler.Assignment) -> String {
                assignment.isEmpty ? "[:]" : "[" + assignment.map { "\"\($0.jsonName)\": \($0.value)" }.joined(separator: ", ") + "]"
            }
            return .object([
                "field": .text(checkWriter.firstField(check.condition) ?? ""),
                "message": .text(SwiftCode.stringLiteral(check.message)),
                "rejected": .text(literal(cases.rejected)),
                "accepted": .text(cases.accepted.map(literal) ?? "nil"),
            ])
        }

        return [
            "canCreate": .flag(canCreate),
            "checkCases": .list(checkCases),
            "hasCheckCases": .flag(!checkCases.isEmpty),
            "usesVariant": .flag(usesVariant),
            "body": .list(body),
            "parents": .list(parents),
            "ruleCases": .list(rules),
            "hasRuleCases": .flag(!rules.isEmpty),
            "requiredFieldNames": Self.names(required.map(\.jsonName)),
            "hasRequired": .flag(!required.isEmpty),
            "patch": patch.map { field in
                .object(["jsonName": .text(field.jsonName),
                         "value": .text(samples[field.name]!.valid(variant: 1) ?? ".null")])
            } ?? .flag(false),
            "wrongType": wrongType ?? .flag(false),
            "uniques": Self.lastMarked(uniques),
            "hasUniques": .flag(!uniques.isEmpty),
            "hiddenNames": Self.names(hidden.map(\.jsonName)),
            "hasHidden": .flag(!hidden.isEmpty),
            "restricted": .list(restricted),
            "hasManyTests": .list(entity.fields.compactMap { field -> TemplateValue? in
                guard case .hasMany(let target, let inverse) = field.kind, let child = schema.entity(named: target),
                      let inverseField = child.field(named: inverse) else { return nil }
                return .object([
                    "relationRoute": .text(Naming.kebabCase(field.name)), "childType": .text(child.names.type),
                    "inverseJSON": .text(inverseField.jsonName),
                ])
            }),
            "manyToManyTests": .list(entity.fields.compactMap { field -> TemplateValue? in
                guard case .manyToMany(let target, _, _) = field.kind, let other = schema.entity(named: target) else { return nil }
                return .object(["relationRoute": .text(Naming.kebabCase(field.name)), "otherType": .text(other.names.type)])
            }),
        ]
    }

    /// JSON names as a list whose items know whether they are the last.
    private static func names(_ names: [String]) -> TemplateValue {
        lastMarked(names.map { .object(["jsonName": .text($0)]) })
    }

    private static func lastMarked(_ items: [TemplateValue]) -> TemplateValue {
        .list(items.enumerated().map { index, item in
            guard case .object(var object) = item else { return item }
            object["last"] = .flag(index == items.count - 1)
            return .object(object)
        })
    }
}
