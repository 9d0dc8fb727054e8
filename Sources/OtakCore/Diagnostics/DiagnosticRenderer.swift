/// Prints diagnostics the way the Swift compiler does:
///
/// ```
/// shop.otak:12:12: error: unknown type 'Prodct'
///    12 |   product  Prodct  @onDelete(restrict)
///       |            ^~~~~~
///   hint: did you mean 'Product'?
/// ```
public struct DiagnosticRenderer: Sendable {
    public var useColor: Bool

    public init(useColor: Bool = false) {
        self.useColor = useColor
    }

    public func render(_ diagnostics: [Diagnostic], in file: SourceFile) -> String {
        diagnostics.map { render($0, in: file) }.joined()
    }

    public func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        var out = ""
        let label = diagnostic.severity == .error ? paint("error:", .red) : paint("warning:", .magenta)
        out += header(file, diagnostic.range) + " " + label + " " + paint(diagnostic.message.text, .bold) + "\n"
        out += excerpt(file, diagnostic.range)
        for note in diagnostic.notes {
            out += header(file, note.range) + " " + paint("note:", .cyan) + " " + note.text + "\n"
            out += excerpt(file, note.range)
        }
        for hint in diagnostic.hints {
            out += "  " + paint("hint:", .green) + " " + hint + "\n"
        }
        return out
    }

    private func header(_ file: SourceFile, _ range: SourceRange) -> String {
        let location = file.location(of: range.start)
        return paint("\(file.path):\(location.line):\(location.column):", .bold)
    }

    /// Lines longer than this many bytes are shown as a window around the range.
    static let maximumExcerptBytes = 160

    /// The source line with a caret under the start of the range and tildes under the rest
    /// of it (up to the end of that line). A very long line is cut to a window around the range.
    private func excerpt(_ file: SourceFile, _ range: SourceRange) -> String {
        let lineNumber = file.location(of: range.start).line
        let line = file.lineRange(lineNumber)
        let caretStart = min(max(range.start, line.lowerBound), line.upperBound)
        let caretEnd = min(max(range.end, caretStart), line.upperBound)
        var window = line
        if line.count > Self.maximumExcerptBytes {
            let start = scalarBoundary(file, max(line.lowerBound, caretStart - Self.maximumExcerptBytes / 3))
            let end = scalarBoundary(file, min(line.upperBound, start + Self.maximumExcerptBytes))
            window = start..<max(start, end)
        }
        let cutBefore = window.lowerBound > line.lowerBound
        let cutAfter = window.upperBound < line.upperBound
        let text = (cutBefore ? "…" : "")
            + String(decoding: file.bytes[window], as: UTF8.self).replacingTabs()
            + (cutAfter ? "…" : "")
        let indent = (cutBefore ? 1 : 0) + file.scalarCount(window.lowerBound..<max(window.lowerBound, caretStart))
        let underlined = file.scalarCount(caretStart..<max(caretStart, min(caretEnd, window.upperBound)))
        let marker = String(repeating: " ", count: indent) + "^" + String(repeating: "~", count: max(0, underlined - 1))
        let number = String(lineNumber)
        let gutter = String(repeating: " ", count: number.count)
        return " \(number) | \(text)\n \(gutter) | \(paint(marker, .green))\n"
    }

    /// The nearest offset at or before `offset` where a Unicode scalar starts.
    private func scalarBoundary(_ file: SourceFile, _ offset: Int) -> Int {
        var offset = offset
        while offset > 0, offset < file.bytes.count, file.bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
        return offset
    }

    private enum Style: String {
        case bold = "1", red = "1;31", magenta = "1;35", cyan = "1;36", green = "1;32"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        useColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

private extension String {
    /// Tabs shown as single spaces, so that the caret line lines up.
    func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}
