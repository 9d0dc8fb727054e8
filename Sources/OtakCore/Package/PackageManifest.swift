import Foundation

/// `.otak/manifest.json`: what the last generation wrote, so that the next one can tell the
/// files it may replace or remove (unchanged since) from those a person has edited.
public struct PackageManifest: Codable, Sendable, Equatable {
    public static let path = ".otak/manifest.json"

    /// `otak 0.1.0`.
    public var generator: String
    /// Each file `otak generate` owns, by path, with the SHA-256 of the bytes it wrote.
    public var files: [String: String]
    /// The files created once for the user, which no generation changes or removes.
    public var userFiles: [String]

    public init(generator: String, files: [GeneratedFile]) {
        self.generator = generator
        let generated = files.filter { $0.ownership == .generated }
        self.files = Dictionary(uniqueKeysWithValues: zip(generated.map(\.path), generated.concurrentMap { SHA256.hex($0.contents.utf8) }))
        self.userFiles = files.filter { $0.ownership == .user }.map(\.path).sorted()
    }

    public static func hash(_ data: Data) -> String {
        SHA256.hex(data)
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    public static func decode(_ data: Data) throws -> PackageManifest {
        try JSONDecoder().decode(PackageManifest.self, from: data)
    }
}
