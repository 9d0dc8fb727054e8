import OtakCore
import Testing

@Suite struct DiagnosticRendererTests {
    let message = Message(id: "test", "something is wrong")

    func render(_ source: String, _ range: SourceRange, color: Bool = false) -> String {
        let file = SourceFile(path: "f.otak", text: source)
        return DiagnosticRenderer(useColor: color).render(
            Diagnostic(.error, message, at: range, notes: [Note("see here", at: SourceRange(start: 0, end: 1))],
                       hints: ["try this"]), in: file)
    }

    @Test func caretUnderTheRange() {
        #expect(render("ab\n\tcd ef\n", SourceRange(start: 4, end: 6)) == """
            f.otak:2:2: error: something is wrong
             2 |  cd ef
               |  ^~
            f.otak:1:1: note: see here
             1 | ab
               | ^
              hint: try this

            """)
    }

    @Test func columnsCountScalarsNotBytes() {
        let output = render("é = x\n", SourceRange(start: 3, end: 4))
        #expect(output.hasPrefix("f.otak:1:3: error:"))
        #expect(output.contains(" 1 | é = x\n   |   ^\n"))
    }

    @Test func rangeOverSeveralLinesIsUnderlinedToTheLineEnd() {
        #expect(render("abc\ndef\n", SourceRange(start: 1, end: 6)).contains(" 1 | abc\n   |  ^~\n"))
    }

    @Test func longLinesAreCutToAWindow() {
        let line = String(repeating: "a", count: 10_000) + "BAD" + String(repeating: "b", count: 10_000)
        let output = render(line, SourceRange(start: 10_000, end: 10_003))
        let lines = output.split(separator: "\n")
        #expect(lines[0] == "f.otak:1:10001: error: something is wrong")
        #expect(lines[1].count < 200 && lines[1].hasPrefix(" 1 | …a") && lines[1].hasSuffix("b…"))
        let caret = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let bad = lines[1].range(of: "BAD").map { lines[1].distance(from: lines[1].startIndex, to: $0.lowerBound) }
        #expect(caret != nil && caret == bad)
        #expect(lines[2].hasSuffix("^~~"))
    }

    @Test func colour() {
        let output = render("ab\n", SourceRange(start: 0, end: 1), color: true)
        #expect(output.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(output.contains("\u{1B}[1;32mhint:\u{1B}[0m"))
    }
}
