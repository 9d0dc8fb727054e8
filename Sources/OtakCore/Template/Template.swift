/// A parsed template in a small Mustache dialect.
///
/// - `{{name}}`, `{{a.b}}`, `{{.}}` insert text as is (we write code, not HTML: nothing is escaped).
/// - `{{#name}}…{{/name}}` renders its body once for a true flag, a non-empty text or an object,
///   and once per item of a list, with the item's fields in scope; `{{^name}}…{{/name}}`
///   renders when the value is false, empty or an empty list.
/// - `{{> name}}` inserts another template of the library (`name` or `name.mustache`), indented like the tag.
/// - `{{! comment}}` renders nothing.
///
/// A tag alone on its line (other than `{{name}}`) takes the whole line with it, so templates
/// can be laid out like the code they produce. Unlike Mustache, a name that is not in scope is
/// an error, not an empty string: a typo in a template fails loudly.
public struct Template: Sendable {
    public let file: SourceFile
    let nodes: [Node]

    enum Node: Sendable {
        /// UTF-8 bytes, copied to the output as they are.
        case text([UInt8])
        case variable(path: [String], range: SourceRange)
        case section(path: [String], inverted: Bool, body: [Node], range: SourceRange)
        case partial(name: String, indentation: [UInt8], range: SourceRange)
    }

    /// Parses a template; every syntax error is reported, located in `file`.
    public init(_ file: SourceFile) throws(TemplateError) {
        self.file = file
        var parser = TemplateParser(file: file)
        self.nodes = try parser.parse()
    }
}

/// Errors in a template or in rendering it, each located in a template file.
public struct TemplateError: Error, Sendable {
    public var file: SourceFile
    public var diagnostics: [Diagnostic]

    init(_ file: SourceFile, _ diagnostics: [Diagnostic]) {
        self.file = file
        self.diagnostics = diagnostics
    }

    init(_ file: SourceFile, _ message: Message, at range: SourceRange, hints: [String] = []) {
        self.init(file, [Diagnostic(.error, message, at: range, hints: hints)])
    }
}

extension TemplateError: CustomStringConvertible {
    /// The diagnostics as the command line prints them (a test that catches one shows this,
    /// not the template's bytes).
    public var description: String { DiagnosticRenderer().render(diagnostics, in: file) }
}

extension Message {
    static let templateUnclosedTag = Message(id: "template-unclosed-tag", "'{{' has no matching '}}'")
    static let templateEmptyTag = Message(id: "template-empty-tag", "empty tag")
    static func templateUnclosedSection(_ name: String) -> Message {
        Message(id: "template-unclosed-section", "section '\(name)' is never closed")
    }
    static func templateUnexpectedClose(_ name: String) -> Message {
        Message(id: "template-unexpected-close", "'{{/\(name)}}' closes no open section")
    }
    static func templateUnknownName(_ name: String) -> Message {
        Message(id: "template-unknown-name", "'\(name)' is not in scope")
    }
    static func templateNotText(_ name: String) -> Message {
        Message(id: "template-not-text", "'\(name)' is not text; use a section to render it")
    }
    static func templateUnknownPartial(_ name: String) -> Message {
        Message(id: "template-unknown-partial", "no template named '\(name)'")
    }
    static let templateRecursion = Message(id: "template-recursion", "partials include each other without end")
}
