import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OpenAPIRuntime
import ShopClient
import Testing

/// The shop sample's generated client against a served shop: what an app does (sign up, sign in,
/// create, list with filters, sorts, pages and includes, change, delete) and every error status
/// the document lists, each decoded into its typed case. scripts/client-test serves the shop,
/// sets `SHOP_URL` and makes `admin@example.com` an admin.
struct ShopClientTests {
    let server: URL
    let password = "correct horse battery"

    init() throws {
        let url = try #require(ProcessInfo.processInfo.environment["SHOP_URL"], "SHOP_URL names the served shop")
        server = try #require(URL(string: url))
    }

    /// A client signed in as `email`.
    func client(signedInAs email: String) async throws -> Client {
        let tokens = TokenStore()
        let client = Client(server: server, tokens: tokens)
        let session = try await client.login(body: .json(.init(email: email, password: password))).ok.body.json
        await tokens.set(session.token)
        return client
    }

    /// A client of a customer who just signed up.
    func newCustomer() async throws -> (client: Client, user: Components.Schemas.User) {
        let tokens = TokenStore()
        let client = Client(server: server, tokens: tokens)
        let email = "customer-\(UUID().uuidString.prefix(8))@example.com"
        let session = try await client.register(body: .json(.init(email: email, password: password, name: "A customer"))).created.body.json
        await tokens.set(session.token)
        return (client, session.user)
    }

    func newCategory(_ admin: Client) async throws -> Components.Schemas.Category {
        let slug = "books-\(UUID().uuidString.prefix(8).lowercased())"
        return try await admin.createCategory(body: .json(.init(name: slug, slug: slug))).created.body.json
    }

    @Test func signUpSignInAndMe() async throws {
        let (customer, user) = try await newCustomer()
        #expect(user.role == .customer)
        let me = try await customer.me().ok.body.json
        #expect(me.id == user.id)
        #expect(me.email == user.email)
        // Dates arrive with fractional seconds; the client reads them.
        #expect(abs(me.joined.timeIntervalSinceNow) < 600)

        let again = try await Client(server: server).login(body: .json(.init(email: user.email, password: password))).ok.body.json
        #expect(again.user.id == user.id)
        #expect(again.expiresAt > Date())
    }

    @Test func productsAreCreatedListedFilteredSortedPagedIncludedChangedAndDeleted() async throws {
        let admin = try await client(signedInAs: "admin@example.com")
        let category = try await newCategory(admin)
        let sku = "SKU-\(UUID().uuidString.prefix(8))"
        let price = try #require(Decimal(string: "19.99"))
        let dune = try await admin.createProduct(body: .json(.init(
            name: "Dune", description: "A novel", sku: sku + "-1", price: price, categoryId: category.id
        ))).created.body.json
        #expect(dune.price == price)
        #expect(dune.stock == 0)
        _ = try await admin.createProduct(body: .json(.init(name: "Emma", sku: sku + "-2", price: 5, categoryId: category.id))).created
        _ = try await admin.createProduct(body: .json(.init(name: "Ulysses", sku: sku + "-3", price: 30, categoryId: category.id))).created

        // Anyone may list active products: the category's, at least 10, dearest first.
        let anonymous = Client(server: server)
        let page = try await anonymous.listProducts(query: .init(
            sort: [.priceDescending], priceAtLeast: 10, categoryId: category.id
        )).ok.body.json
        #expect(page.items.map(\.name) == ["Ulysses", "Dune"])
        let first = try await anonymous.listProducts(query: .init(limit: 1, sort: [.name], categoryId: category.id)).ok.body.json
        #expect(first.items.map(\.name) == ["Dune"])
        #expect(first.nextOffset == 1)
        let second = try await anonymous.listProducts(query: .init(limit: 1, offset: 1, sort: [.name], categoryId: category.id)).ok.body.json
        #expect(second.items.map(\.name) == ["Emma"])
        let related = try await anonymous.listProductsOfCategory(path: .init(id: category.id), query: .init(nameNot: "Emma")).ok.body.json
        #expect(Set(related.items.map(\.name)) == ["Dune", "Ulysses"])

        let detail = try await anonymous.getProduct(path: .init(id: dune.id), query: .init(include: [.category])).ok.body.json
        #expect(detail.category?.slug == category.slug)

        let changed = try await admin.updateProduct(path: .init(id: dune.id), body: .json(.init(price: 12.5, stock: 3))).ok.body.json
        #expect(changed.price == 12.5)
        #expect(changed.stock == 3)
        #expect(changed.name == "Dune")

        _ = try await admin.deleteProduct(path: .init(id: dune.id)).noContent
        _ = try await anonymous.getProduct(path: .init(id: dune.id)).notFound
    }

