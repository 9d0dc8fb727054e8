// Created by otak 0.1.0 from v1.otak. This file is yours: `otak generate` never overwrites it.
import Foundation

/// Bodies are stored without the blanks around them (the upgrade test checks that this file,
/// written before the upgrade, is unchanged and still at work after it).
struct NoteHooks: EntityHooks {
    typealias Model = Note
    typealias Record = NoteRecord

    func willCreate(_ record: inout NoteRecord, id: UUID, context: HookContext) async throws {
        record.body = record.body.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
