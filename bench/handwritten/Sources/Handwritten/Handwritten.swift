import Foundation
import Hummingbird
import Logging
import PostgresNIO
import SQLiteNIO
import ServiceLifecycle

/// `GET /products/{id}` and `GET /products` (first page, by id) of the shop sample, written by
/// hand: one SQL statement each, bound parameters, rows decoded straight into a Codable struct.
/// Like the shop's rules for an anonymous caller, it shows active products only.
/// It reads the database a shop server created: `DATABASE_URL` is `postgres://…` (TLS off,
/// `search_path` honoured) or `sqlite://file`; `PORT` defaults to 8081.
@main
struct Handwritten {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        let url = environment["DATABASE_URL"] ?? "sqlite://shop.sqlite"
        let port = environment["PORT"].flatMap(Int.init) ?? 8081
        var logger = Logger(label: "handwritten")
        logger.logLevel = .warning

        let store: any ProductStore
        var services: [any Service] = []
        if url.hasPrefix("postgres") {
            let client = try PostgresClient(configuration: postgresConfiguration(url), backgroundLogger: logger)
            store = PostgresProducts(client: client, logger: logger)
            services.append(client)
        } else {
            let connection = try await SQLiteConnection.open(storage: .file(path: String(url.dropFirst("sqlite://".count))))
            store = SQLiteProducts(connection: connection)
        }

        let router = Router()
        router.get("products/{id}") { _, context -> Product in
            let id = try context.parameters.require("id", as: UUID.self)
            guard let product = try await store.product(id) else { throw HTTPError(.notFound) }
            return product
        }
        router.get("products") { _, _ -> ProductPage in
            let rows = try await store.firstProducts(51)
            return ProductPage(items: Array(rows.prefix(50)), limit: 50, offset: 0, nextOffset: rows.count > 50 ? 50 : nil)
        }
        var app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        app.addServices(services)
        try await app.runService()
    }

    static func postgresConfiguration(_ url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), let host = components.host else {
            throw HTTPError(.internalServerError, message: "bad DATABASE_URL")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        if let searchPath = components.queryItems?.first(where: { $0.name == "search_path" })?.value {
            configuration.options.additionalStartupParameters = [("search_path", searchPath)]
        }
        return configuration
    }
}

struct Product: ResponseCodable {
    var id: UUID
    var name: String
    var description: String?
    var sku: String
    var price: Decimal
    var stock: Int
    var active: Bool
    var categoryId: UUID?
    var image: String?
    var attributes: JSON
}

struct ProductPage: ResponseEncodable {
    var items: [Product]
    var limit: Int
    var offset: Int
    var nextOffset: Int?
}

/// A JSON column's value.
enum JSON: Codable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    init(text: String) throws {
        self = try JSONDecoder().decode(JSON.self, from: Data(text.utf8))
    }
}

protocol ProductStore: Sendable {
    func product(_ id: UUID) async throws -> Product?
    func firstProducts(_ limit: Int) async throws -> [Product]
}

struct PostgresProducts: ProductStore {
    let client: PostgresClient
    let logger: Logger

    func product(_ id: UUID) async throws -> Product? {
        try await products(client.query("""
            SELECT id, name, description, sku, price, stock, active, category_id, image, attributes::text
            FROM products WHERE id = \(id) AND active
            """, logger: logger)).first
    }

    func firstProducts(_ limit: Int) async throws -> [Product] {
        try await products(client.query("""
            SELECT id, name, description, sku, price, stock, active, category_id, image, attributes::text
            FROM products WHERE active ORDER BY id LIMIT \(limit)
            """, logger: logger))
    }

    private func products(_ rows: PostgresRowSequence) async throws -> [Product] {
        var result: [Product] = []
        for try await (id, name, description, sku, price, stock, active, categoryId, image, attributes) in rows.decode(
            (UUID, String, String?, String, Decimal, Int, Bool, UUID?, String?, String).self)
        {
            result.append(Product(id: id, name: name, description: description, sku: sku, price: price, stock: stock,
                                  active: active, categoryId: categoryId, image: image, attributes: try JSON(text: attributes)))
        }
        return result
    }
}

/// SQLite's one connection; sqlite-nio runs its statements one at a time.
struct SQLiteProducts: ProductStore {
    let connection: SQLiteConnection

    func product(_ id: UUID) async throws -> Product? {
        let rows = try await connection.query("""
            SELECT id, name, description, sku, price, stock, active, category_id, image, attributes
            FROM products WHERE id = ?1 AND active
            """, [.text(id.uuidString.lowercased())])
        return try rows.first.map(Self.product)
    }

    func firstProducts(_ limit: Int) async throws -> [Product] {
        let rows = try await connection.query("""
            SELECT id, name, description, sku, price, stock, active, category_id, image, attributes
            FROM products WHERE active ORDER BY id LIMIT ?1
            """, [.integer(limit)])
        return try rows.map(Self.product)
    }

    private static func product(_ row: SQLiteRow) throws -> Product {
        func text(_ column: String) -> String? { row.column(column)?.string }
        guard let id = text("id").flatMap(UUID.init(uuidString:)), let name = text("name"), let sku = text("sku"),
              let price = row.column("price").flatMap({ Decimal(string: $0.description) }),
              let stock = row.column("stock")?.integer, let active = row.column("active")?.integer,
              let attributes = text("attributes")
        else { throw HTTPError(.internalServerError) }
        return Product(id: id, name: name, description: text("description"), sku: sku, price: price, stock: stock,
                       active: active != 0, categoryId: text("category_id").flatMap(UUID.init(uuidString:)),
                       image: text("image"), attributes: try JSON(text: attributes))
    }
}