    /// A product's image through the client: uploaded as PNG bytes, described in the product,
    /// downloaded by anyone who may read the product, by range, by a signed URL, and removed.
    @Test func aProductImageIsUploadedDownloadedSignedAndRemoved() async throws {
        let admin = try await client(signedInAs: "admin@example.com")
        let product = try await admin.createProduct(body: .json(.init(
            name: "Lamp", sku: "LAMP-\(UUID().uuidString.prefix(8))", price: 10
        ))).created.body.json
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let uploaded = try await admin.uploadImageOfProduct(path: .init(id: product.id), body: .png(HTTPBody(png))).ok.body.json
        #expect(uploaded.image?.size == Int64(png.count))
        #expect(uploaded.image?.mediaType == "image/png")

        let anonymous = Client(server: server)
        let whole = try await anonymous.downloadImageOfProduct(path: .init(id: product.id)).ok
        #expect(try await [UInt8](collecting: whole.body.png, upTo: 1 << 20) == png)
        #expect(whole.headers.eTag == "\"\(uploaded.image?.sha256 ?? "")\"")
        let part = try await anonymous.downloadImageOfProduct(path: .init(id: product.id), headers: .init(range: "bytes=0-7")).partialContent
        #expect(try await [UInt8](collecting: part.body.png, upTo: 1 << 20) == Array(png[0...7]))

        let signed = try await admin.getImageURLOfProduct(path: .init(id: product.id)).ok.body.json
        #expect(signed.expiresAt > Date())
        let url = try #require(URL(string: server.absoluteString + signed.url))
        let (data, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200 && [UInt8](data) == png)

        // A PNG declared as JPEG is refused, and leaves the image as it was.
        _ = try await admin.uploadImageOfProduct(path: .init(id: product.id), body: .jpeg(HTTPBody(png))).unprocessableContent
        _ = try await admin.removeImageOfProduct(path: .init(id: product.id)).noContent
        _ = try await anonymous.downloadImageOfProduct(path: .init(id: product.id)).notFound
    }

