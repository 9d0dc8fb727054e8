// Created by otak 0.1.0 from hotel.otak. This file is yours: `otak generate` never overwrites it.
import Foundation

/// The business logic of a booking: its guests fit the room's beds (422, like the schema's
/// rules), a room is not booked twice for the same night (409), and a booking's total is its
/// nights at the room's rate. All of it is decided in the transaction of the write, with the
/// room's row locked on PostgreSQL so that two bookings of one room wait for each other
/// (SQLite has one writer at a time anyway).
struct BookingHooks: EntityHooks {
    typealias Model = Booking
    typealias Record = BookingRecord

    /// Two guests per bed; children under the same roof count as guests.
    func validate(_ record: BookingRecord, id: UUID, context: HookContext) async throws -> [FieldError] {
        let rows = try await context.connection.query(SQL(
            sqlite: #"SELECT "beds" FROM "rooms" WHERE "id" = ?1"#,
            postgres: #"SELECT "beds" FROM "rooms" WHERE "id" = $1"#
        ), [.uuid(record.roomID)])
        guard let beds: Int = try rows.first?.decode(0), record.adults + record.children > 2 * beds else { return [] }
        let message = "the room sleeps \(2 * beds), not \(record.adults + record.children)"
        return [FieldError(field: "adults", rule: "capacity", message: message)]
    }

    func willCreate(_ record: inout BookingRecord, id: UUID, context: HookContext) async throws {
        try await reserve(&record, id: id, connection: context.connection)
    }

    func willUpdate(_ record: inout BookingRecord, old: BookingRecord, id: UUID, context: HookContext) async throws {
        try await reserve(&record, id: id, connection: context.connection)
    }

    private func reserve(_ record: inout BookingRecord, id: UUID, connection: DatabaseConnection) async throws {
        var room = SQLBuilder(connection.dialect, SQL(
            sqlite: #"SELECT "rate" FROM "rooms" WHERE "id" = ?1"#,
            postgres: #"SELECT "rate" FROM "rooms" WHERE "id" = $1"#
        ), values: [.uuid(record.roomID)])
        room.lockForUpdate()
        guard let row = try await connection.query(room).first else {
            throw APIError.validationFailed([FieldError(field: "roomId", rule: "exists", message: "no room has this id")])
        }
        let rate: Decimal = try row.decode(0)
        record.total = rate * Decimal(record.checkOut.daysSince1970 - record.checkIn.daysSince1970)

        // A cancelled booking holds nothing; the check-out day is free for the next check-in.
        guard record.status != .cancelled else { return }
        let overlapping = try await connection.query(SQL(
            sqlite: #"""
                SELECT "check_in", "check_out" FROM "bookings"
                WHERE "room_id" = ?1 AND "id" <> ?2 AND "status" <> 'cancelled'
                  AND "check_in" < ?4 AND ?3 < "check_out"
                LIMIT 1
                """#,
            postgres: #"""
                SELECT "check_in"::text, "check_out"::text FROM "bookings"
                WHERE "room_id" = $1 AND "id" <> $2 AND "status" <> 'cancelled'
                  AND "check_in" < $4::date AND $3::date < "check_out"
                LIMIT 1
                """#
        ), [.uuid(record.roomID), .uuid(id), .text(record.checkIn.description), .text(record.checkOut.description)])
        if let other = overlapping.first {
            let from: String = try other.decode(0)
            let to: String = try other.decode(1)
            throw APIError.conflict("the room is already booked from \(from) to \(to)", fields: [
                FieldError(field: "checkIn", rule: "available", message: "the room is already booked from \(from) to \(to)"),
            ])
        }
    }
}
