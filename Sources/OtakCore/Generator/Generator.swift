/// A file of a generated package.
public struct GeneratedFile: Sendable, Equatable {
    /// Who may change a file once it exists.
    public enum Ownership: Sendable, Equatable {
        /// Rewritten by every generation; the manifest records what was written.
        case generated
        /// Created once, then the user's to edit: never overwritten.
        case user
        /// Created once and never changed: an applied migration is history.
        case history
    }

    /// Relative to the package root, with `/` separators.
    public var path: String
    public var contents: String
    public var ownership: Ownership

    public init(path: String, contents: String, ownership: Ownership = .generated) {
        self.path = path
        self.contents = contents
        self.ownership = ownership
    }

    /// What the header of every generated Swift file says.
    public static let generatedMarker = "Do not edit: `otak generate` overwrites this file."
}

/// Turns a checked schema into the files of a Swift server package.
///
/// The generator only returns files; writing them (and never overwriting the user's) is the
/// command line's job. The same schema and templates give the same bytes, in any environment.
public struct Generator: Sendable {
    public var templates: TemplateLibrary
    /// The schema's file name, quoted in every header.
    public var schemaFileName: String
    public var otakVersion: String

    public init(templates: TemplateLibrary, schemaFileName: String, otakVersion: String) {
        self.templates = templates
        self.schemaFileName = schemaFileName
        self.otakVersion = otakVersion
    }

    /// The files of the package for `schema`, given what the package holds already: its
    /// migrations are kept as they are, and a new one is added when the database changes.
    public func generate(_ schema: Schema, history: PackageHistory = .none) throws(TemplateError) -> [GeneratedFile] {
        // The OpenAPI document is the largest file and needs nothing but the schema: it is
        // written on its own thread while the rest are rendered on every core.
        let openAPI = BackgroundWork { OpenAPIWriter(schema: schema).document() }
        // Each entity's values, with those of its tests, computed once: its files and the
        // shared fixtures use them.
        let restricting = TestContext.restrictingFields(in: schema)
        let entityValues = schema.entities.concurrentMap { entity in
            let context = EntityContext(entity, in: schema)
            let tests = TestContext(context: context, restrictingFields: restricting[entity.name] ?? [])
            let testValue = tests.value()
            // The authorization matrix needs fixtures that can create the row.
            let matrix: [String: TemplateValue] = if case .flag(true) = testValue["canCreate"] {
                AccessMatrix(entity: entity, schema: schema).templateValue()
            } else {
                ["hasMatrix": .flag(false)]
            }
            return context.value().merging(testValue) { _, new in new }
                .merging(RuleWriter(entity: entity, schema: schema).templateValue()) { _, new in new }
                .merging(matrix) { _, new in new }
        }
        let root = rootValue(schema, entityValues: entityValues)
        // Independent jobs run on every core; sorting the files by path makes the result the
        // same whatever order they finish in.
        // A new migration when the database changes (a renamed entity whose table keeps its name does not).
        let diff = history.diff(to: schema)
        let snapshot = BackgroundWork { diff.new.json() }
        let scripts = SQLDialect.allCases.map { MigrationWriter(diff: diff, dialect: $0).script() }
        let migrationName = String(format: "%04d_", history.nextMigrationNumber) + (history.migrations.isEmpty ? "init" : diff.migrationName)
        let jobs: [Job] = (scripts.allSatisfy(\.isEmpty) ? [] : zip(SQLDialect.allCases, scripts).map { Job.migration($0, $1, migrationName) })
            + (Self.packageTemplates + (schema.auth == nil ? [] : Self.authTemplates)
                + (schema.auth?.sendsMail == true ? Self.mailTemplates : [])
                + (schema.entities.contains { $0.eventRetentionSeconds != nil } ? Self.eventTemplates : [])
                + (schema.webhooks.isEmpty ? [] : Self.webhookTemplates)
                + (schema.fileFields.isEmpty ? [] : Self.fileTemplates)).map(Job.package)
            + Self.clientTemplates.map(Job.client)
            + Self.runtimeTemplates.map(Job.runtime)
            + schema.entities.indices.map(Job.entity)
            + schema.enums.indices.map(Job.enumeration)
        let results = jobs.concurrentMap { job in
            Result { () throws(TemplateError) in try output(of: job, schema: schema, root: root, entityValues: entityValues) }
        }
        let document = openAPI.wait()
        var files = [
            GeneratedFile(path: Self.openAPIPath, contents: document),
            // The client's build plugin reads the document from its own target.
            GeneratedFile(path: "Client/Sources/\(Self.clientModule(schema))/openapi.json", contents: document),
            GeneratedFile(path: PackageHistory.snapshotPath, contents: snapshot.wait()),
        ]
        files += history.migrations.map { GeneratedFile(path: $0.key, contents: $0.value, ownership: .history) }
        for result in results { try files += result.get() }
        files.append(try embeddedFiles(files, root: root))
        files.append(GeneratedFile(path: PackageManifest.path,
                                   contents: PackageManifest(generator: "otak " + otakVersion, files: files).json()))
        return files.sorted { $0.path < $1.path }
    }