    /// A product created with its image in one request (multipart/form-data), then the image
    /// replaced with a change of price: the part sent as application/octet-stream (the client
    /// cannot name one of several types) gets the type its bytes show.
    @Test func aProductIsCreatedWithItsImageInOneRequest() async throws {
        let admin = try await client(signedInAs: "admin@example.com")
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 11) }
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + (0..<2000).map { UInt8(truncatingIfNeeded: $0 * 13) }
        let created = try await admin.createProduct(body: .multipartForm([
            .data(.init(payload: .init(body: .init(name: "Lamp", sku: "LAMP-\(UUID().uuidString.prefix(8))", price: 12)))),
            .image(.init(payload: .init(body: HTTPBody(png)), filename: "lamp.png")),
        ])).created.body.json
        #expect(created.price == 12)
        #expect(created.image?.name == "lamp.png" && created.image?.mediaType == "image/png" && created.image?.size == Int64(png.count))
        let anonymous = Client(server: server)
        let whole = try await anonymous.downloadImageOfProduct(path: .init(id: created.id)).ok
        #expect(try await [UInt8](collecting: whole.body.png, upTo: 1 << 20) == png)

        let updated = try await admin.updateProduct(path: .init(id: created.id), body: .multipartForm([
            .image(.init(payload: .init(body: HTTPBody(jpeg)), filename: "lamp.jpg")),
            .data(.init(payload: .init(body: .init(price: 15)))),
        ])).ok.body.json
        #expect(updated.price == 15)
        #expect(updated.image?.mediaType == "image/jpeg" && updated.image?.size == Int64(jpeg.count))
        let text: [UInt8] = Array("not an image".utf8)
        _ = try await admin.updateProduct(path: .init(id: created.id), body: .multipartForm([
            .image(.init(payload: .init(body: HTTPBody(text)), filename: "notes.txt")),
        ])).unsupportedMediaType
        _ = try await admin.deleteProduct(path: .init(id: created.id)).noContent
    }

    @Test func ordersAreTheirCustomers() async throws {
        let (alice, _) = try await newCustomer()
        let (bob, _) = try await newCustomer()
        let order = try await alice.createOrder(body: .json(.init(note: "gift wrap"))).created.body.json
        #expect(order.status == .pending)
        #expect(order.note == "gift wrap")
        let changed = try await alice.updateOrder(path: .init(id: order.id), body: .json(.init(note: "no wrap"))).ok.body.json
        #expect(changed.note == "no wrap")
        #expect(try await alice.listOrders().ok.body.json.items.map(\.id) == [order.id])
        #expect(try await bob.listOrders().ok.body.json.items.isEmpty)
        _ = try await bob.getOrder(path: .init(id: order.id)).notFound
    }

    /// An order marked paid is a delivery of the `ORDER_PAID` webhook in the admin's log; its
    /// payload reads as the client's type for that webhook (`webhooks` in the document). The
    /// served shop's `ORDER_PAID_URL` answers nothing, so the delivery stays in the log.
    @Test func aPaidOrderIsAWebhookDeliveryOfItsDocumentedType() async throws {
        let admin = try await client(signedInAs: "admin@example.com")
        let order = try await admin.createOrder(body: .json(.init(note: "webhook"))).created.body.json
        _ = try await admin.updateOrder(path: .init(id: order.id), body: .json(.init(status: .paid))).ok
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            let format = ISO8601DateFormatter()
            format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = format.date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: text))
            }
            return date
        }
        var found: (delivery: Components.Schemas.WebhookDelivery, event: Components.Schemas.OrderPaidEvent)?
        for _ in 0..<100 where found == nil {
            let page = try await admin.listWebhookDeliveries(query: .init(sort: [.idDescending], webhook: .orderPaid)).ok.body.json
            for delivery in page.items {
                let event = try decoder.decode(Components.Schemas.OrderPaidEvent.self, from: JSONEncoder().encode(delivery.payload))
                if event.data.id == order.id { found = (delivery, event) }
            }
            if found == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let (delivery, event) = try #require(found, "no delivery of the paid order in the log")
        #expect(event.data.status == .paid && event.entity == .order && event.webhook == .orderPaid && event._type == .updated)
        #expect(delivery.eventId == event.id && delivery.webhook == .orderPaid)
        let retried = try await admin.retryWebhookDelivery(path: .init(id: delivery.id)).ok.body.json
        #expect(retried.status == .pending && retried.attempts == 0)
        let (customer, _) = try await newCustomer()
        _ = try await customer.listWebhookDeliveries().forbidden
    }

    @Test func everyErrorStatusIsItsTypedCase() async throws {
        let admin = try await client(signedInAs: "admin@example.com")
        let (customer, _) = try await newCustomer()
        let anonymous = Client(server: server)

        // 400: a query the server refuses (at most 200 rows a page).
        let badRequest = try await anonymous.listProducts(query: .init(limit: 1000)).badRequest.body.json
        #expect(badRequest.error.code == "bad_request")
        // 401: no token.
        let unauthorized = try await anonymous.createOrder(body: .json(.init())).unauthorized.body.json
        #expect(unauthorized.error.code == "unauthorized")
        // 403: a customer may not add categories.
        let forbidden = try await customer.createCategory(body: .json(.init(name: "Toys", slug: "toys"))).forbidden.body.json
        #expect(forbidden.error.code == "forbidden")
        // 404: no such order.
        let notFound = try await customer.getOrder(path: .init(id: UUID().uuidString)).notFound.body.json
        #expect(notFound.error.code == "not_found")
        // 409: a slug that is taken.
        let category = try await newCategory(admin)
        let conflict = try await admin.createCategory(body: .json(.init(name: "Again", slug: category.slug))).conflict.body.json
        #expect(conflict.error.code == "conflict")
        // 413: a body over the server's limit of 1 MiB.
        let huge = String(repeating: "x", count: 1_100_000)
        let tooLarge = try await admin.createProduct(body: .json(.init(name: "Big", description: huge, sku: "BIG-1", price: 1))).contentTooLarge.body.json
        #expect(tooLarge.error.code == "payload_too_large")
        // 422: a slug the schema's pattern refuses, named in the fields.
        let invalid = try await admin.createCategory(body: .json(.init(name: "Bad", slug: "Not A Slug"))).unprocessableContent.body.json
        #expect(invalid.error.fields?.map(\.field) == ["slug"])
    }
}
