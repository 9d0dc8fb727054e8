// Created by otak 0.1.0 from chat.otak. This file is yours: `otak generate` never overwrites it.
import Foundation

/// Business logic of `messages`: each method runs inside the transaction of the write, so
/// throwing (for example an `APIError`) cancels the write. The defaults do nothing.
struct MessageHooks: Sendable {
    /// Before a row is inserted; may change the values that will be stored.
    func willCreate(_ record: inout MessageRecord, connection: DatabaseConnection) async throws {}

    /// After a row is inserted, in the same transaction.
    func didCreate(_ message: Message, connection: DatabaseConnection) async throws {}

    /// Before a row is updated; may change the values that will be stored.
    func willUpdate(_ record: inout MessageRecord, id: UUID, connection: DatabaseConnection) async throws {}

    /// After a row is updated, in the same transaction.
    func didUpdate(_ message: Message, connection: DatabaseConnection) async throws {}

    /// Before a row is deleted.
    func willDelete(id: UUID, connection: DatabaseConnection) async throws {}
}