    /// `EmbeddedFiles.swift`: the migrations (kept and new) and the OpenAPI document as Swift
    /// literals, so that the server's binary needs no resource bundle.
    private func embeddedFiles(_ files: [GeneratedFile], root: [String: TemplateValue]) throws(TemplateError) -> GeneratedFile {
        let migrations = SQLDialect.allCases.map { dialect in
            let folder = "\(PackageHistory.migrationsFolder)/\(dialect.rawValue)/"
            let scripts = files.filter { $0.path.hasPrefix(folder) && $0.path.hasSuffix(".sql") }.sorted { $0.path < $1.path }
            return TemplateValue.object([
                "dialect": .text(dialect.rawValue),
                "files": .list(scripts.map { file in
                    .object(["name": .text(String(file.path.dropFirst(folder.count))),
                             "literal": .text(SwiftCode.multilineLiteral(file.contents))])
                }),
            ])
        }
        let document = files.first { $0.path == Self.openAPIPath }?.contents ?? ""
        let path = "Sources/App/Database/EmbeddedFiles.swift"
        let contents = try templates.render(path + ".mustache", scope: [.object(root), .object([
            "migrations": .list(migrations), "openAPI": .text(SwiftCode.multilineLiteral(document)),
        ])])
        return GeneratedFile(path: path, contents: contents)
    }

    static let openAPIPath = "Sources/App/openapi.json"

    /// `ShopClient`: the client package's module, which names its target folder and Swift file.
    static func clientModule(_ schema: Schema) -> String {
        schema.name + "Client"
    }

    /// A part of the package that can be written on its own.
    private enum Job {
        /// The new migration of a dialect: its statements and its name.
        case migration(SQLDialect, String, String)
        /// One of `packageTemplates`.
        case package(String)
        /// One of `clientTemplates`.
        case client(String)
        /// One of `runtimeTemplates`.
        case runtime(String)
        /// The files of `schema.entities[index]`.
        case entity(Int)
        case enumeration(Int)
    }

    private func output(
        of job: Job, schema: Schema, root: [String: TemplateValue], entityValues: [[String: TemplateValue]]
    ) throws(TemplateError) -> [GeneratedFile] {
        func render(_ template: String, to path: String, with extra: [String: TemplateValue] = [:],
                    ownership: GeneratedFile.Ownership = .generated) throws(TemplateError) -> GeneratedFile {
            let contents = try templates.render(template, scope: [.object(root), .object(extra)])
            return GeneratedFile(path: path, contents: contents, ownership: ownership)
        }

        switch job {
        case .migration(let dialect, let sql, let name):
            return [try render("Migrations/migration.sql.mustache",
                               to: "\(PackageHistory.migrationsFolder)/\(dialect.rawValue)/\(name).sql",
                               with: ["statements": .text(sql), "dialect": .text(dialect.rawValue)], ownership: .history)]
        case .package(let name):
            return [try render(name + ".mustache", to: name, ownership: Self.userTemplates.contains(name) ? .user : .generated)]
        case .runtime(let name):
            return [GeneratedFile(path: name, contents: try templates.render(name + ".mustache", scope: [.object(runtimeValue)]))]
        case .client(let name):
            // `Client` in the template's path is the module: Client/Sources/ShopClient/ShopClient.swift.
            let module = Self.clientModule(schema)
            let path = name.replacingOccurrences(of: "Sources/Client/Client.swift", with: "Sources/\(module)/\(module).swift")
                .replacingOccurrences(of: "Sources/Client/", with: "Sources/\(module)/")
            return [try render(name + ".mustache", to: path)]
        case .entity(let index):
            let type = schema.entities[index].names.type
            var value = entityValues[index]
            // Its rules as data for the property tests' oracle (with an `auth` block), next to
            // its other test data.
            value["oracleEntity"] = if case .object(let oracle) = root["oracle"], case .list(let entities) = oracle["entities"] {
                entities[index]
            } else {
                .flag(false)
            }
            return [
                try render("Sources/App/Models/Entity.swift.mustache", to: "Sources/App/Models/\(type).swift", with: value),
                try render("Sources/App/Models/EntityInput.swift.mustache", to: "Sources/App/Models/\(type)Input.swift", with: value),
                try render("Sources/App/Queries/EntityQueries.swift.mustache", to: "Sources/App/Queries/\(type)Queries.swift", with: value),
                try render("Sources/App/Controllers/EntityResource.swift.mustache", to: "Sources/App/Controllers/\(type)Resource.swift", with: value),
                try render("Sources/App/Permissions/EntityPermissions.swift.mustache", to: "Sources/App/Permissions/\(type)Permissions.swift", with: value),
                try render("Tests/AppTests/Entities/Entity.swift.mustache", to: "Tests/AppTests/Entities/\(type).swift", with: value),
                try render("Sources/App/Hooks/EntityHooks.swift.mustache", to: "Sources/App/Hooks/\(type)Hooks.swift", with: value, ownership: .user),
            ]
        case .enumeration(let index):
            let enumType = schema.enums[index]
            return [try render("Sources/App/Models/Enum.swift.mustache", to: "Sources/App/Models/\(enumType.name).swift", with: [
                "name": .text(enumType.name),
                "cases": .list(enumType.cases.map { .object(["name": .text($0), "swiftName": .text(ReservedNames.swiftIdentifier($0))]) }),
            ])]
        }
    }

