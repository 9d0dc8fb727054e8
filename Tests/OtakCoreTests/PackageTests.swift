import Foundation
@testable import OtakCore
import Testing

/// The pieces of regeneration that need no files: hashes, diffs and what an update does.
@Suite struct PackageTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func sha256MatchesTheStandardsVectors(_ message: String, _ digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    /// The edits turn the old lines into the new ones, and there are as few as a longest
    /// common subsequence allows.
    @Test func lineDiffsAreShortestEditScripts() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let old = (0..<Int.random(in: 0...12, using: &generator)).map { _ in ["a", "b", "c", "d"].randomElement(using: &generator)! }
            let new = (0..<Int.random(in: 0...12, using: &generator)).map { _ in ["a", "b", "c", "d"].randomElement(using: &generator)! }
            let edits = LineDiff.edits(old, new)
            var before: [String] = [], after: [String] = [], same = 0
            for edit in edits {
                switch edit {
                case .same(let line): before.append(line); after.append(line); same += 1
                case .removed(let line): before.append(line)
                case .added(let line): after.append(line)
                }
            }
            #expect(before == old && after == new, "\(old) → \(new)")
            #expect(same == longestCommonSubsequence(old, new), "\(old) → \(new)")
        }
    }

    private func longestCommonSubsequence(_ a: [String], _ b: [String]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }

    @Test func aUnifiedDiffHasHunksWithContext() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 3\n", with: "line three\n").replacingOccurrences(of: "line 18\n", with: "")
        #expect(LineDiff.unified(old: old, new: new, path: "a.txt") == """
            --- a/a.txt
            +++ b/a.txt
            @@ -1,6 +1,6 @@
             line 1
             line 2
            -line 3
            +line three
             line 4
             line 5
             line 6
            @@ -15,6 +15,5 @@
             line 15
             line 16
             line 17
            -line 18
             line 19
             line 20

            """)
        #expect(LineDiff.unified(old: old, new: old, path: "a.txt") == "")
        #expect(LineDiff.unified(old: "", new: "x\n", path: "n").hasSuffix("@@ -0,0 +1,1 @@\n+x\n"))
    }

    // MARK: Updates

    static let manifestFiles = [
        GeneratedFile(path: "Sources/App/Models/A.swift", contents: "a1"),
        GeneratedFile(path: "Sources/App/Models/B.swift", contents: "b1"),
        GeneratedFile(path: "Sources/App/Hooks/BHooks.swift", contents: "hooks", ownership: .user),
    ]
    static let manifest = PackageManifest(generator: "otak test", files: manifestFiles)

    func update(_ files: [GeneratedFile], disk: [String: String], manifest: PackageManifest? = manifest, force: Bool = false) -> PackageUpdate {
        PackageUpdate(files: files, manifest: manifest, force: force) { disk[$0].map { Data($0.utf8) } }
    }

    @Test func unchangedFilesAreLeftChangedOnesRewrittenAndStaleOnesRemoved() {
        let plan = update([
            GeneratedFile(path: "Sources/App/Models/A.swift", contents: "a2"),
            GeneratedFile(path: "Sources/App/Models/C.swift", contents: "c1"),
            GeneratedFile(path: "Migrations/sqlite/0001_init.sql", contents: "new text", ownership: .history),
        ], disk: [
            "Sources/App/Models/A.swift": "a1", "Sources/App/Models/B.swift": "b1", "Sources/App/Hooks/BHooks.swift": "mine",
            "Migrations/sqlite/0001_init.sql": "applied",
        ])
        #expect(plan.changes.map { "\($0.action) \($0.path)" } == [
            "update Sources/App/Models/A.swift", "remove Sources/App/Models/B.swift", "create Sources/App/Models/C.swift",
        ])
        #expect(plan.kept == ["Migrations/sqlite/0001_init.sql"], "a migration is never rewritten")
        #expect(plan.orphanedUserFiles == ["Sources/App/Hooks/BHooks.swift"])
        #expect(plan.conflicts.isEmpty)
    }

    @Test func editedFilesAreConflictsUnlessForced() {
        let files = [GeneratedFile(path: "Sources/App/Models/A.swift", contents: "a2"), GeneratedFile(path: "X.swift", contents: "x")]
        let disk = ["Sources/App/Models/A.swift": "edited", "Sources/App/Models/B.swift": "edited too", "X.swift": "someone's"]
        let plan = update(files, disk: disk)
        #expect(plan.conflicts == [
            .init(path: "Sources/App/Models/A.swift", reason: .edited),
            .init(path: "X.swift", reason: .notGenerated),
            .init(path: "Sources/App/Models/B.swift", reason: .editedButNoLongerGenerated),
        ])
        #expect(!plan.isUpToDate)
        let forced = update(files, disk: disk, force: true)
        #expect(forced.conflicts.isEmpty && forced.changes.count == 3)
        // A file already as the generator would write it is no conflict, edited or not.
        #expect(update([GeneratedFile(path: "X.swift", contents: "x")], disk: ["X.swift": "x"]).isUpToDate)
    }

    @Test func withoutAManifestOnlyFilesWithOtaksHeaderAreReplaced() {
        let header = "// Generated by otak 0.1.0 from a.otak. \(GeneratedFile.generatedMarker)\n"
        let files = [GeneratedFile(path: "A.swift", contents: header + "new"), GeneratedFile(path: "B.swift", contents: header + "new")]
        let plan = update(files, disk: ["A.swift": header + "old", "B.swift": "// mine"], manifest: nil)
        #expect(plan.changes.map(\.path) == ["A.swift"])
        #expect(plan.conflicts == [.init(path: "B.swift", reason: .notGenerated)])
    }

    @Test func theManifestIsWrittenLast() {
        let files = [GeneratedFile(path: ".otak/manifest.json", contents: "{}"), GeneratedFile(path: "z.swift", contents: "z")]
        #expect(update(files, disk: [:], manifest: nil).changes.map(\.path) == ["z.swift", ".otak/manifest.json"])
    }
}
