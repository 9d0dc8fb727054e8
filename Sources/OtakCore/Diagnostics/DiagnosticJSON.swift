import Foundation

/// Diagnostics as JSON for editors and CI annotations (`--format json`).
///
/// One document per run: `{"diagnostics": [...]}` with 1-based lines and columns;
/// `endLine`/`endColumn` point just past the range.
public enum DiagnosticJSON {
    struct Document: Encodable {
        var diagnostics: [Entry]
    }

    struct Entry: Encodable {
        var file: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
        var severity: Severity
        var id: String
        var message: String
        var notes: [NoteEntry]
        var hints: [String]
    }

    struct NoteEntry: Encodable {
        var file: String
        var line: Int
        var column: Int
        var message: String
    }

    public static func encode(_ items: [(file: SourceFile, diagnostics: [Diagnostic])]) -> String {
        var entries: [Entry] = []
        for (file, diagnostics) in items {
            for diagnostic in diagnostics {
                let start = file.location(of: diagnostic.range.start)
                let end = file.location(of: diagnostic.range.end)
                entries.append(Entry(
                    file: file.path, line: start.line, column: start.column,
                    endLine: end.line, endColumn: end.column,
                    severity: diagnostic.severity, id: diagnostic.message.id, message: diagnostic.message.text,
                    notes: diagnostic.notes.map { note in
                        let at = file.location(of: note.range.start)
                        return NoteEntry(file: file.path, line: at.line, column: at.column, message: note.text)
                    },
                    hints: diagnostic.hints))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Document(diagnostics: entries))) ?? Data("{\"diagnostics\":[]}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
