import Foundation

/// Where templates come from: the copies built into `otak`, and an optional folder of the
/// user's that replaces any of them.
public enum TemplateFiles {
    /// The built-in templates, parsed.
    public static func builtIn() throws(TemplateLibraryError) -> TemplateLibrary {
        try TemplateLibrary(sources: EmbeddedTemplates.files, pathPrefix: "Templates/")
    }

    /// The built-in templates with those of `directory` in their place. A file there that
    /// replaces no built-in template is refused: it is most likely misnamed.
    public static func library(overridingWith directory: String?) throws -> TemplateLibrary {
        var library = try builtIn()
        guard let directory else { return library }
        let overrides = try read(directory: directory)
        let unknown = overrides.keys.filter { EmbeddedTemplates.files[$0] == nil }.sorted()
        guard unknown.isEmpty else { throw UnknownTemplatesError(directory: directory, names: unknown) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        library.merge(try TemplateLibrary(sources: overrides, pathPrefix: prefix))
        return library
    }

    /// Every `.mustache` file under `directory`, by relative path.
    static func read(directory: String) throws -> [String: String] {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: directory])
        }
        var files: [String: String] = [:]
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".mustache") else { continue }
            files[relative] = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
        }
        return files
    }
}

/// Template files that `otak` does not use.
public struct UnknownTemplatesError: Error, CustomStringConvertible {
    public let directory: String
    public let names: [String]

    public var description: String {
        "\(directory): no built-in template is named " + names.joined(separator: ", ")
            + "; an override must have the path of the template it replaces (see Templates/ in otak's repository)"
    }
}
