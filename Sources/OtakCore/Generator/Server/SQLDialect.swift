/// What differs between the two SQL dialects of a generated server.
enum SQLDialect: String, CaseIterable, Sendable {
    case sqlite
    case postgres

    static func quote(_ identifier: String) -> String {
        "\"" + doubling(UInt8(ascii: "\""), in: identifier) + "\""
    }

    static func stringLiteral(_ text: String) -> String {
        "'" + doubling(UInt8(ascii: "'"), in: text) + "'"
    }

    /// The text with every `quote` written twice, as SQL escapes it.
    private static func doubling(_ quote: UInt8, in text: String) -> String {
        guard text.utf8.contains(quote) else { return text }
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == quote { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The `n`th parameter (1-based), cast where PostgreSQL cannot infer the column's type.
    func placeholder(_ number: Int, for type: ColumnType) -> String {
        switch self {
        case .sqlite: "?\(number)"
        case .postgres: "$\(number)" + type.postgresParameterCast
        }
    }

    /// How a column is selected so that the server can decode it.
    func selectExpression(_ column: String, _ type: ColumnType) -> String {
        switch self {
        case .sqlite: column
        case .postgres: column + type.postgresSelectCast
        }
    }

    func columnType(_ type: ColumnType) -> String {
        switch (self, type) {
        case (.sqlite, .text), (.sqlite, .uuid), (.sqlite, .date), (.sqlite, .timestamp), (.sqlite, .json), (.sqlite, .file): "TEXT"
        case (.sqlite, .integer), (.sqlite, .bool), (.sqlite, .sequence): "INTEGER"
        case (.sqlite, .double): "REAL"
        case (.sqlite, .decimal): "NUMERIC"
        case (.postgres, .text): "text"
        case (.postgres, .integer): "bigint"
        case (.postgres, .double): "double precision"
        case (.postgres, .decimal): "numeric"
        case (.postgres, .bool): "boolean"
        case (.postgres, .uuid): "uuid"
        case (.postgres, .date): "date"
        case (.postgres, .timestamp): "timestamptz"
        // `json`, not `jsonb`: jsonb cannot hold the string escape \u0000, which JSON allows.
        case (.postgres, .json), (.postgres, .file): "json"
        case (.postgres, .sequence): "bigint GENERATED ALWAYS AS IDENTITY"
        }
    }

    func boolLiteral(_ value: Bool) -> String {
        switch self {
        case .sqlite: value ? "1" : "0"
        case .postgres: value ? "TRUE" : "FALSE"
        }
    }

    /// The number of characters of a text column, as both dialects and the Swift validation count them.
    func length(_ column: String) -> String {
        switch self {
        case .sqlite: "length(\(column))"
        case .postgres: "char_length(\(column))"
        }
    }
}

/// How a stored field is kept in SQL and bound from Swift.
enum ColumnType: String, Sendable, Equatable {
    case text, integer, double, decimal, bool, uuid, date, timestamp, json
    /// An uploaded file's metadata, a JSON object: its own type, so that a migration to or from
    /// a `File` field drops the values instead of converting them.
    case file
    /// An integer key the database assigns in increasing order (the outbox's event ids).
    case sequence

    init(_ kind: FieldKind) {
        switch kind {
        case .scalar(let scalar):
            switch scalar {
            case .string, .text, .password: self = .text
            case .int: self = .integer
            case .double: self = .double
            case .decimal: self = .decimal
            case .bool: self = .bool
            case .date: self = .date
            case .dateTime: self = .timestamp
            case .uuid: self = .uuid
            case .json: self = .json
            case .file: self = .file
            }
        case .enumeration: self = .text
        case .belongsTo, .hasMany, .manyToMany: self = .uuid
        }
    }

    /// Dates and JSON travel as text; PostgreSQL needs to be told what they are.
    var postgresParameterCast: String {
        switch self {
        case .date: "::date"
        case .json, .file: "::json"
        default: ""
        }
    }

    var postgresSelectCast: String {
        switch self {
        case .date, .json, .file: "::text"
        default: ""
        }
    }
}
