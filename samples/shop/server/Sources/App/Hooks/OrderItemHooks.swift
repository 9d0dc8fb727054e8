// Created by otak 0.1.0 from shop.otak. This file is yours: `otak generate` never overwrites it.
import Foundation

/// The business logic of an order item: it is sold at the product's price of the moment, it
/// takes its quantity from the product's stock (never more than there is: 409), and its order's
/// total is the sum of its items. All of it happens in the transaction of the write.
struct OrderItemHooks: EntityHooks {
    typealias Model = OrderItem
    typealias Record = OrderItemRecord

    func willCreate(_ record: inout OrderItemRecord, id: UUID, context: HookContext) async throws {
        record.price = try await Stock.take(record.quantity, of: record.productID, connection: context.connection)
    }

    func didCreate(_ item: OrderItem, context: HookContext) async throws {
        try await OrderTotal.update(item.orderID, context: context)
    }

    func willUpdate(_ record: inout OrderItemRecord, old: OrderItemRecord, id: UUID, context: HookContext) async throws {
        if record.productID != old.productID || record.quantity != old.quantity {
            try await Stock.putBack(old.quantity, of: old.productID, connection: context.connection)
            let price = try await Stock.take(record.quantity, of: record.productID, connection: context.connection)
            if record.productID != old.productID { record.price = price }
        }
        if record.orderID != old.orderID {
            try await OrderTotal.update(old.orderID, without: id, context: context)
        }
    }

    func didUpdate(_ item: OrderItem, context: HookContext) async throws {
        try await OrderTotal.update(item.orderID, context: context)
    }

    func willDelete(id: UUID, context: HookContext) async throws {
        guard let row = try await context.connection.query(OrderItemQueries.selectRecord, [.uuid(id)]).first else { return }
        let item = try OrderItemRecord(row: row)
        try await Stock.putBack(item.quantity, of: item.productID, connection: context.connection)
        try await OrderTotal.update(item.orderID, without: id, context: context)
    }
}

/// A product's stock, changed only with its row locked (PostgreSQL) or inside SQLite's single writer.
private enum Stock {
    /// Takes `quantity` from the stock and returns the product's price; 409 if there are fewer.
    static func take(_ quantity: Int, of product: UUID, connection: DatabaseConnection) async throws -> Decimal {
        var select = SQLBuilder(connection.dialect, SQL(
            sqlite: #"SELECT "price", "stock" FROM "products" WHERE "id" = ?1"#,
            postgres: #"SELECT "price", "stock" FROM "products" WHERE "id" = $1"#
        ), values: [.uuid(product)])
        select.lockForUpdate()
        guard let row = try await connection.query(select).first else {
            throw APIError.validationFailed([FieldError(field: "productId", rule: "exists", message: "no product has this id")])
        }
        let price: Decimal = try row.decode(0)
        let stock: Int = try row.decode(1)
        guard quantity <= stock else {
            let message = stock == 0 ? "the product is out of stock" : "only \(stock) left in stock"
            throw APIError.conflict(message, fields: [FieldError(field: "quantity", rule: "stock", message: message)])
        }
        try await connection.query(SQL(
            sqlite: #"UPDATE "products" SET "stock" = "stock" - ?2 WHERE "id" = ?1"#,
            postgres: #"UPDATE "products" SET "stock" = "stock" - $2 WHERE "id" = $1"#
        ), [.uuid(product), .integer(quantity)])
        return price
    }

    static func putBack(_ quantity: Int, of product: UUID, connection: DatabaseConnection) async throws {
        try await connection.query(SQL(
            sqlite: #"UPDATE "products" SET "stock" = "stock" + ?2 WHERE "id" = ?1"#,
            postgres: #"UPDATE "products" SET "stock" = "stock" + $2 WHERE "id" = $1"#
        ), [.uuid(product), .integer(quantity)])
    }
}

/// An order's total: the sum of its items' quantity × price, added up as decimals.
private enum OrderTotal {
    /// Recomputes it, leaving out the item `without` (one about to be deleted or moved). Through
    /// `context.changing`, so that the order's `updated` event (`@@events`) reaches its stream.
    static func update(_ order: UUID, without item: UUID? = nil, context: HookContext) async throws {
        try await context.changing(Order.self, id: order) { connection in
            let rows = try await connection.query(SQL(
                sqlite: #"SELECT "id", "quantity", "price" FROM "order_items" WHERE "order_id" = ?1"#,
                postgres: #"SELECT "id", "quantity", "price" FROM "order_items" WHERE "order_id" = $1"#
            ), [.uuid(order)])
            var total = Decimal(0)
            for row in rows where try row.decode(0, as: UUID.self) != item {
                total += Decimal(try row.decode(1, as: Int.self)) * (try row.decode(2, as: Decimal.self))
            }
            try await connection.query(SQL(
                sqlite: #"UPDATE "orders" SET "total" = ?2 WHERE "id" = ?1"#,
                postgres: #"UPDATE "orders" SET "total" = $2 WHERE "id" = $1"#
            ), [.uuid(order), .decimal(total)])
        }
    }
}
