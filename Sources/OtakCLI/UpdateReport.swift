import Foundation
import OtakCore

/// What `otak generate` prints about the files of a package.
enum UpdateReport {
    /// After writing: counts, the new migration, and user files nothing generates any more.
    static func summary(_ update: PackageUpdate, root: String) -> String {
        let count = { (action: PackageUpdate.Action) in update.changes.filter { $0.action == action }.count }
        var text = "generated \(root): \(count(.create)) added, \(count(.update)) changed, \(count(.remove)) removed, "
            + "\(update.unchanged.count) unchanged"
        if !update.kept.isEmpty { text += ", \(update.kept.count) kept (yours, and migrations)" }
        text += "\n"
        let moved = Set(update.moved.map { ($0 as NSString).lastPathComponent })
        let migrations = update.changes.filter { $0.action == .create && $0.path.hasPrefix(PackageHistory.migrationsFolder + "/") }
        for name in Set(migrations.map { ($0.path as NSString).lastPathComponent }).subtracting(moved).sorted() {
            text += "new migration: \(name)\n"
        }
        if !update.moved.isEmpty {
            text += "moved the migrations from \(PackageHistory.legacyMigrationsFolder)/ to \(PackageHistory.migrationsFolder)/ (the server compiles them in)\n"
        }
        for path in update.orphanedUserFiles {
            text += "note: \(path) is yours and no longer used by the generated code: delete it or move what it holds\n"
        }
        return text
    }

    /// `--check` and `--dry-run`: one line per file that would change, with diffs for a dry run.
    static func preview(_ update: PackageUpdate, root: String, diffs: Bool) -> String {
        var text = ""
        for change in update.changes {
            text += "\(change.action.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(change.path)\n"
            if diffs {
                text += LineDiff.unified(old: change.old.map { String(decoding: $0, as: UTF8.self) } ?? "",
                                         new: change.new.map { String(decoding: $0, as: UTF8.self) } ?? "", path: change.path)
            }
        }
        for conflict in update.conflicts {
            text += "\("edited".padding(toLength: 8, withPad: " ", startingAt: 0)) \(conflict.path) (\(reason(conflict.reason)))\n"
        }
        if update.isUpToDate {
            text += "\(root) is up to date\n"
        } else {
            let files = update.changes.count + update.conflicts.count
            text += "\(root) is out of date: \(files) file\(files == 1 ? "" : "s") would change; run otak generate\n"
        }
        return text
    }

    /// Why nothing was written.
    static func conflicts(_ conflicts: [PackageUpdate.Conflict]) -> String {
        var text = "otak: nothing was written: \(conflicts.count == 1 ? "a file" : "\(conflicts.count) files") otak generates "
            + "\(conflicts.count == 1 ? "was" : "were") changed by hand:\n"
        for conflict in conflicts {
            text += "  \(conflict.path) (\(reason(conflict.reason)))\n"
        }
        text += "  hint: move the change into a file of yours (Sources/App/Hooks/, Sources/App/CustomRoutes.swift) "
            + "or into a template of yours (--templates DIR), then run again\n"
        text += "  hint: or pass --force to replace the edited files with generated ones\n"
        return text
    }

    private static func reason(_ reason: PackageUpdate.ConflictReason) -> String {
        switch reason {
        case .edited: "edited since the last generation"
        case .editedButNoLongerGenerated: "edited, and no longer generated"
        case .notGenerated: "not written by otak"
        }
    }
}