    /// Templates rendered once per package, by their output path.
    static let packageTemplates = [
        ".gitignore",
        "Package.swift",
        "README.md",
        "Sources/App/App.swift",
        "Sources/App/Application+build.swift",
        "Sources/App/Configuration.swift",
        "Sources/App/CustomRoutes.swift",
        "Sources/App/Routes.swift",
        "Sources/App/Runtime.swift",
        "Sources/App/Auth/Permission.swift",
        "Sources/App/Controllers/Resource.swift",
        "Sources/App/Controllers/ResourceController.swift",
        "Sources/App/Auth/AuthMiddleware.swift",
        "Sources/App/Auth/Caller.swift",
        "Sources/App/HTTP/AppRequestContext.swift",
        "Sources/App/HTTP/ErrorMiddleware.swift",
        "Sources/App/Support/AppHooks.swift",
        "Sources/App/Support/EntityHooks.swift",
        "Tests/AppTests/AppTests.swift",
        "Tests/AppTests/CustomTests.swift",
        "Tests/AppTests/EntityTests.swift",
        "Tests/AppTests/Fixtures.swift",
        "Tests/AppTests/TestSupport.swift",
    ]

    /// The runtime library (`Sources/OtakRuntime`): the same bytes in every package, rendered
    /// with `runtimeValue` alone, which holds nothing a schema decides.
    static let runtimeTemplates = [
        "Sources/OtakRuntime/Database/Access.swift",
        "Sources/OtakRuntime/Database/ConstraintViolation.swift",
        "Sources/OtakRuntime/Database/Database.swift",
        "Sources/OtakRuntime/Database/Migrator.swift",
        "Sources/OtakRuntime/Database/RowMatch.swift",
        "Sources/OtakRuntime/Database/SQL.swift",
        "Sources/OtakRuntime/Database/SQLRow.swift",
        "Sources/OtakRuntime/HTTP/APIError.swift",
        "Sources/OtakRuntime/HTTP/ConnectionGuard.swift",
        "Sources/OtakRuntime/HTTP/DrainingApplication.swift",
        "Sources/OtakRuntime/HTTP/InputReader.swift",
        "Sources/OtakRuntime/HTTP/ListQuery.swift",
        "Sources/OtakRuntime/HTTP/RequestLogMiddleware.swift",
        "Sources/OtakRuntime/HTTP/ResponseHeaders.swift",
        "Sources/OtakRuntime/HTTP/Throttle.swift",
        "Sources/OtakRuntime/HTTP/Validator.swift",
        "Sources/OtakRuntime/JSON/JSONParser.swift",
        "Sources/OtakRuntime/JSON/JSONValue.swift",
        "Sources/OtakRuntime/JSON/JSONWriter.swift",
        "Sources/OtakRuntime/Support/Timestamp.swift",
        "Sources/OtakRuntime/Support/UUIDText.swift",
    ]

    /// The template values of the runtime: no schema in them.
    var runtimeValue: [String: TemplateValue] {
        [
            "otakVersion": .text(otakVersion),
            "emailPattern": .text(SwiftCode.stringLiteral(FormatPatterns.email)),
            "urlPattern": .text(SwiftCode.stringLiteral(FormatPatterns.url)),
        ]
    }

