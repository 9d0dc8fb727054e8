import Foundation
import HTTPTypes
import Hummingbird
import JWTKit
import Logging
import PostgresNIO
import SQLiteNIO
import ServiceLifecycle

/// The shop sample's product routes written by hand on the same stack, the way Hummingbird's
/// best users would write them for speed: `PostgresPreparedStatement`s (prepared once per
/// connection), rows decoded straight into a struct, JSON written into a `ByteBuffer` by a
/// few lines per type, the JSON column passed through as the text stored.
///
/// - `GET /products/{id}` and `GET /products?limit=N` (the first page, by id): active products
///   for anonymous callers and customers, every product for admins and staff, as the shop's
///   rules say;
/// - `POST /products` for admins and staff, with the shop's validation;
/// - `GET /constant`: a fixed body as long as a product, the framework's own ceiling.
///
/// Bearer tokens are the shop server's (HS256 under `JWT_SECRET`, the user id in `sub`); the
/// caller's role is read with one prepared lookup. It serves the database a shop server
/// created: `DATABASE_URL` is `postgres://…` (TLS off, `search_path` honoured) or
/// `sqlite://file` (reads only); `PORT` defaults to 8081.
@main
struct Handwritten {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        let url = environment["DATABASE_URL"] ?? "sqlite://shop.sqlite"
        let port = environment["PORT"].flatMap(Int.init) ?? 8081
        var logger = Logger(label: "handwritten")
        logger.logLevel = .warning

        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: Array((environment["JWT_SECRET"] ?? String(repeating: "x", count: 32)).utf8)), digestAlgorithm: .sha256)
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

        /// The caller's role, `nil` for anonymous; a bad token or a deleted user is 401.
        @Sendable func role(_ request: Request) async throws -> String? {
            guard let header = request.headers[.authorization] else { return nil }
            guard header.hasPrefix("Bearer "),
                  let claims = try? await keys.verify(String(header.dropFirst(7)), as: Claims.self),
                  let id = UUID(uuidString: claims.sub.value),
                  let role = try await store.role(of: id)
            else { throw HTTPError(.unauthorized) }
            return role
        }

        let router = Router()
        router.get("constant") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: constantBody))
        }
        router.get("products/{id}") { request, context -> Response in
            let id = try context.parameters.require("id", as: UUID.self)
            let everything = try await ["admin", "staff"].contains(role(request))
            guard let product = try await store.product(id, everything: everything) else { throw HTTPError(.notFound) }
            var json = ByteBuffer()
            product.write(to: &json)
            return .json(json)
        }
        router.get("products") { request, _ -> Response in
            let limit = request.uri.queryParameters.get("limit", as: Int.self) ?? 50
            guard (1...200).contains(limit) else { throw HTTPError(.badRequest) }
            let everything = try await ["admin", "staff"].contains(role(request))
            let rows = try await store.firstProducts(limit + 1, everything: everything)
            var json = ByteBuffer()
            json.reserveCapacity(64 + rows.count * 320)
            json.writeStaticString(#"{"items":["#)
            for (index, product) in rows.prefix(limit).enumerated() {
                if index > 0 { json.writeStaticString(",") }
                product.write(to: &json)
            }
            json.writeString(#"],"limit":\#(limit),"nextOffset":\#(rows.count > limit ? String(limit) : "null"),"offset":0}"#)
            return .json(json)
        }
        router.post("products") { request, context -> Response in
            guard try await ["admin", "staff"].contains(role(request)) else { throw HTTPError(.forbidden) }
            let input = try await request.decode(as: ProductInput.self, context: context)
            guard input.isValid else { throw HTTPError(.unprocessableContent) }
            let product = try await store.insert(input)
            var json = ByteBuffer()
            product.write(to: &json)
            var response = Response.json(json)
            response.status = .created
            response.headers[.location] = "/products/\(product.id.uuidString)"
            return response
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
        configuration.options.maximumConnections = 20
        if let searchPath = components.queryItems?.first(where: { $0.name == "search_path" })?.value {
            configuration.options.additionalStartupParameters = [("search_path", searchPath)]
        }
        return configuration
    }

    /// A product's worth of bytes.
    static let constantBody = ByteBuffer(string: #"{"active":true,"attributes":{"pages":100,"tags":["paper","new"]},"categoryId":"3F2504E0-4F89-11D3-9A0C-0305E82C3301","description":"A book about 100 things.","id":"3F2504E0-4F89-11D3-9A0C-0305E82C3302","name":"Book 100","price":100.5,"sku":"BK-100","stock":100}"#)
}

extension Response {
    static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }
}

struct Claims: JWTPayload {
    var sub: SubjectClaim
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

struct Product: Sendable {
    var id: UUID
    var name: String
    var description: String?
    var sku: String
    var price: Decimal
    var stock: Int
    var active: Bool
    var categoryId: UUID?
    var image: String?
    /// The JSON column's text, as stored (the shop server stores it normalised).
    var attributes: String

    /// `{"active":…}`: keys in the order the shop server writes them, absent optionals left out.
    func write(to json: inout ByteBuffer) {
        json.writeStaticString(#"{"active":"#)
        json.writeStaticString(active ? "true" : "false")
        json.writeStaticString(#","attributes":"#)
        json.writeString(attributes)
        if let categoryId {
            json.writeStaticString(#","categoryId":""#)
            json.writeString(categoryId.uuidString)
            json.writeStaticString(#"""#)
        }
        if let description {
            json.writeStaticString(#","description":"#)
            json.writeJSONString(description)
        }
        json.writeStaticString(#","id":""#)
        json.writeString(id.uuidString)
        json.writeStaticString(#"""#)
        if let image {
            json.writeStaticString(#","image":"#)
            json.writeJSONString(image)
        }
        json.writeStaticString(#","name":"#)
        json.writeJSONString(name)
        json.writeStaticString(#","price":"#)
        json.writeString(price.description)
        json.writeStaticString(#","sku":"#)
        json.writeJSONString(sku)
        json.writeStaticString(#","stock":"#)
        json.writeString(String(stock))
        json.writeStaticString("}")
    }
}

extension ByteBuffer {
    /// A JSON string: quotes, backslashes and control characters escaped.
    mutating func writeJSONString(_ text: String) {
        writeStaticString("\"")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): writeStaticString(#"\""#)
            case UInt8(ascii: "\\"): writeStaticString(#"\\"#)
            case 0x0A: writeStaticString(#"\n"#)
            case 0x0D: writeStaticString(#"\r"#)
            case 0x09: writeStaticString(#"\t"#)
            case ..<0x20: writeString(String(format: "\\u%04x", byte))
            default: writeInteger(byte)
            }
        }
        writeStaticString("\"")
    }
}

/// The body of `POST /products`, checked as the shop's schema says.
struct ProductInput: Decodable, Sendable {
    var name: String
    var description: String?
    var sku: String
    var price: Decimal
    var stock: Int?
    var active: Bool?
    var categoryId: UUID?
    var image: String?
    var attributes: JSON?

    var isValid: Bool {
        (1...200).contains(name.count) && (description?.count ?? 0) <= 10_000
            && (3...32).contains(sku.count) && sku.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || $0 == 45 }
            && price >= 0 && (stock ?? 0) >= 0 && (price > 0 || active == false)
            && image.map { $0.hasPrefix("https://") || $0.hasPrefix("http://") } ?? true
    }
}

/// A JSON document of a request, written back compactly with sorted keys as the shop stores it.
enum JSON: Decodable, Sendable {
    case null, bool(Bool), integer(Int), number(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    func write(to json: inout ByteBuffer) {
        switch self {
        case .null: json.writeStaticString("null")
        case .bool(let value): json.writeStaticString(value ? "true" : "false")
        case .integer(let value): json.writeString(String(value))
        case .number(let value):
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            json.writeString(text)
        case .string(let value): json.writeJSONString(value)
        case .array(let values):
            json.writeStaticString("[")
            for (index, value) in values.enumerated() {
                if index > 0 { json.writeStaticString(",") }
                value.write(to: &json)
            }
            json.writeStaticString("]")
        case .object(let members):
            json.writeStaticString("{")
            for (index, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { json.writeStaticString(",") }
                json.writeJSONString(key)
                json.writeStaticString(":")
                members[key]?.write(to: &json)
            }
            json.writeStaticString("}")
        }
    }

    var text: String {
        var buffer = ByteBuffer()
        write(to: &buffer)
        return String(buffer: buffer)
    }
}

protocol ProductStore: Sendable {
    func product(_ id: UUID, everything: Bool) async throws -> Product?
    func firstProducts(_ limit: Int, everything: Bool) async throws -> [Product]
    func role(of user: UUID) async throws -> String?
    func insert(_ input: ProductInput) async throws -> Product
}

typealias ProductRow = (UUID, String, String?, String, Decimal, Int, Bool, UUID?, String?, String)

extension Product {
    init(_ row: ProductRow) {
        self.init(id: row.0, name: row.1, description: row.2, sku: row.3, price: row.4, stock: row.5, active: row.6,
                  categoryId: row.7, image: row.8, attributes: row.9)
    }
}

struct PostgresProducts: ProductStore {
    let client: PostgresClient
    let logger: Logger

    struct ByID: PostgresPreparedStatement {
        static let sql = """
            SELECT id, name, description, sku, price, stock, active, category_id, image, attributes::text
            FROM products WHERE id = $1 AND (active OR $2)
            """
        typealias Row = ProductRow
        var id: UUID
        var everything: Bool
        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(id)
            bindings.append(everything)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    struct FirstPage: PostgresPreparedStatement {
        static let sql = """
            SELECT id, name, description, sku, price, stock, active, category_id, image, attributes::text
            FROM products WHERE active OR $2 ORDER BY id LIMIT $1
            """
        typealias Row = ProductRow
        var limit: Int
        var everything: Bool
        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(limit)
            bindings.append(everything)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    struct Role: PostgresPreparedStatement {
        static let sql = "SELECT role FROM users WHERE id = $1"
        typealias Row = String
        var id: UUID
        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(String.self) }
    }

    struct Insert: PostgresPreparedStatement {
        static let sql = """
            INSERT INTO products (id, name, description, sku, price, stock, active, category_id, image, attributes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::json)
            RETURNING id, name, description, sku, price, stock, active, category_id, image, attributes::text
            """
        typealias Row = ProductRow
        var input: ProductInput
        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 10)
            bindings.append(UUID())
            bindings.append(input.name)
            bindings.append(input.description)
            bindings.append(input.sku)
            try bindings.append(input.price)
            bindings.append(input.stock ?? 0)
            bindings.append(input.active ?? true)
            bindings.append(input.categoryId)
            bindings.append(input.image)
            bindings.append(input.attributes?.text ?? "{}")
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    func product(_ id: UUID, everything: Bool) async throws -> Product? {
        try await client.withConnection { connection in
            for try await row in try await connection.execute(ByID(id: id, everything: everything), logger: logger) {
                return Product(row)
            }
            return nil
        }
    }

    func firstProducts(_ limit: Int, everything: Bool) async throws -> [Product] {
        try await client.withConnection { connection in
            var products: [Product] = []
            products.reserveCapacity(limit)
            for try await row in try await connection.execute(FirstPage(limit: limit, everything: everything), logger: logger) {
                products.append(Product(row))
            }
            return products
        }
    }

    func role(of user: UUID) async throws -> String? {
        try await client.withConnection { connection in
            for try await role in try await connection.execute(Role(id: user), logger: logger) { return role }
            return nil
        }
    }

    func insert(_ input: ProductInput) async throws -> Product {
        try await client.withConnection { connection in
            for try await row in try await connection.execute(Insert(input: input), logger: logger) { return Product(row) }
            throw HTTPError(.internalServerError)
        }
    }
}

/// SQLite's one connection; sqlite-nio runs its statements one at a time. Reads only.
struct SQLiteProducts: ProductStore {
    let connection: SQLiteConnection

    func product(_ id: UUID, everything: Bool) async throws -> Product? {
        let rows = try await connection.query("""
            SELECT id, name, description, sku, price, stock, active, category_id, image, attributes
            FROM products WHERE id = ?1 AND (active OR ?2)
            """, [.text(id.uuidString.lowercased()), .integer(everything ? 1 : 0)])
        return try rows.first.map(Self.product)
    }

    func firstProducts(_ limit: Int, everything: Bool) async throws -> [Product] {
        let rows = try await connection.query("""
            SELECT id, name, description, sku, price, stock, active, category_id, image, attributes
            FROM products WHERE active OR ?2 ORDER BY id LIMIT ?1
            """, [.integer(limit), .integer(everything ? 1 : 0)])
        return try rows.map(Self.product)
    }

    func role(of user: UUID) async throws -> String? {
        try await connection.query("SELECT role FROM users WHERE id = ?1", [.text(user.uuidString.lowercased())]).first?.column("role")?.string
    }

    func insert(_ input: ProductInput) async throws -> Product {
        throw HTTPError(.methodNotAllowed)
    }

    private static func product(_ row: SQLiteRow) throws -> Product {
        let columns = row.columns.map(\.data)
        guard columns.count == 10, case .text(let id) = columns[0], let id = UUID(uuidString: id), case .text(let name) = columns[1],
              case .text(let sku) = columns[3], case .integer(let stock) = columns[5], case .integer(let active) = columns[6],
              case .text(let attributes) = columns[9]
        else { throw HTTPError(.internalServerError) }
        let price: Decimal = switch columns[4] {
        case .integer(let value): Decimal(value)
        case .float(let value): Decimal(string: "\(value)") ?? Decimal(value)
        default: throw HTTPError(.internalServerError)
        }
        return Product(id: id, name: name, description: columns[2].string, sku: sku, price: price, stock: Int(stock),
                       active: active != 0, categoryId: columns[7].string.flatMap(UUID.init(uuidString:)),
                       image: columns[8].string, attributes: attributes)
    }
}
