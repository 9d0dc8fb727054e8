import Fluent
import FluentPostgresDriver
import JWT
import Vapor

/// The shop sample's product routes in Vapor 4 with Fluent: `GET /products/:id`,
/// `GET /products?limit=N` (first page by id) and `POST /products` (admins and staff), with the
/// shop's rules (anonymous callers and customers see active products only). It serves the
/// database a shop server created: `DATABASE_URL` (postgres, `search_path` honoured), `PORT`,
/// `JWT_SECRET`.
@main
enum VaporShop {
    static func main() async throws {
        var environment = Environment(name: "production", arguments: ["vapor"])
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        app.logger.logLevel = .warning
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = Environment.get("PORT").flatMap(Int.init) ?? 8082

        let url = Environment.get("DATABASE_URL") ?? "postgres://localhost/shop"
        var configuration = try SQLPostgresConfiguration(url: url)
        if let searchPath = URLComponents(string: url)?.queryItems?.first(where: { $0.name == "search_path" })?.value {
            configuration.searchPath = [searchPath]
        }
        // Ten connections per event loop: twenty on two cores, as the other contenders.
        app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 10), as: .psql)
        await app.jwt.keys.add(hmac: HMACKey(from: Environment.get("JWT_SECRET") ?? String(repeating: "x", count: 32)), digestAlgorithm: .sha256)

        try app.register(collection: ProductController())
        do {
            try await app.execute()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "password") var password: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String

    init() {}
}

final class Product: Model, @unchecked Sendable {
    static let schema = "products"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "description") var description: String?
    @Field(key: "sku") var sku: String
    @Field(key: "price") var price: Decimal
    @Field(key: "stock") var stock: Int
    @Field(key: "active") var active: Bool
    @OptionalField(key: "category_id") var categoryID: UUID?
    @OptionalField(key: "image") var image: String?
    @Field(key: "attributes") var attributes: AnyJSON

    init() {}

    func toDTO() -> ProductDTO {
        ProductDTO(id: id, name: name, description: description, sku: sku, price: price, stock: stock, active: active,
                   categoryId: categoryID, image: image, attributes: attributes)
    }
}

struct ProductDTO: Content {
    var id: UUID?
    var name: String
    var description: String?
    var sku: String
    var price: Decimal
    var stock: Int?
    var active: Bool?
    var categoryId: UUID?
    var image: String?
    var attributes: AnyJSON?
}

extension ProductDTO: Validatable {
    static func validations(_ validations: inout Validations) {
        validations.add("name", as: String.self, is: .count(1...200))
        validations.add("description", as: String?.self, is: .nil || .count(...10_000), required: false)
        validations.add("sku", as: String.self, is: .count(3...32) && .characterSet(.uppercaseLetters + .decimalDigits + .init(charactersIn: "-")))
        validations.add("stock", as: Int?.self, is: .nil || .range(0...), required: false)
        validations.add("image", as: String?.self, is: .nil || .url, required: false)
    }
}

struct ProductPage: Content {
    var items: [ProductDTO]
    var limit: Int
    var offset: Int
    var nextOffset: Int?
}

/// Any JSON document (the `attributes` column).
enum AnyJSON: Codable, Sendable {
    case null, bool(Bool), integer(Int), number(Double), string(String), array([AnyJSON]), object([String: AnyJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([AnyJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: AnyJSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

/// The column is PostgreSQL `json`, which Fluent would read as text: a Vapor developer teaches
/// the type to PostgresNIO, which Fluent then uses directly.
extension AnyJSON: PostgresDecodable, PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { .json }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<E: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        byteBuffer.writeBytes((try? JSONEncoder().encode(self)) ?? Data("null".utf8))
    }

    init<D: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<D>
    ) throws {
        if type == .jsonb { buffer.moveReaderIndex(forwardBy: 1) }
        self = try JSONDecoder().decode(AnyJSON.self, from: Data(buffer.readableBytesView))
    }
}

struct TokenPayload: JWTPayload {
    var sub: SubjectClaim
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

struct ProductController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let products = routes.grouped("products")
        products.get(use: index)
        products.post(use: create)
        products.get(":id", use: show)
    }

    /// The caller's role, or nil without a token.
    private func role(_ request: Request) async throws -> String? {
        guard request.headers.bearerAuthorization != nil else { return nil }
        let payload = try await request.jwt.verify(as: TokenPayload.self)
        guard let id = UUID(uuidString: payload.sub.value), let user = try await User.find(id, on: request.db) else {
            throw Abort(.unauthorized)
        }
        return user.role
    }

    func index(request: Request) async throws -> ProductPage {
        let limit = try request.query.get(Int?.self, at: "limit") ?? 50
        guard (1...200).contains(limit) else { throw Abort(.badRequest) }
        let query = Product.query(on: request.db)
        if try await !["admin", "staff"].contains(role(request)) {
            query.filter(\.$active == true)
        }
        let rows = try await query.sort(\.$id).limit(limit + 1).all()
        return ProductPage(items: rows.prefix(limit).map { $0.toDTO() }, limit: limit, offset: 0,
                           nextOffset: rows.count > limit ? limit : nil)
    }

    func show(request: Request) async throws -> ProductDTO {
        guard let id = request.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        let query = Product.query(on: request.db).filter(\.$id == id)
        if try await !["admin", "staff"].contains(role(request)) {
            query.filter(\.$active == true)
        }
        guard let product = try await query.first() else { throw Abort(.notFound) }
        return product.toDTO()
    }

    func create(request: Request) async throws -> Response {
        guard try await ["admin", "staff"].contains(role(request)) else { throw Abort(.forbidden) }
        try ProductDTO.validate(content: request)
        let input = try request.content.decode(ProductDTO.self)
        guard input.price >= 0, input.price > 0 || input.active == false else { throw Abort(.unprocessableEntity) }
        let product = Product()
        product.id = UUID()
        product.name = input.name
        product.description = input.description
        product.sku = input.sku
        product.price = input.price
        product.stock = input.stock ?? 0
        product.active = input.active ?? true
        product.categoryID = input.categoryId
        product.image = input.image
        product.attributes = input.attributes ?? .object([:])
        try await product.create(on: request.db)
        return try await product.toDTO().encodeResponse(status: .created, for: request)
    }
}