    /// The Swift client package, in `Client/`: templates by their path in `Templates/`.
    static let clientTemplates = [
        "Client/Package.swift",
        "Client/README.md",
        "Client/Sources/Client/Client.swift",
        "Client/Sources/Client/openapi-generator-config.yaml",
    ]

    /// Package templates whose output is the user's once created.
    static let userTemplates: Set = [
        "Sources/App/App.swift", "Sources/App/CustomRoutes.swift", "Sources/App/Mailer.swift", "Tests/AppTests/CustomTests.swift",
    ]

    /// Templates rendered once for a schema with an `auth` block.
    static let authTemplates = [
        "Sources/App/Auth/AuthController.swift",
        "Sources/App/Auth/CallerCache.swift",
        "Sources/App/Auth/SessionStore.swift",
        "Sources/App/Auth/TokenService.swift",
        "Tests/AppTests/AuthTests.swift",
        "Tests/AppTests/PermissionPropertyTests.swift",
        "Tests/AppTests/RuleOracle.swift",
        "Tests/AppTests/RuleSchema.swift",
    ]

    /// Templates rendered when an entity has `@@events`.
    static let eventTemplates = [
        "Sources/App/Database/EventFeed.swift", "Sources/App/Database/EventLog.swift", "Tests/AppTests/EventStreamTests.swift",
    ]

    /// Templates rendered when an entity has a `@@webhook`.
    static let webhookTemplates = ["Sources/App/Database/Webhooks.swift", "Tests/AppTests/WebhookTests.swift"]

    /// Templates rendered for a schema with `File` fields.
    static let fileTemplates = [
        "Sources/App/Files/FileController.swift", "Sources/App/Files/FileStorage.swift", "Sources/App/Files/FileSweep.swift",
        "Sources/App/Files/MultipartReader.swift", "Sources/App/Files/StoredFile.swift", "Tests/AppTests/FileTests.swift",
    ]

    /// Templates rendered for an `auth` block that declares `reset password` or `verify email`.
    static let mailTemplates = ["Sources/App/Auth/AccountMail.swift", "Sources/App/Mailer.swift"]

