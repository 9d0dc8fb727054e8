/// The checked model of a schema: every name resolved, every relation with both ends,
/// every rule a typed expression tree. It is the one input of every emitter, and it holds
/// no source locations, so two schemas that mean the same thing have equal models.
public struct Schema: Sendable, Equatable {
    /// The app's name as written (`Shop`).
    public var name: String
    public var enums: [EnumType]
    public var entities: [Entity] {
        didSet { entityPositions = Self.positions(of: entities) }
    }
    public var auth: AuthConfiguration?
    /// Where each entity is in `entities`: emitters look entities up by name all the time.
    private var entityPositions: [String: Int]

    public init(name: String, enums: [EnumType], entities: [Entity], auth: AuthConfiguration?) {
        self.name = name
        self.enums = enums
        self.entities = entities
        self.auth = auth
        self.entityPositions = Self.positions(of: entities)
    }

    /// Whether some entity has a `Decimal` field.
    public var hasDecimalFields: Bool {
        entities.contains { $0.fields.contains { $0.kind == .scalar(.decimal) } }
    }

    public func entity(named name: String) -> Entity? {
        entityPositions[name].map { entities[$0] }
    }

    private static func positions(of entities: [Entity]) -> [String: Int] {
        Dictionary(entities.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every entity's `@@webhook`s, with their entity.
    public var webhooks: [(entity: Entity, webhook: Webhook)] {
        entities.flatMap { entity in entity.webhooks.map { (entity, $0) } }
    }

    /// Whether the server serves the webhooks' delivery log: some `@@webhook`, and an `admin`
    /// in the auth block to read it.
    public var servesWebhookLog: Bool {
        !webhooks.isEmpty && auth?.admin != nil
    }

    /// The largest request body the server takes, in bytes: one entity's files together (a
    /// multipart create), 1 MiB for the JSON part and 64 KiB for the parts' headers; 0 without
    /// files.
    public var largestBodySize: Int64 {
        let files = entities.map { entity -> Int64 in entity.fileFields.map(\.maxSize).reduce(0, +) }.max() ?? 0
        return files == 0 ? 0 : files + (1 << 20) + (64 << 10)
    }

    /// Every `File` field, with its entity.
    public var fileFields: [(entity: Entity, field: Field)] {
        entities.flatMap { entity in entity.fileFields.map { (entity, $0) } }
    }

    public func enumType(named name: String) -> EnumType? {
        enums.first { $0.name == name }
    }
}

/// `enum OrderStatus { pending paid shipped cancelled }`. The cases are stored and sent as
/// written, in SQL and JSON alike.
public struct EnumType: Sendable, Equatable {
    public var name: String
    public var cases: [String]
}

/// The `auth` block: who logs in, with what, and how long a token lives.
public struct AuthConfiguration: Sendable, Equatable {
    public var entity: String
    public var identityField: String
    public var passwordField: String
    /// The enum-typed field that `role(...)` in rules reads, if any.
    public var roleField: String?
    public var roleEnum: String?
    public var tokenLifetimeSeconds: Int
    /// `reset password`: `POST /auth/password-reset` mails a link to choose a new password.
    public var resetsPasswords = false
    /// `verify email`: a link mailed at sign-up (and on request) sets `emailVerified`.
    public var verifiesEmail = false
    /// `admin role(admin)`: the callers who run the server, who read the webhooks' delivery log
    /// and send a dead delivery again. A condition on the caller alone.
    public var admin: RuleExpression? = nil

    /// Whether the server mails anything (and needs a mailer in production).
    public var sendsMail: Bool { resetsPasswords || verifiesEmail }

    public static let defaultTokenLifetimeSeconds = 86_400
    /// The read-only Bool field `verify email` adds to the auth entity.
    public static let verifiedField = "emailVerified"
}

extension Schema {
    /// Whether `field` of `entity` is an email that signs in: such identities are trimmed and
    /// lowercased where they are written and looked up, so that `A@Example.com` and
    /// `a@example.com` are one account.
    public func isCaseFoldedIdentity(_ field: Field, of entity: Entity) -> Bool {
        guard let auth else { return false }
        return auth.entity == entity.name && auth.identityField == field.name && field.isEmail
    }
}
