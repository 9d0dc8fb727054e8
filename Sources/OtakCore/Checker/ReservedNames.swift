/// Names that would break the generated Swift or SQL.
enum ReservedNames {
    /// Swift keywords: a field or enum case with one of these names is written in backticks in
    /// the generated Swift (`` `private` ``); its JSON key, column and value keep the name.
    static let swiftKeywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "as", "any", "await", "false", "is", "nil", "self", "super",
        "throws", "true", "try", "async", "some", "consume", "borrowing", "consuming", "macro", "package",
    ]

    /// A field's or enum case's name as a Swift identifier: in backticks if it is a keyword.
    static func swiftIdentifier(_ name: String) -> String {
        swiftKeywords.contains(name) ? "`\(name)`" : name
    }

    /// An identifier (`swiftIdentifier`'s) as an argument label in a call, where only `inout`
    /// keeps its backticks (Swift warns that the others "do not need to be escaped").
    static func swiftLabel(_ identifier: String) -> String {
        identifier == "`inout`" ? identifier : identifier.trimmingCharacters(in: ["`"])
    }

    /// Type names the generated package uses (Swift, Foundation, Hummingbird and its own types);
    /// an entity or enum with one of these names would shadow it.
    static let typeNames: Set<String> = [
        "Any", "AnyObject", "Array", "Bool", "Character", "Codable", "Data", "Date", "Decimal", "Decodable",
        "Decoder", "Dictionary", "Double", "Encodable", "Encoder", "Equatable", "Error", "Float", "Hashable",
        "Identifiable", "Int", "Int64", "JSONDecoder", "JSONEncoder", "Never", "Optional", "Protocol", "Result",
        "Self", "Sendable", "Set", "String", "Substring", "Task", "Type", "URL", "UUID", "Void",
        "Application", "ByteBuffer", "Context", "EventLoopFuture", "HTTPError", "Logger", "Request",
        "RequestContext", "Response", "Router", "Foundation", "Hummingbird",
        "App", "AppRequestContext", "Database", "Migration", "Migrations", "Page", "Validation",
        "ValidationError", "Auth", "Token", "Configuration", "NullableDecimal",
        // The member types of every entity (`Resource`'s associated types): inside the entity's
        // extensions, these names mean `Product.Record` and so on.
        "Create", "Patch", "Record", "Detail", "Queries", "Permissions",
        // The generated package's own types (Templates/Sources/App and Tests/AppTests); a test
        // checks that every type the templates declare is here.
        "APIError", "Access", "AllowedOrigins", "AllowedOriginsMiddleware", "AccessCase", "AccessScene", "AppConfiguration", "AppHooks", "AppTests", "AuthController",
        "AuthMiddleware", "AuthTests", "BadToken", "CallerCache", "CalendarDate", "Caller", "CheckCase", "Checksum", "Comparison",
        "ConfigurationError", "ConnectionGuard", "ConnectionGuardHandler", "ConnectionLimits", "ConstraintViolation", "CustomTests", "DatabaseConnection", "Drain", "DrainingApplication", "EntityHooks",
        "EmbeddedFiles", "Entities", "EntitySpec", "EntityTests", "ErrorMiddleware", "FieldChange", "FieldError", "FieldValue", "Fixtures", "HealthStatus", "HookContext", "IdentityFolding", "Includes",
        "InputReader", "JSONParser", "JSONParserTests", "JSONReadable", "JSONResponse", "JSONText", "JSONValue",
        "JSONWritable", "JSONWriter", "JSONWriterTests", "ListQuery", "LoopConnections", "MemoryThrottleStore", "MigrationError", "Migrator", "NewValues",
        "NoHooks", "OpenAPIDocument", "OracleEntity", "OracleField", "OracleRow", "OracleRule", "OracleScene",
        "OracleEntities", "OracleSchema", "Pattern", "Permission", "PermissionPropertyTests", "Reference", "Resource", "ResourceController",
        "ResourceCreate", "ResourcePatch", "ResourcePermissions", "ResourceQueries", "ResourceRecord", "PreparedStatements", "PropertyRun",
        "ReadProblem", "RelatedRows", "RequestLogMiddleware", "Routes", "RowCondition", "RuleCase", "RuleOperation", "RuleOracle",
        "RuleTerm", "RuleValue", "SeededRandom", "SerialAccess", "ServerTests", "SignedIn", "SignedInUser", "SQL",
        "SQLBuilder", "SQLDecodable", "SQLDecodingError", "SQLDialect", "SQLLogic", "SQLRow", "SQLRowTests",
        "SQLScript", "SQLValue", "SessionStore", "SecurityHeaders", "SecurityHeadersMiddleware", "SignInLimits", "Throttle", "ThrottlePolicy", "ThrottleStore", "PostgresThrottleStore", "SplitMix", "TestCaller", "TestClock", "Timestamp", "TokenService", "UUIDTextTests",
        "UnavailableConnectionError", "UniqueConstraint", "Validator", "VariedField",
        "AccountMail", "AccountMailQueue", "AccountMailSettings", "AccountTokens", "LogMailer", "MailBox", "Mailer", "Secret",
        "CommitContext", "CommittedChange", "EventFeed", "EventLog", "EventRetention", "EventStreamTests", "RecordingHooks", "RowImage",
        "RowMatch", "Webhook", "WebhookController", "WebhookDelivery", "WebhookDispatcher", "WebhookLog", "WebhookSettings",
        "WebhookSignature", "WebhookTests",
        "ByteRange", "FailingUpdates", "FileController", "FileField", "FileResource", "FileServices", "FileSettings", "FileStorage",
        "FileSweep", "FileTests", "FileTooLarge", "FileURLSigner", "LocalFileStorage", "MediaSniffer", "PosixError", "PosixFile",
        "SignedURL", "StoredContent", "StoredFile", "MultipartReader", "MultipartPart", "HeaderParameters", "ResourceBody",
    ]

    /// What the generated code appends to an entity's name for its other types and files
    /// (`ProductCreate`, `Models/ProductInput.swift`).
    static let entityTypeSuffixes = [
        "Create", "Patch", "Record", "Detail", "Input", "Queries", "Resource", "Permissions", "Hooks", "Tests",
    ]

    /// Member names with a meaning of their own inside an entity.
    static let memberKeywords: Set<String> = ["allow", "deny", "id"]

    /// PostgreSQL truncates identifiers longer than this many bytes.
    static let maximumSQLIdentifierLength = 63

    /// Table name prefixes owned by SQLite and by the generated server.
    static let reservedTablePrefixes = ["sqlite_", "otak_", "pg_"]
}