    private func rootValue(_ schema: Schema, entityValues: [[String: TemplateValue]]) -> [String: TemplateValue] {
        let kebab = Naming.kebabCase(schema.name)
        let usesPasswords = schema.entities.contains { $0.fields.contains { $0.kind == .scalar(.password) } }
        let diagrams = DiagramWriter(schema: schema)
        // The entities whose rows the generated tests' fixtures can create, by name.
        let creatable = Set(zip(schema.entities, entityValues).compactMap { entity, value in
            if case .flag(true) = value["canCreate"] { entity.name } else { nil }
        })
        return [
            "otakVersion": .text(otakVersion),
            "schemaFile": .text(schemaFileName),
            "appName": .text(schema.name),
            "packageName": .text(kebab + "-server"),
            "clientName": .text(Self.clientModule(schema)),
            "clientPackageName": .text(kebab + "-client"),
            "client": clientValue(schema),
            "diagram": .text(diagrams.erDiagram()),
            "permissions": .text(diagrams.permissionTable()),
            "executableName": .text(kebab + "-server"),
            "databaseFile": .text(Naming.snakeCase(schema.name) + ".sqlite"),
            "usesPasswords": .flag(usesPasswords),
            "hasAuth": .flag(schema.auth != nil),
            "sendsMail": .flag(schema.auth?.sendsMail == true),
            "hasEvents": .flag(schema.entities.contains { $0.eventRetentionSeconds != nil }),
            "eventEntityNames": .text(schema.entities.filter { $0.eventRetentionSeconds != nil }.map { "`\($0.names.type)`" }
                .joined(separator: ", ")),
            "eventEntities": .list(schema.entities.compactMap { entity in
                entity.eventRetentionSeconds.map { .object(["type": .text(entity.names.type), "retention": .text(String($0))]) }
            }),
            "hasWebhooks": .flag(!schema.webhooks.isEmpty),
            "usesCrypto": .flag(schema.auth != nil || !schema.webhooks.isEmpty || !schema.fileFields.isEmpty),
            "hasFiles": .flag(!schema.fileFields.isEmpty),
            "largestBodySize": .text(String(schema.largestBodySize)),
            "fileColumns": .list(schema.fileFields.map { entity, field in
                let column = entity.qualified(field.column ?? field.name)
                let select = { (cast: String) in "SELECT \(column)\(cast) FROM \(SQLDialect.quote(entity.names.table)) WHERE \(column) IS NOT NULL" }
                return .object(["sqlite": .text(SwiftCode.stringLiteral(select(""))), "postgres": .text(SwiftCode.stringLiteral(select("::text")))])
            }),
            "webhookNames": .text(schema.webhooks.map { "`\($0.webhook.name)`" }.joined(separator: ", ")),
            "webhooks": .list(schema.webhooks.map { webhookValue($1, of: $0, in: schema) }),
            "webhookLog": webhookLogValue(schema),
            "hasDecimalFields": .flag(schema.hasDecimalFields),
            "auth": authValue(schema),
            "firstRoute": .text(schema.entities.first?.routePath ?? "health"),
            "commitExample": commitExample(schema, creatable: creatable),
            "eventExample": commitExample(schema, creatable: creatable) { $0.eventRetentionSeconds != nil },
            "linkEventExample": linkEventExample(schema, creatable: creatable),
            "inverseLinkEventExample": inverseLinkEventExample(schema, creatable: creatable),
            "webhookExample": commitExample(schema, creatable: creatable) { !$0.webhooks.isEmpty },
            "fileExample": fileExample(schema, creatable: creatable),
            "cascadeFileExample": cascadeFileExample(schema, creatable: creatable),
            "fileRoutes": .list(schema.fileFields.map { entity, field in
                .object(["entity": .text(entity.name), "segment": .text(Naming.kebabCase(field.name)), "mediaType": .text(Self.testMediaType(field))])
            }),
            "hasRequiredFiles": .flag(schema.fileFields.contains { !$0.field.isOptional }),
            "requiredFileRoutes": .list(schema.entities.compactMap { entity in
                let required = entity.fileFields.filter { !$0.isOptional }
                guard !required.isEmpty else { return nil }
                return .object(["route": .text(entity.routePath), "fields": .list(required.enumerated().map { index, field in
                    .object(["jsonName": .text(field.jsonName), "mediaType": .text(Self.testMediaType(field)), "last": .flag(index == required.count - 1)])
                })])
            }),
            "fixtures": .list(entityValues.map(TemplateValue.object)),
            "oracle": schema.auth == nil ? .flag(false) : .object(OracleWriter(schema: schema, creatable: creatable).templateValue()),
            "entities": .list(zip(schema.entities, entityValues).map { entity, value in
                .object([
                    "type": .text(entity.names.type), "variable": .text(entity.names.variable), "route": .text(entity.routePath),
                    "hasPasswordFields": .flag(entity.fields.contains { $0.kind == .scalar(.password) }),
                    "isAuthEntity": .flag(entity.name == schema.auth?.entity),
                    "emitsEvents": .flag(entity.eventRetentionSeconds != nil),
                    "hasFiles": .flag(!entity.fileFields.isEmpty),
                    "hasCascadedFiles": value["hasCascadedFiles"] ?? .flag(false),
                ])
            }),
            "routes": .list(RouteTable(schema: schema).routes.map { route in
                .object([
                    "methodUpper": .text(route.method),
                    "path": .text(route.path),
                    "summary": .text(route.summary),
                ])
            }),
        ]
    }
}

extension Generator {
    /// A `@@webhook`: its name, entity, kinds (`.created, .updated`) and condition as `Access`.
    private func webhookValue(_ webhook: Webhook, of entity: Entity, in schema: Schema) -> TemplateValue {
        let condition = webhook.condition.map { condition in
            RuleWriter(entity: entity, schema: schema).access([Rule(operations: [.list], fields: [], condition: condition)])
        }
        var words = ["\"\(webhook.name)\""] + webhook.kinds.map(\.rawValue)
        if let described = webhook.condition.map({ RuleWriter.describe($0) }) { words.append(described) }
        return .object([
            "name": .text(webhook.name),
            "entity": .text(entity.names.type),
            "kinds": .text(webhook.kinds.map { "." + $0.rawValue }.joined(separator: ", ")),
            "condition": .text(condition ?? ".all"),
            "description": .text("@@webhook(" + words.joined(separator: ", ") + ")"),
        ])
    }

    /// Who reads the webhooks' delivery log (`admin` in the auth block), with a webhook only.
    private func webhookLogValue(_ schema: Schema) -> TemplateValue {
        guard schema.servesWebhookLog, let auth = schema.auth, let admin = auth.admin, let entity = schema.entity(named: auth.entity)
        else { return .flag(false) }
        let rule = Rule(operations: [.read], fields: [], condition: admin)
        return .object([
            "description": .text(RuleWriter.describe(admin)),
            "access": .text(RuleWriter(entity: entity, schema: schema).access([rule], indent: "        ")),
        ])
    }

