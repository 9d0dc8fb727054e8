// Created by otak 0.1.0 from hotel.otak. This file is yours: `otak generate` never overwrites it.
import Foundation

/// The business logic of a room photo. Implement any method of `EntityHooks` here:
/// `validate`, `willCreate`, `didCreate`, `willUpdate`, `didUpdate`, `willDelete`, `didDelete`
/// run within the write (`context.caller` says who asked; with `usesDatabase`,
/// `context.connection` is the write's transaction), and throwing an `APIError` cancels it;
/// `didCommit` runs once it committed, for calls to other services.
struct RoomPhotoHooks: EntityHooks {
    typealias Model = RoomPhoto
    typealias Record = RoomPhotoRecord

    /// Set to true when a hook reads or writes the database (`context.connection`): its work
    /// then commits or rolls back with the write. While false, creates and deletes run as one
    /// statement, without a transaction (`didCreate` and `didDelete` then run after it: what they
    /// throw is answered, but the write stands).
    let usesDatabase = false
}
