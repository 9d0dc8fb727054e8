import Foundation
import OtakCore
import Testing

/// Each sample's generated package is committed under `samples/NAME/server/`; regenerating
/// it must give the same bytes (`OTAK_UPDATE_GOLDEN=1` rewrites the folder).
@Suite struct GeneratedPackageTests {
    static let samples = TestSupport.sampleFiles()

    static func generate(_ schemaURL: URL) throws -> [GeneratedFile] {
        let result = Frontend.check(SourceFile(path: schemaURL.path, text: TestSupport.read(schemaURL)))
        let schema = try #require(result.schema)
        let generator = Generator(templates: try TemplateFiles.builtIn(), schemaFileName: schemaURL.lastPathComponent,
                                  otakVersion: "0.1.0")
        let package = schemaURL.deletingLastPathComponent().appendingPathComponent("server")
        return try generator.generate(schema, history: try PackageHistory.read(from: package))
    }

    @Test(arguments: samples)
    func committedPackageMatchesTheGenerator(_ schemaURL: URL) throws {
        let files = try Self.generate(schemaURL)
        let root = schemaURL.deletingLastPathComponent().appendingPathComponent("server")
        let expected = Set(files.map(\.path))
        if TestSupport.updatingGoldens {
            for stale in try Self.committedFiles(in: root) where !expected.contains(stale) {
                try FileManager.default.removeItem(at: root.appendingPathComponent(stale))
            }
        }
        for file in files {
            let url = root.appendingPathComponent(file.path)
            // The samples' own files (their hooks, tests and migrations) are theirs, as in any package.
            if file.ownership != .generated, FileManager.default.fileExists(atPath: url.path) { continue }
            if TestSupport.updatingGoldens {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            TestSupport.assertGolden(file.contents, url)
        }
        let extra = try Self.committedFiles(in: root).filter { !expected.contains($0) }
        #expect(extra.isEmpty, "files the generator does not write: \(extra)")
    }

    @Test func generationIsDeterministic() throws {
        for sample in Self.samples {
            #expect(try Self.generate(sample) == Self.generate(sample))
        }
    }

    @Test func userFilesAreMarkedAndOthersSayTheyAreGenerated() throws {
        let files = try Self.generate(try #require(Self.samples.first))
        for file in files where file.path.hasSuffix(".swift") {
            let marker = file.ownership == .user ? "This file is yours" : "Do not edit"
            #expect(file.contents.contains(marker), "\(file.path)")
        }
        #expect(files.filter { $0.ownership == .user }.map(\.path).allSatisfy {
            ["Sources/App/App.swift", "Sources/App/CustomRoutes.swift", "Sources/App/Mailer.swift", "Tests/AppTests/CustomTests.swift"].contains($0)
                || $0.hasPrefix("Sources/App/Hooks/")
        })
        #expect(files.filter { $0.ownership == .history }.allSatisfy { $0.path.hasPrefix("Migrations/") })
    }

    /// The runtime library is the same bytes in every package (the shop's copy is its golden):
    /// for every sample, the rule tests' schema and a schema without `auth`, with another
    /// schema file name.
    @Test func theRuntimeIsTheSameInEveryPackage() throws {
        func runtime(_ files: [GeneratedFile]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: files.filter { $0.path.hasPrefix("Sources/OtakRuntime/") }.map { ($0.path, $0.contents) })
        }
        let shop = runtime(try Self.generate(try #require(Self.samples.first { $0.lastPathComponent == "shop.otak" })))
        #expect(shop.keys.contains("Sources/OtakRuntime/Database/Database.swift"))
        for sample in Self.samples {
            #expect(runtime(try Self.generate(sample)) == shop, "\(sample.lastPathComponent)")
        }
        let bare = try #require(TestSupport.schema("""
            app Notes

            entity Note {
              text String

              allow list, read, create, update, delete: public
            }

            """))
        let generator = Generator(templates: try TemplateFiles.builtIn(), schemaFileName: "notes.otak", otakVersion: "0.1.0")
        #expect(runtime(try generator.generate(bare)) == shop)
    }

    /// The client package reads the server's own document, and names filters and sorts in
    /// Swift unless a field already has the name.
    @Test func theClientHasTheDocumentAndSwiftNamesForFiltersAndSorts() throws {
        let schema = try #require(TestSupport.schema("""
            app Shop

            entity Product {
              price        Decimal
              priceAtLeast Decimal
              name         String

              allow list: public
            }

            """))
        let generator = Generator(templates: try TemplateFiles.builtIn(), schemaFileName: "shop.otak", otakVersion: "0.1.0")
        let files = Dictionary(uniqueKeysWithValues: try generator.generate(schema).map { ($0.path, $0.contents) })
        #expect(files["Client/Sources/ShopClient/openapi.json"] == files["Sources/App/openapi.json"])
        let config = try #require(files["Client/Sources/ShopClient/openapi-generator-config.yaml"])
        #expect(config.contains(#"  "-price": priceDescending"#))
        #expect(config.contains(#"  "name[ne]": nameNot"#))
        #expect(config.contains(#"  "price[lt]": priceBelow"#))
        #expect(!config.contains(#""price[gte]""#), "priceAtLeast is a field")
        #expect(config.contains("    Decimal: Foundation.Decimal"))
        #expect(files["Client/Sources/ShopClient/ShopClient.swift"] != nil)
        #expect(files["Client/Package.swift"]?.contains(#"name: "ShopClient""#) == true)
    }

    /// The files of a committed package, ignoring what building and running it leaves behind.
    static func committedFiles(in root: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            let first = path.split(separator: "/").first.map(String.init) ?? path
            if [".build", ".swiftpm", "Package.resolved"].contains(first) || path.hasSuffix(".sqlite")
                || path.contains(".sqlite-") {
                enumerator.skipDescendants()
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }
}