    /// The `auth` block's names, or `false` without one.
    private func authValue(_ schema: Schema) -> TemplateValue {
        guard let auth = schema.auth, let entity = schema.entity(named: auth.entity),
              let identity = entity.field(named: auth.identityField), let password = entity.field(named: auth.passwordField)
        else { return .flag(false) }
        let roleCases = schema.otherRoles
        return .object([
            "type": .text(entity.names.type),
            "route": .text(entity.routePath),
            "displayName": .text(entity.displayName),
            "aDisplayName": .text(entity.aDisplayName),
            "variable": .text(entity.names.variable),
            "table": .text(entity.names.table),
            "identityColumn": .text(identity.column ?? identity.name),
            "identitySwift": .text(identity.swiftName),
            "passwordColumn": .text(password.column ?? password.name),
            "resetsPasswords": .flag(auth.resetsPasswords),
            "verifiesEmail": .flag(auth.verifiesEmail),
            "sendsMail": .flag(auth.sendsMail),
            "verifiedField": .text(AuthConfiguration.verifiedField),
            // A password one character shorter than the field allows, for tests of validation.
            "shortPassword": password.length?.minimum.flatMap { $0 > 1 ? .text(String(repeating: "x", count: $0 - 1)) : nil } ?? .flag(false),
            "verifiedColumn": .text(Naming.snakeCase(AuthConfiguration.verifiedField)),
            "roleCases": .list(roleCases.map { .object(["name": .text($0)]) }),
            "hasRoleCases": .flag(!roleCases.isEmpty),
            "roleChanges": roleChanges(schema, entity: entity, cases: roleCases),
            "signUpWithRole": {
                guard let field = auth.roleField, let newRole = roleCases.first,
                      let status = AccessMatrix(entity: entity, schema: schema).signUp(setting: field) else { return .flag(false) }
                return .object(["status": .text(String(status)), "role": .text(newRole)])
            }(),
            "roleJSON": .text(auth.roleField.flatMap { entity.field(named: $0)?.jsonName } ?? ""),
            "roleColumn": auth.roleField.flatMap { entity.field(named: $0)?.column }.map(TemplateValue.text) ?? .flag(false),
            "identityJSON": .text(identity.jsonName),
            "identityIsFolded": .flag(schema.isCaseFoldedIdentity(identity, of: entity)),
            "identityWords": .text(Naming.words(identity.name).joined(separator: " ").lowercased()),
            "passwordJSON": .text(password.jsonName),
            "passwordSwift": .text(password.swiftName),
            "tokenLifetime": .text(String(auth.tokenLifetimeSeconds)),
            "canRegister": .flag(!entity.rules(for: .create).isEmpty),
        ])
    }

    /// The entity the test of `didCommit` (or of the outbox) writes: the first the fixtures can
    /// create (with `@@events`), other than the signed-in users' if there is one.
    private func commitExample(
        _ schema: Schema, creatable: Set<String>, where chosen: (Entity) -> Bool = { _ in true }
    ) -> TemplateValue {
        let candidates = schema.entities.filter { creatable.contains($0.name) && chosen($0) }
        guard let entity = candidates.first(where: { $0.name != schema.auth?.entity }) ?? candidates.first else { return .flag(false) }
        return .object([
            "type": .text(entity.names.type), "variable": .text(entity.names.variable), "route": .text(entity.routePath),
            "table": .text(entity.names.table),
        ])
    }

    /// A `File` field of an entity the tests can create (the one with the smallest `@maxSize`, so
    /// that the test of the limit sends the least), and the media types its tests upload.
    private func fileExample(_ schema: Schema, creatable: Set<String>) -> TemplateValue {
        guard let (entity, field) = schema.fileFields.filter({ creatable.contains($0.entity.name) }).min(by: { $0.field.maxSize < $1.field.maxSize })
        else { return .flag(false) }
        return .object([
            "type": .text(entity.names.type), "variable": .text(entity.names.variable), "route": .text(entity.routePath),
            "fieldRoute": .text(Naming.kebabCase(field.name)), "jsonName": .text(field.jsonName),
            "mediaType": .text(Self.testMediaType(field)),
            // The test of the limit sends one byte more than it: up to 16 MiB.
            "tooLarge": field.maxSize <= 16 << 20 ? .text(String(field.maxSize + 1)) : .flag(false),
            "unaccepted": field.accept.isEmpty ? .flag(false) : .text("x-otak/unaccepted"),
            "isRequired": .flag(!field.isOptional),
        ])
    }

