// Created by otak 0.1.0 from shop.otak. This file is yours: `otak generate` never overwrites it.
import Foundation

/// The business logic of an order. Implement any method of `EntityHooks` here:
/// `validate`, `willCreate`, `didCreate`, `willUpdate`, `didUpdate`, `willDelete`, `didDelete`.
/// Each runs inside the transaction of the write; throwing an `APIError` cancels it.
struct OrderHooks: EntityHooks {
    typealias Model = Order
    typealias Record = OrderRecord

    /// Set to true when a hook reads or writes the database (`context.connection`): its work
    /// then commits or rolls back with the write. While false, creates and deletes run as one
    /// statement, without a transaction.
    let usesDatabase = false
}
