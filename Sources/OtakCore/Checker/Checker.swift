/// Turns a `SchemaSyntax` into a checked `Schema`, reporting every problem it finds.
///
/// It works in passes, each in its own file: declarations (this file), relations,
/// attributes, the auth block, rules and checks (expressions), and derived names. A name
/// that failed to resolve is remembered as broken, so later passes stay silent about it
/// instead of reporting follow-on errors.
public struct Checker {
    let syntax: SchemaSyntax
    let damage: SyntaxDamage
    var diagnostics: DiagnosticCollector

    var appName: String?
    var enumDeclarations: [String: EnumDeclaration] = [:]
    var enumOrder: [String] = []
    var entityDeclarations: [String: EntityDeclaration] = [:]
    var entityOrder: [String] = []
    var authDeclaration: AuthDeclaration?
    /// Fields being built, per entity, in declaration order (implicit `id` first).
    var fields: [String: [FieldDraft]] = [:]
    /// The position of each field in `fields`, per entity.
    var fieldPositions: [String: [String: Int]] = [:]
    /// Names of fields whose declaration had an error, per entity; references to them stay silent.
    var brokenFields: [String: Set<String>] = [:]
    var auth: AuthConfiguration?
    /// Patterns already compiled, with the compiler's error if they failed.
    var compiledPatterns: [String: String?] = [:]
    /// Where each `@@webhook` name is declared: they share the environment.
    var webhookNames: [String: SourceRange] = [:]
    /// Where the auth block's `admin` condition is, once checked.
    var adminRange: SourceRange?

    /// A field during checking: its syntax, the model being filled in, and for lists the target entity.
    struct FieldDraft {
        var syntax: FieldSyntax?
        var field: Field
        var listTarget: String?
    }

    private init(syntax: SchemaSyntax, damage: SyntaxDamage, diagnostics: DiagnosticCollector) {
        self.syntax = syntax
        self.damage = damage
        self.diagnostics = diagnostics
    }

    /// The checked schema, or `nil` when any error was reported (by this or an earlier stage).
    ///
    /// `damage` tells which declarations had syntax errors; errors that their lost parts
    /// could explain are not reported.
    public static func check(_ syntax: SchemaSyntax, damage: SyntaxDamage = .none,
                             diagnostics: inout DiagnosticCollector) -> Schema? {
        var checker = Checker(syntax: syntax, damage: damage, diagnostics: diagnostics)
        let schema = checker.run()
        diagnostics = checker.diagnostics
        return diagnostics.hasErrors ? nil : schema
    }

    private mutating func run() -> Schema {
        collectDeclarations()
        for name in entityOrder { declareFields(of: name) }
        resolveRelations()
        for name in entityOrder { checkFieldAttributes(of: name) }
        checkAuth()
        for name in entityOrder { checkOwner(of: name) }
        var entities: [Entity] = []
        for name in entityOrder {
            entities.append(buildEntity(name))
        }
        checkDerivedNames(entities)
        if let adminRange, !entities.contains(where: { !$0.webhooks.isEmpty }) {
            diagnostics.warning(.redundant("'admin' names who reads the webhooks' delivery log, and no entity has a @@webhook"),
                                at: adminRange)
        }
        warnAboutCreateHoles(entities)
        return Schema(
            name: appName ?? "",
            enums: enumOrder.map { name in
                EnumType(name: name, cases: uniqueCases(of: enumDeclarations[name]!))
            },
            entities: entities,
            auth: auth)
    }

    private func uniqueCases(of declaration: EnumDeclaration) -> [String] {
        var seen = Set<String>()
        return declaration.cases.map(\.name.name).filter { seen.insert($0).inserted }
    }

    // MARK: Declarations

    /// Records every top-level name, reporting duplicates and names that break generated code.
    private mutating func collectDeclarations() {
        var appDeclaration: AppDeclaration?
        var typeRanges: [String: SourceRange] = [:]
        for declaration in syntax.declarations {
            switch declaration {
            case .app(let app):
                if let first = appDeclaration {
                    diagnostics.error(.duplicate("declaration", "app"), at: app.range,
                                      notes: [Note("the app is first declared here", at: first.range)])
                    continue
                }
                appDeclaration = app
                if !app.name.name.isEmpty {
                    checkTypeName(app.name, kind: "app")
                    appName = app.name.name
                }
            case .enumeration(let declaration):
                guard declareType(declaration.name, kind: "enum", seen: &typeRanges) else { continue }
                enumDeclarations[declaration.name.name] = declaration
                enumOrder.append(declaration.name.name)
                checkCases(of: declaration)
            case .entity(let declaration):
                guard declareType(declaration.name, kind: "entity", seen: &typeRanges) else { continue }
                entityDeclarations[declaration.name.name] = declaration
                entityOrder.append(declaration.name.name)
            case .auth(let declaration):
                if let first = authDeclaration {
                    diagnostics.error(.duplicate("declaration", "auth"), at: declaration.keyword,
                                      notes: [Note("the auth block is first declared here", at: first.keyword)])
                    continue
                }
                authDeclaration = declaration
            }
        }
        // The generator names types after each entity (`ProductCreate`, `ProductQueries`…).
        for entity in entityOrder {
            for suffix in ReservedNames.entityTypeSuffixes {
                if ReservedNames.typeNames.contains(entity + suffix), let declaration = entityDeclarations[entity] {
                    diagnostics.error(.reservedName(entity, "the generated code would name a type '\(entity + suffix)', which it uses already"),
                                      at: declaration.name.range, hints: ["choose another name, such as '\(entity)Item'"])
                }
                guard let range = typeRanges[entity + suffix] else { continue }
                diagnostics.error(.derivedNameClash(entity + suffix, entity), at: range,
                                  hints: ["rename it: the generated code of '\(entity)' uses the names " + ReservedNames.entityTypeSuffixes
                                      .map { "'\(entity)\($0)'" }.joined(separator: ", ")])
            }
        }
        if appDeclaration == nil, !damage.mayMissDeclarations {
            diagnostics.error(.missingApp, at: SourceRange(start: 0, end: 0),
                              hints: ["start the schema with 'app Name', for example 'app Shop'"])
        }
    }

