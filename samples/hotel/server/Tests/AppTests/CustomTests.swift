// Created by otak 0.1.0 from hotel.otak. This file is yours: `otak generate` never overwrites it.
@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The hotel's business logic (`Sources/App/Hooks/BookingHooks.swift`): guests that fit the room,
/// no room booked twice for a night, and totals from the room's rate.
@Suite struct CustomTests {
    func book(_ room: String, _ checkIn: String, _ checkOut: String, _ fixtures: inout Fixtures)
        async throws -> (status: HTTPResponse.Status, body: JSONValue)
    {
        let body = try await fixtures.bookingBody([
            "roomId": .string(room), "checkIn": .string(checkIn), "checkOut": .string(checkOut),
        ])
        return try await send(fixtures.client, .post, "/bookings", body: body)
    }

    @Test func aRoomIsNotBookedTwiceForANight() async throws {
        try await withServer(hooks: AppHooks()) { client in
            var fixtures = Fixtures(client)
            fixtures.user = try await fixtures.createGuest().id
            let room = try await fixtures.createRoom().id
            let other = try await fixtures.createRoom().id
            #expect(try await book(room, "2030-03-10", "2030-03-14", &fixtures).status == .created)

            for (checkIn, checkOut) in [("2030-03-09", "2030-03-11"), ("2030-03-13", "2030-03-20"), ("2030-03-11", "2030-03-12"),
                                        ("2030-03-01", "2030-03-30")] {
                let (status, body) = try await book(room, checkIn, checkOut, &fixtures)
                #expect(status == .conflict, "\(checkIn)…\(checkOut)")
                #expect(body.rules(of: "checkIn") == ["available"])
                #expect(body.messages(of: "checkIn") == ["the room is already booked from 2030-03-10 to 2030-03-14"])
            }
            // Check-out day is the next guest's check-in day; another room is free; so are other dates.
            #expect(try await book(room, "2030-03-14", "2030-03-16", &fixtures).status == .created)
            #expect(try await book(room, "2030-03-05", "2030-03-10", &fixtures).status == .created)
            #expect(try await book(other, "2030-03-10", "2030-03-14", &fixtures).status == .created)
            #expect(try await send(client, .get, "/bookings?roomId=\(room)").body["items"]?.arrayCount == 3)
        }
    }

    @Test func aCancelledBookingFreesTheRoomAndMovingABookingIsChecked() async throws {
        try await withServer(hooks: AppHooks()) { client in
            var fixtures = Fixtures(client)
            let room = try await fixtures.createRoom().id
            let first = try await book(room, "2030-05-01", "2030-05-03", &fixtures).body.id
            let second = try await book(room, "2030-05-03", "2030-05-05", &fixtures).body.id
            // Moving the second booking onto the first one's nights is refused; the booking stays as it was.
            let moved = try await send(client, .patch, "/bookings/\(second)", body: .object(["checkIn": .string("2030-05-02")]))
            #expect(moved.status == .conflict)
            #expect(try await send(client, .get, "/bookings/\(second)").body["checkIn"] == .string("2030-05-03"))
            #expect(try await send(client, .patch, "/bookings/\(first)", body: .object(["status": .string("cancelled")])).status == .ok)
            #expect(try await send(client, .patch, "/bookings/\(second)", body: .object(["checkIn": .string("2030-05-02")])).status == .ok)
        }
    }

    @Test func aBookingCostsItsNightsAtTheRoomsRate() async throws {
        try await withServer(hooks: AppHooks()) { client in
            var fixtures = Fixtures(client)
            let room = try await fixtures.createRoom(["rate": .double(120.5)]).id
            let (status, booking) = try await book(room, "2030-07-30", "2030-08-02", &fixtures)
            #expect(status == .created)
            #expect(booking["total"] == .double(361.5))
        }
    }

    @Test func theGuestsMustFitTheRoom() async throws {
        try await withServer(hooks: AppHooks()) { client in
            var fixtures = Fixtures(client)
            let room = try await fixtures.createRoom(["beds": .integer(1)]).id
            let body = try await fixtures.bookingBody(["roomId": .string(room), "adults": .integer(2), "children": .integer(1)])
            let (status, refused) = try await send(client, .post, "/bookings", body: body)
            #expect(status == .unprocessableContent)
            #expect(refused.rules(of: "adults") == ["capacity"])
            #expect(refused.messages(of: "adults") == ["the room sleeps 2, not 3"])
            #expect(try await send(client, .get, "/bookings?roomId=\(room)").body["items"]?.arrayCount == 0)
            var fits = body
            fits["children"] = .integer(0)
            #expect(try await send(client, .post, "/bookings", body: fits).status == .created)
        }
    }
}

extension JSONValue {
    var arrayCount: Int? {
        if case .array(let items) = self { items.count } else { nil }
    }
}
