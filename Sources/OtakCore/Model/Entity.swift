/// An entity: one table, one Swift type, one REST resource.
public struct Entity: Sendable, Equatable {
    public var name: String
    public var names: EntityNames
    /// The implicit `id` first, then the fields in the order they were declared.
    public var fields: [Field]
    /// `@@index(...)`; foreign keys are indexed by the emitters without being listed here.
    public var indexes: [Index]
    /// Multi-column `@@unique(...)` constraints.
    public var uniqueConstraints: [Index]
    public var checks: [Check]
    public var rules: [Rule]
    /// `@@renamedFrom("Post")`: the entity's earlier name, so that a migration renames its table.
    public var renamedFrom: String? = nil
    /// `@@events` or `@@events(30d)`: every committed write appends an event to the outbox
    /// (`otak_events`), kept this many seconds.
    public var eventRetentionSeconds: Int? = nil
    /// `@@webhook("ORDER_PAID", updated, status == .paid)`: the outbox's events sent on to a URL.
    public var webhooks: [Webhook] = []

    /// How long events are kept when `@@events` gives no duration: a week.
    public static let defaultEventRetentionSeconds = 7 * 86_400

    public func field(named name: String) -> Field? {
        fields.first { $0.name == name }
    }

    /// The `File` fields, whose uploads and downloads have routes of their own.
    public var fileFields: [Field] {
        fields.filter { $0.kind == .scalar(.file) }
    }

    /// The `@owner` field, if the entity has one.
    public var ownerField: Field? {
        fields.first(where: \.isOwner)
    }

    /// The rules that grant `operation` on the whole row (field-level and deny rules excluded).
    public func rules(for operation: RuleOperation) -> [Rule] {
        rules.filter { $0.operations.contains(operation) && $0.fields.isEmpty && !$0.isDeny }
    }

    /// The `deny` rules of `operation`: where one holds, the operation is refused.
    public func denyRules(for operation: RuleOperation) -> [Rule] {
        rules.filter { $0.operations.contains(operation) && $0.isDeny }
    }
}

/// `@@webhook("ORDER_PAID", updated, status == .paid)`: some of an entity's events, POSTed
/// (signed) to the URL in the environment variable `<name>_URL` with the key `<name>_SECRET`.
public struct Webhook: Sendable, Equatable {
    /// The kinds of event a webhook can follow.
    public enum Kind: String, Sendable, CaseIterable {
        case created, updated, deleted, linked, unlinked
    }

    /// `ORDER_PAID`: the prefix of its environment variables, and its name in payloads and logs.
    public var name: String
    /// In the order declared; without any, `created`, `updated` and `deleted`.
    public var kinds: [Kind]
    /// Over the row, without the caller. For `updated`, the change must make it true: it holds
    /// after the write and did not before; for `deleted`, it held before; otherwise it holds.
    public var condition: RuleExpression?

    public static let defaultKinds: [Kind] = [.created, .updated, .deleted]
}

/// Every name an emitter needs for an entity.
public struct EntityNames: Sendable, Equatable {
    /// `OrderItem`
    public var type: String
    /// `orderItem`
    public var variable: String
    /// `orderItems`
    public var pluralVariable: String
    /// `order_items`
    public var table: String
    /// `/order-items`
    public var route: String
}

/// An index or a unique constraint over some columns.
public struct Index: Sendable, Equatable {
    /// Field names, in order.
    public var fields: [String]
    /// Column names, in order.
    public var columns: [String]
    /// The SQL name, at most 63 bytes (PostgreSQL's limit).
    public var name: String
}

/// `@@check(price > 0 || !active, "an active product needs a price")`. Like SQL `CHECK`,
/// a comparison with a null value does not fail the check.
public struct Check: Sendable, Equatable {
    public var condition: RuleExpression
    public var message: String
    public var name: String
}

/// The operation ids of the OpenAPI document (a generated client's method names), by route.
/// The checker refuses a schema in which two would be the same; the OpenAPI writer uses these.
public struct OperationIDs: Sendable, Equatable {
    /// `listProducts`, `createProduct`, `getProduct`, `updateProduct`, `deleteProduct`.
    public var list, create, get, update, delete: String

    public init(_ entity: Entity) {
        let type = entity.names.type
        list = "list" + Naming.upperCamelCase(entity.names.pluralVariable)
        create = "create" + type
        get = "get" + type
        update = "update" + type
        delete = "delete" + type
    }

    /// `GET /orders/events`: `watchOrders`.
    public static func watch(_ entity: Entity) -> String {
        "watch" + Naming.upperCamelCase(entity.names.pluralVariable)
    }

    /// `GET /orders/{id}/items`: `listItemsOfOrder`.
    public static func listRelated(_ field: Field, of entity: Entity) -> String {
        relation("list", field, entity)
    }

    /// `PUT /posts/{id}/likes/{otherID}`: `linkLikesOfPost`.
    public static func link(_ field: Field, of entity: Entity) -> String {
        relation("link", field, entity)
    }

    /// `DELETE /posts/{id}/likes/{otherID}`: `unlinkLikesOfPost`.
    public static func unlink(_ field: Field, of entity: Entity) -> String {
        relation("unlink", field, entity)
    }

    /// `GET`, `PUT` and `DELETE /photos/{id}/image` and `GET …/url`: `downloadImageOfPhoto`,
    /// `uploadImageOfPhoto`, `removeImageOfPhoto`, `getImageURLOfPhoto`.
    public static func file(_ field: Field, of entity: Entity) -> (download: String, upload: String, remove: String, url: String) {
        (relation("download", field, entity), relation("upload", field, entity), relation("remove", field, entity),
         "get" + Naming.upperCamelCase(field.name) + "URLOf" + entity.names.type)
    }

    /// The ids of the routes a field adds: a has-many list, a many-to-many list, link and
    /// unlink, or a file's four.
    public static func routes(of field: Field, in entity: Entity) -> [String] {
        switch field.kind {
        case .hasMany: return [listRelated(field, of: entity)]
        case .manyToMany: return [listRelated(field, of: entity), link(field, of: entity), unlink(field, of: entity)]
        case .scalar(.file):
            let ids = file(field, of: entity)
            return [ids.download, ids.upload, ids.remove, ids.url]
        default: return []
        }
    }

    private static func relation(_ verb: String, _ field: Field, _ entity: Entity) -> String {
        verb + Naming.upperCamelCase(field.name) + "Of" + entity.names.type
    }

    /// The ids of the routes every server has, and of the sign-in routes.
    public static let fixed = ["health", "openapi", "register", "login", "me"]
}
