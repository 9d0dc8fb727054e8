/// Collects diagnostics during one run of the front end.
///
/// After `limit` errors it stops collecting and adds a final "too many errors" diagnostic,
/// so that garbage input cannot produce unbounded output.
public struct DiagnosticCollector: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var errorCount = 0
    public let limit: Int

    public init(limit: Int = 100) {
        self.limit = limit
    }

    public var hasErrors: Bool { errorCount > 0 }
    public var isFull: Bool { errorCount >= limit }

    public mutating func error(_ message: Message, at range: SourceRange, notes: [Note] = [], hints: [String] = []) {
        add(Diagnostic(.error, message, at: range, notes: notes, hints: hints))
    }

    public mutating func warning(_ message: Message, at range: SourceRange, notes: [Note] = [], hints: [String] = []) {
        add(Diagnostic(.warning, message, at: range, notes: notes, hints: hints))
    }

    public mutating func add(_ diagnostic: Diagnostic) {
        guard !isFull else { return }
        diagnostics.append(diagnostic)
        if diagnostic.severity == .error { errorCount += 1 }
    }

    /// The diagnostics in source order (stable for equal positions), followed by a
    /// "too many errors" diagnostic when the limit cut the list short.
    public var sorted: [Diagnostic] {
        var result = diagnostics.enumerated().sorted { a, b in
            (a.element.range.start, a.offset) < (b.element.range.start, b.offset)
        }.map(\.element)
        if isFull, let last = result.last {
            result.append(Diagnostic(
                .error, Message(id: "too-many-errors", "too many errors (\(limit)); stopping here"),
                at: last.range.after))
        }
        return result
    }
}
