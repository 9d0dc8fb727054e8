import Foundation

/// What writing a generation into an existing package folder does to each file, decided before
/// anything is written, so that `--check` and `--dry-run` report exactly what a run would do.
///
/// - A generated file is written when its content changes; one the last generation wrote and
///   nobody has edited since (its hash is the manifest's) may be replaced or, when no longer
///   generated, removed.
/// - A generated file someone edited, or a file in the way that otak did not write, is a
///   conflict: nothing is written unless `force` says the generation wins.
/// - User files and migrations are created when missing and never touched afterwards.
public struct PackageUpdate: Sendable {
    public enum Action: String, Sendable {
        case create = "added"
        case update = "changed"
        case remove = "removed"
    }

    public struct Change: Sendable, Equatable {
        public var path: String
        public var action: Action
        /// What is on disk now (`nil` for a new file).
        public var old: Data?
        /// What will be there (`nil` for a removed file).
        public var new: Data?
    }

    public enum ConflictReason: Sendable, Equatable {
        /// Generated last time and edited since.
        case edited
        /// Edited since the last generation, which no longer produces it.
        case editedButNoLongerGenerated
        /// In the way of a generated file, and not written by otak.
        case notGenerated
    }

    public struct Conflict: Sendable, Equatable {
        public var path: String
        public var reason: ConflictReason
    }

    /// Writes and removals, in path order; the manifest is last.
    public private(set) var changes: [Change] = []
    public private(set) var unchanged: [String] = []
    /// User files and migrations that exist and stay as they are.
    public private(set) var kept: [String] = []
    public private(set) var conflicts: [Conflict] = []
    /// User files of an earlier generation that nothing generates any more (a removed entity's hooks).
    public private(set) var orphanedUserFiles: [String] = []
    /// Files written at a new path by this update and removed from their old one.
    public let moved: [String]

    /// - Parameters:
    ///   - read: the bytes of a file of the package, by relative path, or `nil` if there is none.
    ///   - force: replace edited generated files and files in the way instead of reporting conflicts.
    ///   - moved: files that `files` hold at another path (migrations of an older layout): removed.
    public init(files: [GeneratedFile], manifest: PackageManifest?, force: Bool, moved: [String] = [],
                read: (String) -> Data?) {
        self.moved = moved
        var produced: Set<String> = []
        var last: Change?
        for file in files {
            produced.insert(file.path)
            let new = Data(file.contents.utf8)
            guard let existing = read(file.path) else {
                let change = Change(path: file.path, action: .create, old: nil, new: new)
                if file.path == PackageManifest.path { last = change } else { changes.append(change) }
                continue
            }
            if file.ownership != .generated {
                kept.append(file.path)
                continue
            }
            if existing == new {
                unchanged.append(file.path)
                continue
            }
            let change = Change(path: file.path, action: .update, old: existing, new: new)
            if file.path == PackageManifest.path {
                last = change
            } else if force || Self.isUnedited(file.path, existing, manifest: manifest) {
                changes.append(change)
            } else {
                let reason: ConflictReason = manifest?.files[file.path] == nil ? .notGenerated : .edited
                conflicts.append(Conflict(path: file.path, reason: reason))
            }
        }
        for (path, _) in (manifest?.files ?? [:]).sorted(by: { $0.key < $1.key }) where !produced.contains(path) {
            guard let existing = read(path) else { continue }
            if force || Self.isUnedited(path, existing, manifest: manifest) {
                changes.append(Change(path: path, action: .remove, old: existing, new: nil))
            } else {
                conflicts.append(Conflict(path: path, reason: .editedButNoLongerGenerated))
            }
        }
        for path in moved where !produced.contains(path) {
            guard let existing = read(path) else { continue }
            changes.append(Change(path: path, action: .remove, old: existing, new: nil))
        }
        orphanedUserFiles = (manifest?.userFiles ?? []).filter { !produced.contains($0) && read($0) != nil }
        changes.sort { $0.path < $1.path }
        if let last { changes.append(last) }
    }

    /// Whether the package already is what the generation would write.
    public var isUpToDate: Bool { changes.isEmpty && conflicts.isEmpty }

    /// A file the last generation wrote and nobody changed since. A package generated before
    /// manifests existed counts a file as unedited while it keeps otak's header.
    static func isUnedited(_ path: String, _ data: Data, manifest: PackageManifest?) -> Bool {
        guard let manifest else {
            return String(decoding: data.prefix(400), as: UTF8.self).contains(GeneratedFile.generatedMarker)
        }
        return manifest.files[path] == PackageManifest.hash(data)
    }
}
