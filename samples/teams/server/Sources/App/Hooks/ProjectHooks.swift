// Created by otak 0.1.0 from teams.otak. This file is yours: `otak generate` never overwrites it.
import Foundation

/// The business logic of a project. Implement any method of `EntityHooks` here:
/// `validate`, `willCreate`, `didCreate`, `willUpdate`, `didUpdate`, `willDelete`, `didDelete`.
/// Each runs inside the transaction of the write; throwing an `APIError` cancels it.
struct ProjectHooks: EntityHooks {
    typealias Model = Project
    typealias Record = ProjectRecord
}
