import Foundation
import OtakCore

/// Writes generated files under a package folder: generated files are replaced when their
/// content changes, files that belong to the user are created once and then left alone.
struct PackageWriter {
    let root: String

    struct Summary {
        var created: [String] = []
        var updated: [String] = []
        var unchanged: [String] = []
        /// User-owned files that exist and were not touched.
        var kept: [String] = []

        func description(root: String) -> String {
            var text = "generated \(root): \(created.count) created, \(updated.count) updated, \(unchanged.count) unchanged"
            if !kept.isEmpty { text += ", \(kept.count) of yours kept" }
            return text + "\n"
        }
    }

    func write(_ files: [GeneratedFile]) throws -> Summary {
        var summary = Summary()
        let manager = FileManager.default
        for file in files {
            let url = URL(fileURLWithPath: root).appendingPathComponent(file.path)
            let existing = manager.contents(atPath: url.path)
            if existing != nil, file.isUserOwned {
                summary.kept.append(file.path)
                continue
            }
            let data = Data(file.contents.utf8)
            if existing == data {
                summary.unchanged.append(file.path)
                continue
            }
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
            if existing == nil { summary.created.append(file.path) } else { summary.updated.append(file.path) }
        }
        return summary
    }
}
