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

    /// Writes every change, each file atomically (a temporary file renamed over the old one),
    /// the manifest last: a run cut short leaves whole files, and the next run finishes it.
    func apply(_ update: PackageUpdate) throws {
        let manager = FileManager.default
        for change in update.changes {
            let url = rootURL.appendingPathComponent(change.path)
            if let data = change.new {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            } else {
                try manager.removeItem(at: url)
                removeEmptyFolders(above: url)
            }
        }
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