    /// Whether a type name is new; reports duplicates, built-in names and style.
    private mutating func declareType(_ name: Identifier, kind: String, seen: inout [String: SourceRange]) -> Bool {
        guard !name.name.isEmpty else { return false }
        if ScalarType(rawValue: name.name) != nil {
            diagnostics.error(.reservedName(name.name, "it is a built-in type"), at: name.range)
            return false
        }
        if let first = seen[name.name] {
            diagnostics.error(.duplicate("type", name.name), at: name.range,
                              notes: [Note("'\(name.name)' is first declared here", at: first)])
            return false
        }
        seen[name.name] = name.range
        checkTypeName(name, kind: kind)
        return true
    }

    private mutating func checkCases(of declaration: EnumDeclaration) {
        if declaration.cases.isEmpty, !damage.isDamaged(declaration.name.name) {
            diagnostics.error(.emptyEnum(declaration.name.name), at: declaration.name.range,
                              hints: ["list the cases inside the braces: enum \(declaration.name.name) { first second }"])
        }
        var seen: [String: SourceRange] = [:]
        for enumCase in declaration.cases {
            if let first = seen[enumCase.name.name] {
                diagnostics.error(.duplicate("case", enumCase.name.name), at: enumCase.name.range,
                                  notes: [Note("'\(enumCase.name.name)' is first declared here", at: first)])
                continue
            }
            seen[enumCase.name.name] = enumCase.name.range
            checkMemberName(enumCase.name, kind: "case")
        }
    }

    // MARK: Fields

    /// Resolves the type of every field of an entity. Relations are completed by `resolveRelations`.
    private mutating func declareFields(of entityName: String) {
        let declaration = entityDeclarations[entityName]!
        var drafts = [FieldDraft(syntax: nil, field: Self.primaryKey, listTarget: nil)]
        var seen: [String: SourceRange] = [:]
        var broken = Set<String>()
        for case .field(let syntax) in declaration.members {
            let name = syntax.name.name
            if name == "id" {
                diagnostics.error(.implicitID, at: syntax.name.range, hints: ["remove this field"])
                continue
            }
            if let first = seen[name] {
                diagnostics.error(.duplicate("field", name), at: syntax.name.range,
                                  notes: [Note("'\(name)' is first declared here", at: first)])
                continue
            }
            seen[name] = syntax.name.range
            guard checkMemberName(syntax.name, kind: "field"), let draft = resolveType(of: syntax, in: entityName) else {
                broken.insert(name)
                continue
            }
            drafts.append(draft)
        }
        fields[entityName] = drafts
        fieldPositions[entityName] = Dictionary(uniqueKeysWithValues: drafts.enumerated().map { ($1.field.name, $0) })
        brokenFields[entityName] = broken
    }

    static let primaryKey = Field(
        name: "id", swiftName: "id", jsonName: "id", column: "id", kind: .scalar(.uuid), isOptional: false,
        isUnique: true, defaultValue: nil, length: nil, range: nil, pattern: nil, isEmail: false, isURL: false,
        isReadOnly: true, isHidden: false, isOwner: false, isPrimaryKey: true)

