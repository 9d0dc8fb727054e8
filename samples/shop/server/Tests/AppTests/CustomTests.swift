// Created by otak 0.1.0 from shop.otak. This file is yours: `otak generate` never overwrites it.
@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The shop's business logic (`Sources/App/Hooks/OrderItemHooks.swift`): prices, stock and
/// totals; and its custom route (`Sources/App/CustomRoutes.swift`).
@Suite struct CustomTests {
    /// A number of a response as a decimal, however the JSON spelled it.
    func decimal(_ value: JSONValue?) -> Decimal? {
        switch value {
        case .integer(let number): Decimal(number)
        case .double(let number): Decimal(string: "\(number)")
        default: nil
        }
    }

    func stock(of product: String, _ client: any TestClientProtocol) async throws -> Int? {
        let (_, body) = try await send(client, .get, "/products/\(product)")
        guard case .integer(let stock) = body["stock"] else { return nil }
        return stock
    }

    @Test func anOrdersTotalFollowsItsItemsAndTheStockGoesDownAndBackUp() async throws {
        try await withServer(hooks: AppHooks()) { client in
            var fixtures = Fixtures(client)
            let product = try #require(try await fixtures.createProduct(["price": .double(2.5), "stock": .integer(10)])["id"]?.stringValue)
            let cheap = try #require(try await fixtures.createProduct(["price": .double(0.1), "stock": .integer(100)])["id"]?.stringValue)
            let order = try #require(try await fixtures.createOrder()["id"]?.stringValue)

            let (created, item) = try await send(client, .post, "/order-items", body: .object([
                "orderId": .string(order), "productId": .string(product), "quantity": .integer(3),
            ]))
            #expect(created == .created, "\(item)")
            #expect(decimal(item["price"]) == Decimal(string: "2.5"), "the item is sold at the product's price")
            #expect(try await stock(of: product, client) == 7)
            let itemID = try #require(item["id"]?.stringValue)

            // 0.1 three times is 0.3 exactly: totals are added up as decimals.
            #expect(try await send(client, .post, "/order-items", body: .object([
                "orderId": .string(order), "productId": .string(cheap), "quantity": .integer(3),
            ])).status == .created)
            #expect(decimal(try await send(client, .get, "/orders/\(order)").body["total"]) == Decimal(string: "7.8"))

            #expect(try await send(client, .patch, "/order-items/\(itemID)", body: .object(["quantity": .integer(5)])).status == .ok)
            #expect(try await stock(of: product, client) == 5)
            #expect(decimal(try await send(client, .get, "/orders/\(order)").body["total"]) == Decimal(string: "12.8"))

            #expect(try await send(client, .delete, "/order-items/\(itemID)").status == .noContent)
            #expect(try await stock(of: product, client) == 10)
            #expect(decimal(try await send(client, .get, "/orders/\(order)").body["total"]) == Decimal(string: "0.3"))
        }
    }

    /// The hooks change an order's total with SQL of their own, through `context.changing`:
    /// the outbox gets the order's `updated` event with the new total, so the order's stream
    /// (`GET /orders/events`) and webhooks see it.
    @Test func aTotalTheHooksChangeIsAnEventOfTheOrder() async throws {
        try await withServerAndDatabase(hooks: AppHooks()) { client, database in
            var fixtures = Fixtures(client)
            let product = try #require(try await fixtures.createProduct(["price": .double(2.5), "stock": .integer(10)])["id"]?.stringValue)
            let order = try #require(try await fixtures.createOrder()["id"]?.stringValue)
            let (created, _) = try await send(client, .post, "/order-items", body: .object([
                "orderId": .string(order), "productId": .string(product), "quantity": .integer(2),
            ]))
            #expect(created == .created)
            let events = try await database.read(SQL(
                sqlite: #"SELECT "kind", "data" FROM "otak_events" WHERE "entity" = 'Order' ORDER BY "id""#,
                postgres: #"SELECT "kind", "data"::text FROM "otak_events" WHERE "entity" = 'Order' ORDER BY "id""#))
            let kinds = try events.map { try $0.decode(0, as: String.self) }
            #expect(kinds == ["created", "updated"])
            let last = try JSONValue(parsing: Array(try #require(events.last).decode(1, as: String.self).utf8))
            #expect(last["id"] == .string(order) && decimal(last["total"]) == 5)
        }
    }

    @Test func moreThanTheStockIsNotSold() async throws {
        try await withServer(hooks: AppHooks()) { client in
            var fixtures = Fixtures(client)
            let product = try #require(try await fixtures.createProduct(["stock": .integer(2)])["id"]?.stringValue)
            let order = try #require(try await fixtures.createOrder()["id"]?.stringValue)
            let (status, body) = try await send(client, .post, "/order-items", body: .object([
                "orderId": .string(order), "productId": .string(product), "quantity": .integer(3),
            ]))
            #expect(status == .conflict)
            #expect(body.rules(of: "quantity") == ["stock"])
            #expect(body.messages(of: "quantity") == ["only 2 left in stock"])
            #expect(try await stock(of: product, client) == 2, "a refused item takes nothing")
            #expect(try await send(client, .get, "/order-items?orderId=\(order)").body["items"] == .array([]))

            let (ok, item) = try await send(client, .post, "/order-items", body: .object([
                "orderId": .string(order), "productId": .string(product), "quantity": .integer(2),
            ]))
            #expect(ok == .created)
            let id = try #require(item["id"]?.stringValue)
            #expect(try await send(client, .patch, "/order-items/\(id)", body: .object(["quantity": .integer(3)])).status == .conflict)
            #expect(try await stock(of: product, client) == 0)
        }
    }

    @Test func theLowStockReportListsWhatRunsOutForStaffOnly() async throws {
        try await withServer(hooks: AppHooks()) { client in
            var fixtures = Fixtures(client)
            try await fixtures.createProduct(["stock": .integer(1), "sku": .string("LOW-1")])
            try await fixtures.createProduct(["stock": .integer(4), "sku": .string("LOW-4")])
            try await fixtures.createProduct(["stock": .integer(9), "sku": .string("HIGH-9")])
            let (status, report) = try await send(client, .get, "/reports/low-stock")
            #expect(status == .ok)
            #expect(report["items"]?.arrayValue?.compactMap { $0["sku"]?.stringValue } == ["LOW-1", "LOW-4"])
            #expect(try await send(client, .get, "/reports/low-stock?below=2").body["items"]?.arrayValue?.count == 1)
            #expect(try await send(client, .get, "/reports/low-stock?below=many").status == .badRequest)
            #expect(try await request(client, .get, "/reports/low-stock", anonymous: true).status == .unauthorized)
        }
    }
}