    /// A `File` field of an entity the tests can create whose rows a delete of another one's
    /// removes by cascade: the test that their contents go too.
    private func cascadeFileExample(_ schema: Schema, creatable: Set<String>) -> TemplateValue {
        for child in schema.entities where creatable.contains(child.name) {
            guard let file = child.fileFields.first else { continue }
            for field in child.fields {
                guard case .belongsTo(let parentName, .cascade) = field.kind, parentName != child.name, creatable.contains(parentName),
                      let parent = schema.entity(named: parentName) else { continue }
                return .object([
                    "parentRoute": .text(parent.routePath), "parentType": .text(parent.names.type), "childType": .text(child.names.type),
                    "childRoute": .text(child.routePath), "relation": .text(field.jsonName), "fileRoute": .text(Naming.kebabCase(file.name)),
                    "fileMediaType": .text(Self.testMediaType(file)),
                ])
            }
        }
        return .flag(false)
    }

    /// A media type a `File` field accepts, for its tests' uploads.
    static func testMediaType(_ field: Field) -> String {
        let wildcards = ["image/*": "image/png", "video/*": "video/mp4", "audio/*": "audio/mpeg", "application/*": "application/pdf"]
        guard let first = field.accept.first else { return "application/octet-stream" }
        return wildcards[first] ?? (first.hasSuffix("/*") ? first.dropLast() + "x-test" : first)
    }

    /// An entity with `@@events` and a many-to-many relation, both ends of which the tests can
    /// create: its link events are tested.
    private func linkEventExample(_ schema: Schema, creatable: Set<String>) -> TemplateValue {
        for entity in schema.entities where entity.eventRetentionSeconds != nil && creatable.contains(entity.name) {
            for field in entity.fields {
                guard case .manyToMany(let targetName, _, _) = field.kind, creatable.contains(targetName),
                      let target = schema.entity(named: targetName) else { continue }
                return .object([
                    "type": .text(entity.names.type), "variable": .text(entity.names.variable), "route": .text(entity.routePath),
                    "targetVariable": .text(target.names.variable), "targetRoute": .text(target.routePath),
                    "segment": .text(Naming.kebabCase(field.name)), "relation": .text(field.jsonName),
                ])
            }
        }
        return .flag(false)
    }

    /// A many-to-many relation whose other side has `@@events`, both ends of which the tests can
    /// create: a link made from this side is an event of the other row too.
    private func inverseLinkEventExample(_ schema: Schema, creatable: Set<String>) -> TemplateValue {
        for entity in schema.entities where creatable.contains(entity.name) {
            for field in entity.fields {
                guard case .manyToMany(let targetName, let inverse, _) = field.kind, targetName != entity.name,
                      creatable.contains(targetName), let target = schema.entity(named: targetName),
                      target.eventRetentionSeconds != nil else { continue }
                return .object([
                    "variable": .text(entity.names.variable), "route": .text(entity.routePath),
                    "targetVariable": .text(target.names.variable), "targetRoute": .text(target.routePath),
                    "segment": .text(Naming.kebabCase(field.name)),
                    "inverse": .text(target.field(named: inverse)?.jsonName ?? inverse),
                ])
            }
        }
        return .flag(false)
    }

    /// What the client package's README and configuration name.
    private func clientValue(_ schema: Schema) -> TemplateValue {
        // The README's example lists the first entity that is not the one users sign in as.
        let example = schema.entities.first { $0.name != schema.auth?.entity } ?? schema.entities.first
        let ids = example.map(OperationIDs.init)
        return .object([
            "exampleList": .text(ids?.list ?? "health"),
            "exampleGet": .text(ids?.get ?? "health"),
            "nameOverrides": .list(OpenAPIWriter(schema: schema).clientNameOverrides().map { original, swift in
                .object(["original": .text(original), "swift": .text(swift)])
            }),
        ])
    }

    /// The statuses of user A's role being changed to another case by each signed-in caller.
    private func roleChanges(_ schema: Schema, entity: Entity, cases: [String]) -> TemplateValue {
        guard let field = schema.auth?.roleField, let newRole = cases.first else { return .flag(false) }
        let matrix = AccessMatrix(entity: entity, schema: schema)
        let changes = matrix.callers.filter { $0 != .anonymous }.compactMap { caller -> TemplateValue? in
            guard let (status, namesField) = matrix.fieldUpdate(field, by: caller) else { return nil }
            return .object(["caller": .text(caller.swift), "status": .text(String(status)), "namesField": .text(String(namesField))])
        }
        return changes.isEmpty ? .flag(false) : .object(["role": .text(newRole), "cases": .list(changes)])
    }
}