    private mutating func resolveType(of syntax: FieldSyntax, in entityName: String) -> FieldDraft? {
        let type = syntax.type
        let typeName = type.name.name
        guard !typeName.isEmpty else { return nil }
        let name = syntax.name.name
        var field = Field(
            name: name, swiftName: ReservedNames.swiftIdentifier(name), jsonName: name, column: Naming.snakeCase(name), kind: .scalar(.string),
            isOptional: type.isOptional, isUnique: false, defaultValue: nil, length: nil, range: nil,
            pattern: nil, isEmail: false, isURL: false, isReadOnly: false, isHidden: false, isOwner: false,
            isPrimaryKey: false)
        if type.isList {
            guard entityDeclarations[typeName] != nil else {
                if ScalarType(rawValue: typeName) != nil || enumDeclarations[typeName] != nil {
                    diagnostics.error(.unsupportedType("lists of \(typeName) are not supported"), at: type.range,
                                      hints: [typeName == ScalarType.file.rawValue
                                          ? "for several files, declare an entity with one File field and a relation to it"
                                          : "a list holds entities (a relation); store other lists in a JSON field"])
                } else {
                    reportUnknownType(type.name)
                }
                return nil
            }
            if type.isOptional {
                diagnostics.error(.unsupportedType("a list cannot be optional"), at: type.range,
                                  hints: ["an empty list already means none: write [\(typeName)]"])
                return nil
            }
            field.column = nil
            field.isOptional = false
            field.kind = .hasMany(entity: typeName, inverse: "")
            return FieldDraft(syntax: syntax, field: field, listTarget: typeName)
        }
        if let scalar = ScalarType(rawValue: typeName) {
            field.kind = .scalar(scalar)
            field.isHidden = scalar == .password
            // Uploads write a file, never a body.
            field.isReadOnly = scalar == .file
            if scalar == .file, name == "data" {
                diagnostics.error(.unsupportedType("a File field cannot be called 'data'"), at: syntax.name.range,
                                  hints: ["a multipart/form-data body sends the other fields in a part named data: rename the field"])
            }
        } else if enumDeclarations[typeName] != nil {
            field.kind = .enumeration(typeName)
        } else if entityDeclarations[typeName] != nil {
            field.kind = .belongsTo(entity: typeName, onDelete: type.isOptional ? .setNull : .restrict)
            field.swiftName = name + "ID"
            field.jsonName = name + "Id"
            field.column = Naming.snakeCase(name) + "_id"
        } else {
            reportUnknownType(type.name)
            return nil
        }
        return FieldDraft(syntax: syntax, field: field, listTarget: nil)
    }

    private mutating func reportUnknownType(_ name: Identifier) {
        guard !damage.mayMissDeclarations else { return }
        let candidates = ScalarType.allCases.map(\.rawValue) + enumOrder + entityOrder
        var hints = Suggestions.hint(for: name.name, among: candidates)
        if hints.isEmpty {
            hints = ["a field's type is a built-in type (\(ScalarType.allCases.map(\.rawValue).joined(separator: ", "))), an enum or an entity"]
        }
        diagnostics.error(.unknownType(name.name), at: name.range, hints: hints)
    }

    // MARK: Lookup

    func draft(_ entity: String, _ field: String) -> FieldDraft? {
        fieldPositions[entity]?[field].map { fields[entity]![$0] }
    }

    func isBroken(_ entity: String, _ field: String) -> Bool {
        brokenFields[entity]?.contains(field) ?? true
    }

    mutating func update(_ entity: String, _ field: String, _ change: (inout FieldDraft) -> Void) {
        guard let position = fieldPositions[entity]?[field] else { return }
        change(&fields[entity]![position])
    }

    /// Reports an unknown field of an entity (unless it is one that already failed).
    mutating func reportUnknownField(_ name: Identifier, in entity: String, hints extra: [String] = []) {
        guard !isBroken(entity, name.name), !damage.isDamaged(entity) else { return }
        let candidates = fields[entity]?.map(\.field.name) ?? []
        var hints = extra.isEmpty ? Suggestions.hint(for: name.name, among: candidates) : extra
        if hints.isEmpty, let habit = Habits.name(name.name) { hints = [habit] }
        if name.name == AuthConfiguration.verifiedField, entity == auth?.entity {
            hints = ["add 'verify email' to the auth block: the server then keeps '\(name.name)'"]
        }
        // `role == admin`, as other tools spell it: an enum case needs its leading dot here.
        if hints.isEmpty, let owner = enumDeclarations.values.sorted(by: { $0.name.name < $1.name.name })
            .first(where: { $0.cases.contains { $0.name.name == name.name } }) {
            hints = ["'\(name.name)' is a case of enum '\(owner.name.name)': write '.\(name.name)'"]
        }
        diagnostics.error(.unknownField(name.name, entity), at: name.range, hints: hints)
    }

    /// A description of a field's type for messages: `String`, `Category?`, `[OrderItem]`.
    func typeDescription(_ field: Field) -> String {
        let base: String
        switch field.kind {
        case .scalar(let scalar): base = scalar.rawValue
        case .enumeration(let name): base = name
        case .belongsTo(let entity, _): base = entity
        case .hasMany(let entity, _), .manyToMany(let entity, _, _): return "[\(entity)]"
        }
        return field.isOptional ? base + "?" : base
    }

    // MARK: Entities

    private mutating func buildEntity(_ name: String) -> Entity {
        let declaration = entityDeclarations[name]!
        let plural = Naming.plural(name)
        let names = EntityNames(
            type: name, variable: Naming.lowerCamelCase(name), pluralVariable: Naming.lowerCamelCase(plural),
            table: Naming.snakeCase(plural), route: "/" + Naming.kebabCase(plural))
        var entity = Entity(name: name, names: names, fields: fields[name]!.map(\.field), indexes: [],
                            uniqueConstraints: [], checks: [], rules: [])
        checkEntityAttributes(declaration, into: &entity)
        for case .rule(let rule) in declaration.members {
            if let checked = checkRule(rule, in: entity) { entity.rules.append(checked) }
        }
        return entity
    }
}
