// Created by otak 0.1.0 from hotel.otak. This file is yours: `otak generate` never overwrites it.
import Foundation

/// Business logic of `guests`: each method runs inside the transaction of the write, so
/// throwing (for example an `APIError`) cancels the write. The defaults do nothing.
struct GuestHooks: Sendable {
    /// Before a row is inserted; may change the values that will be stored.
    func willCreate(_ record: inout GuestRecord, connection: DatabaseConnection) async throws {}

    /// After a row is inserted, in the same transaction.
    func didCreate(_ guest: Guest, connection: DatabaseConnection) async throws {}

    /// Before a row is updated; may change the values that will be stored.
    func willUpdate(_ record: inout GuestRecord, id: UUID, connection: DatabaseConnection) async throws {}

    /// After a row is updated, in the same transaction.
    func didUpdate(_ guest: Guest, connection: DatabaseConnection) async throws {}

    /// Before a row is deleted.
    func willDelete(id: UUID, connection: DatabaseConnection) async throws {}
}
