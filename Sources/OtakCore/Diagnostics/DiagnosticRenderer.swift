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

    /// The source line with a caret under the start of the range and tildes under the rest
    /// of it (up to the end of that line).
    private func excerpt(_ file: SourceFile, _ range: SourceRange) -> String {
        let start = file.location(of: range.start)
        let end = file.location(of: range.end)
        let line = file.lineText(start.line).map { $0 == "\t" ? " " : $0 }
        let lineText = String(line)
        let width = lineText.count
        let startColumn = min(start.column, width + 1)
        let endColumn = end.line == start.line ? min(max(end.column, startColumn + 1), width + 1) : width + 1
        let number = String(start.line)
        let gutter = String(repeating: " ", count: number.count)
        let marker = String(repeating: " ", count: startColumn - 1) + "^"
            + String(repeating: "~", count: max(0, endColumn - startColumn - 1))
        return " \(number) | \(lineText)\n \(gutter) | \(paint(marker, .green))\n"
    }

    private enum Style: String {
        case bold = "1", red = "1;31", magenta = "1;35", cyan = "1;36", green = "1;32"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        useColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
