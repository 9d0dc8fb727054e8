/// How serious a diagnostic is. Only errors make a schema invalid.
public enum Severity: String, Sendable, Codable {
    case error
    case warning
}

/// One problem found in a schema, located at an exact range of its source.
public struct Diagnostic: Sendable, Equatable {
    public var severity: Severity
    public var message: Message
    public var range: SourceRange
    /// Secondary locations ("'Product' was first declared here").
    public var notes: [Note]
    /// What to do about it ("did you mean 'Product'?").
    public var hints: [String]

    public init(_ severity: Severity, _ message: Message, at range: SourceRange, notes: [Note] = [], hints: [String] = []) {
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
        self.hints = hints
    }
}

/// A remark attached to a diagnostic, pointing at another place in the file.
public struct Note: Sendable, Equatable {
    public var text: String
    public var range: SourceRange

    public init(_ text: String, at range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// The text of a diagnostic and its stable identifier (used by `--format json` and by tests).
public struct Message: Sendable, Equatable {
    public let id: String
    public let text: String

    public init(id: String, _ text: String) {
        self.id = id
        self.text = text
    }
}
