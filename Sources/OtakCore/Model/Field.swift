/// A field of an entity, resolved and with its attributes checked.
public struct Field: Sendable, Equatable {
    /// The name as written (`customer`).
    public var name: String
    /// The Swift property (`customerID` for a belongs-to relation, else the name; in backticks
    /// if a keyword).
    public var swiftName: String
    /// The JSON key (`customerId` for a belongs-to relation, else the name).
    public var jsonName: String
    /// The SQL column (`customer_id`), `nil` for has-many and many-to-many fields.
    public var column: String?
    public var kind: FieldKind
    public var isOptional: Bool
    public var isUnique: Bool
    public var defaultValue: DefaultValue?
    /// `@length(min...max)`, counted in characters.
    public var length: Bounds?
    /// `@range(min...max)` for numbers; bounds as written (`0`, `0.01`).
    public var range: NumericBounds?
    /// `@pattern("...")`, a regular expression the whole value must match.
    public var pattern: String?
    public var isEmail: Bool
    public var isURL: Bool
    /// Never written by clients: set by a default, the server or a hook.
    public var isReadOnly: Bool
    /// Never returned to clients. Password fields are always hidden.
    public var isHidden: Bool
    /// The belongs-to relation to the auth entity that marks who owns the row.
    public var isOwner: Bool
    /// The implicit primary key `id`.
    public var isPrimaryKey: Bool
    /// `@renamedFrom("title")`: the field's earlier name, so that a migration renames its column
    /// instead of dropping it and adding a new one.
    public var renamedFrom: String? = nil
    /// `@accept("image/png", "image/*")` on a `File` field: the media types an upload may have;
    /// empty accepts any.
    public var accept: [String] = []
    /// `@maxSize(5MB)` on a `File` field: the largest upload, in bytes.
    public var maxSize: Int64 = Field.defaultMaxSize

    /// The largest upload of a `File` field without `@maxSize`: 10 MB.
    public static let defaultMaxSize: Int64 = 10 << 20

    /// Whether the field is a column of the entity's table.
    public var isStored: Bool { column != nil }

    /// Whether the field is a scalar whose values are never compared (`ScalarType.isOpaque`).
    public var isOpaque: Bool {
        if case .scalar(let scalar) = kind { scalar.isOpaque } else { false }
    }
}

public enum FieldKind: Sendable, Equatable {
    case scalar(ScalarType)
    case enumeration(String)
    /// A foreign key to `entity`'s id.
    case belongsTo(entity: String, onDelete: DeleteAction)
    /// The rows of `entity` whose belongs-to field `inverse` points here.
    case hasMany(entity: String, inverse: String)
    /// Rows of `entity` linked through a join table; `inverse` is the list field on the other side.
    case manyToMany(entity: String, inverse: String, joinTable: JoinTable)
}

public enum ScalarType: String, Sendable, Equatable, CaseIterable {
    case string = "String"
    case text = "Text"
    case int = "Int"
    case double = "Double"
    case decimal = "Decimal"
    case bool = "Bool"
    case date = "Date"
    case dateTime = "DateTime"
    case uuid = "UUID"
    case json = "JSON"
    case password = "Password"
    /// An uploaded file: the row holds its metadata (name, size, media type, SHA-256), the
    /// server's file storage its content.
    case file = "File"

    public var isNumeric: Bool { self == .int || self == .double || self == .decimal }
    public var isTextual: Bool { self == .string || self == .text || self == .password }
    /// Whether values are never compared, sorted, filtered on or indexed: passwords (stored
    /// hashed), JSON documents and files.
    public var isOpaque: Bool { self == .password || self == .json || self == .file }
    /// Whether `<`, `>` and friends mean the same in Swift and in both SQL dialects.
    public var isOrdered: Bool { isNumeric || self == .date || self == .dateTime }
}

/// What happens to rows pointing at a deleted row.
public enum DeleteAction: String, Sendable, Equatable, CaseIterable {
    case cascade
    case restrict
    case setNull
}

/// The table linking the two sides of a many-to-many relation, shared by both sides.
public struct JoinTable: Sendable, Equatable {
    public var name: String
    /// The column pointing at the row of the entity declaring this side.
    public var ownColumn: String
    /// The column pointing at the other side's row.
    public var otherColumn: String
}

/// `@default(...)`, typed.
public enum DefaultValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    /// A Double or Decimal default, as written.
    case number(String)
    case bool(Bool)
    case enumCase(String)
    /// The current date or time when the row is created.
    case now
    /// A JSON document, validated at generation time.
    case json(String)
}

/// Inclusive integer bounds; either end may be open.
public struct Bounds: Sendable, Equatable {
    public var minimum: Int?
    public var maximum: Int?
}

/// Inclusive numeric bounds as written, so that `0.01` stays exact; either end may be open.
public struct NumericBounds: Sendable, Equatable {
    public var minimum: String?
    public var maximum: String?
}