/// Every route a generated server has, for the 405 table, the README and OpenAPI.
struct RouteTable {
    struct Route {
        let method: String
        /// `/products/{id}`.
        let path: String
        let summary: String
    }

    let schema: Schema

    var routes: [Route] {
        var result: [Route] = []
        if let auth = schema.auth, let entity = schema.entity(named: auth.entity) {
            if !entity.rules(for: .create).isEmpty {
                result.append(Route(method: "POST", path: "/auth/register", summary: "Sign up: create \(entity.aDisplayName) and get a token"))
            }
            result += [
                Route(method: "POST", path: "/auth/login", summary: "Sign in: a token for an identity and password"),
                Route(method: "POST", path: "/auth/refresh", summary: "New tokens for a refresh token, which stops working"),
                Route(method: "POST", path: "/auth/logout", summary: "Ends the session of the token"),
                Route(method: "POST", path: "/auth/logout-all", summary: "Ends every session of the signed-in user"),
                Route(method: "GET", path: "/auth/me", summary: "The signed-in \(entity.displayName)"),
            ]
            if auth.resetsPasswords {
                result += [
                    Route(method: "POST", path: "/auth/password-reset", summary: "Mails a link to choose a new password, if an account has the address"),
                    Route(method: "POST", path: "/auth/password-reset/confirm", summary: "Sets the password with a mailed link's token"),
                ]
            }
            if auth.verifiesEmail {
                result += [
                    Route(method: "POST", path: "/auth/verify-email", summary: "Mails the signed-in user a link to confirm their address"),
                    Route(method: "POST", path: "/auth/verify-email/confirm", summary: "Confirms an address with a mailed link's token"),
                ]
            }
        }
        if schema.servesWebhookLog {
            result += [
                Route(method: "GET", path: "/webhook-deliveries", summary: "List the webhooks' deliveries (admin)"),
                Route(method: "POST", path: "/webhook-deliveries/{id}/retry", summary: "Send a webhook delivery again (admin)"),
            ]
        }
        for entity in schema.entities {
            let base = entity.names.route
            let name = entity.displayName
            result += [
                Route(method: "GET", path: base, summary: "List \(Naming.plural(name))"),
                Route(method: "POST", path: base, summary: "Create \(Naming.withArticle(name))"),
            ]
            if entity.eventRetentionSeconds != nil {
                result.append(Route(method: "GET", path: base + "/events", summary: "Stream the changes of the \(Naming.plural(name)) the caller may list"))
            }
            result += [
                Route(method: "GET", path: base + "/{id}", summary: "Get \(Naming.withArticle(name))"),
                Route(method: "PATCH", path: base + "/{id}", summary: "Update \(Naming.withArticle(name))"),
                Route(method: "DELETE", path: base + "/{id}", summary: "Delete \(Naming.withArticle(name))"),
            ]
            for field in entity.fields {
                let relation = Naming.words(field.name).joined(separator: " ").lowercased()
                switch field.kind {
                case .hasMany:
                    result.append(Route(method: "GET", path: "\(base)/{id}/\(Naming.kebabCase(field.name))",
                                        summary: "List the \(relation) of \(Naming.withArticle(name))"))
                case .scalar(.file):
                    let path = "\(base)/{id}/\(Naming.kebabCase(field.name))"
                    result += [
                        Route(method: "GET", path: path, summary: "Download the \(relation) of \(Naming.withArticle(name))"),
                        Route(method: "PUT", path: path, summary: "Upload the \(relation) of \(Naming.withArticle(name))"),
                    ]
                    if field.isOptional {
                        result.append(Route(method: "DELETE", path: path, summary: "Remove the \(relation) of \(Naming.withArticle(name))"))
                    }
                    result.append(Route(method: "GET", path: path + "/url", summary: "A signed URL of the \(relation) of \(Naming.withArticle(name))"))
                case .manyToMany:
                    let path = "\(base)/{id}/\(Naming.kebabCase(field.name))"
                    result += [
                        Route(method: "GET", path: path, summary: "List the \(relation) of \(Naming.withArticle(name))"),
                        Route(method: "PUT", path: path + "/{otherID}", summary: "Link \(Naming.withArticle(name)) to one of its \(relation)"),
                        Route(method: "DELETE", path: path + "/{otherID}", summary: "Unlink \(Naming.withArticle(name)) from one of its \(relation)"),
                    ]
                default:
                    break
                }
            }
        }
        return result
    }
}
