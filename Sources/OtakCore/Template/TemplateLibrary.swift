/// Templates by name (their path under `Templates/`, e.g. `Sources/App/Models/Model.swift.mustache`),
/// parsed once and rendered many times.
public struct TemplateLibrary: Sendable {
    public private(set) var templates: [String: Template] = [:]

    /// Parses every template; all syntax errors of all templates are reported together.
    public init(sources: [String: String], pathPrefix: String = "") throws(TemplateLibraryError) {
        var errors: [TemplateError] = []
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                templates[name] = try Template(SourceFile(path: pathPrefix + name, text: text))
            } catch {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw TemplateLibraryError(errors: errors) }
    }

    /// Replaces or adds templates.
    public mutating func merge(_ other: TemplateLibrary) {
        templates.merge(other.templates) { _, new in new }
    }

    /// Renders the named template with `value` in scope.
    public func render(_ name: String, _ value: TemplateValue) throws(TemplateError) -> String {
        try render(name, scope: [value])
    }

    /// Renders the named template with several values in scope: a name is looked up in the
    /// last one first, as if each were a section inside the one before.
    public func render(_ name: String, scope: [TemplateValue]) throws(TemplateError) -> String {
        guard let template = templates[name] else {
            let file = SourceFile(path: name, text: "")
            throw TemplateError(file, .templateUnknownPartial(name), at: SourceRange(start: 0, end: 0))
        }
        var renderer = TemplateRenderer(library: self)
        return try renderer.render(template, scope: scope)
    }
}

/// Errors in several templates at once.
public struct TemplateLibraryError: Error, Sendable {
    public var errors: [TemplateError]
}
