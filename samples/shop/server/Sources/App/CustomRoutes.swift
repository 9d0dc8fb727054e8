// Created by otak 0.1.0 from shop.otak. This file is yours: `otak generate` never overwrites it.
import Foundation
import Hummingbird

/// Routes of your own, beside the generated ones. They pass through the same middleware: the
/// request log, JSON errors, and sign-in (`context.caller`).
func addCustomRoutes(to router: Router<AppRequestContext>, database: Database, hooks: AppHooks) {
    /// `GET /reports/low-stock?below=5`: the products with fewer than `below` (default 5) in
    /// stock, fewest first, for whoever may update products (admin and staff).
    router.get("reports/low-stock") { request, context -> LowStockReport in
        _ = try context.caller.access(ProductPermissions.update)
        let below = try request.uri.queryParameters.get("below").map { text in
            guard let number = Int(text), number >= 0 else {
                throw APIError.badRequest("below must be a whole number of at least 0",
                                          fields: [FieldError(field: "below", rule: "type", message: "expected a whole number")])
            }
            return number
        } ?? 5
        let rows = try await database.read(SQL(
            sqlite: #"SELECT "id", "name", "sku", "stock" FROM "products" WHERE "stock" < ?1 ORDER BY "stock", "sku""#,
            postgres: #"SELECT "id", "name", "sku", "stock" FROM "products" WHERE "stock" < $1 ORDER BY "stock", "sku""#
        ), [.integer(below)])
        return LowStockReport(below: below, items: try rows.map { row in
            LowStockReport.Item(id: try row.decode(0), name: try row.decode(1), sku: try row.decode(2), stock: try row.decode(3))
        })
    }
}

/// `{"below": 5, "items": [{"id": …, "name": …, "sku": …, "stock": 2}]}`, written with
/// `JSONWriter` as the generated routes are (keys in byte order).
struct LowStockReport: JSONResponse, Sendable {
    struct Item: JSONWritable, Sendable {
        let id: UUID
        let name: String
        let sku: String
        let stock: Int

        func write(to json: inout JSONWriter) {
            json.beginObject()
            json.field("id", id)
            json.field("name", name)
            json.field("sku", sku)
            json.field("stock", stock)
            json.endObject()
        }
    }

    let below: Int
    let items: [Item]

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("below", below)
        json.field("items", items)
        json.endObject()
    }
}
