import Foundation
import OtakCore

/// Reads what an existing package folder holds and writes a `PackageUpdate` into it.
struct PackageWriter {
    let root: String

    private var rootURL: URL { URL(fileURLWithPath: root) }

    func read(_ path: String) -> Data? {
        FileManager.default.contents(atPath: rootURL.appendingPathComponent(path).path)
    }

    /// The last generation's manifest, `nil` if the package has none.
    func manifest() throws -> PackageManifest? {
        guard let data = read(PackageManifest.path) else { return nil }
        do { return try PackageManifest.decode(data) } catch { throw ReadError.unreadable(PackageManifest.path) }
    }

    /// The snapshot of the last generation and the migrations in the package.
    func history() throws -> PackageHistory {
        do { return try PackageHistory.read(from: rootURL) } catch { throw ReadError.unreadable(error.path) }
    }

    /// Writes every change in two steps: first each new content to a temporary file beside its
    /// target, then, once all are written, each renamed over its target (an atomic replacement),
    /// removals after that and the manifest last. A failure while writing (a full disk) leaves
    /// the package as it was; a run cut short while renaming leaves whole files, and the next run
    /// finishes the job, since files that already hold the new content are no conflict.
    func apply(_ update: PackageUpdate) throws {
        let manager = FileManager.default
        var staged: [(temporary: URL, target: URL)] = []
        do {
            for change in update.changes {
                guard let data = change.new else { continue }
                let target = rootURL.appendingPathComponent(change.path)
                let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).otak-new")
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: temporary)
                staged.append((temporary, target))
            }
        } catch {
            for file in staged { try? manager.removeItem(at: file.temporary) }
            throw error
        }
        func move(_ file: (temporary: URL, target: URL)) throws {
            guard rename(file.temporary.path, file.target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.target.path])
            }
        }
        let manifest = rootURL.appendingPathComponent(PackageManifest.path)
        for file in staged where file.target != manifest { try move(file) }
        for change in update.changes where change.new == nil {
            let url = rootURL.appendingPathComponent(change.path)
            try manager.removeItem(at: url)
            removeEmptyFolders(above: url)
        }
        for file in staged where file.target == manifest { try move(file) }
    }

    /// Removes the folders a removed file leaves empty, up to the package root.
    private func removeEmptyFolders(above url: URL) {
        var folder = url.deletingLastPathComponent().standardizedFileURL
        let top = rootURL.standardizedFileURL.path
        while folder.path.hasPrefix(top), folder.path != top,
              (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }

    enum ReadError: Error, CustomStringConvertible {
        case unreadable(String)

        var description: String {
            switch self {
            case .unreadable(let path): "cannot read '\(path)' of the package: restore it from version control, or delete it to start over"
            }
        }
    }
}
