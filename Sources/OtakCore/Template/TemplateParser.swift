/// Turns template bytes into nodes, dropping the lines that hold only a block tag.
struct TemplateParser {
    let file: SourceFile
    private var bytes: [UInt8] { file.bytes }
    private var errors: [Diagnostic] = []

    init(file: SourceFile) {
        self.file = file
    }

    private enum Tag {
        case variable([String])
        case open([String], inverted: Bool)
        case close([String])
        case partial(String)
        case comment
    }

    /// An open section while its body is being collected.
    private struct Frame {
        var path: [String]
        var inverted: Bool
        var range: SourceRange
        var nodes: [Template.Node] = []
    }

    mutating func parse() throws(TemplateError) -> [Template.Node] {
        var stack = [Frame(path: [], inverted: false, range: SourceRange(start: 0, end: 0))]
        var textStart = 0
        var cursor = 0

        func appendText(_ range: Range<Int>, to stack: inout [Frame]) {
            guard !range.isEmpty else { return }
            stack[stack.count - 1].nodes.append(.text(Array(bytes[range])))
        }

        while let open = find("{{", from: cursor) {
            guard let close = find("}}", from: open + 2) else {
                errors.append(Diagnostic(.error, .templateUnclosedTag, at: SourceRange(start: open, end: open + 2)))
                break
            }
            let range = SourceRange(start: open, end: close + 2)
            guard let tag = tag(contents: open + 2..<close, range: range) else {
                cursor = close + 2
                continue
            }
            // A block tag alone on its line removes the whole line.
            var textEnd = open
            var nextText = close + 2
            if case .variable = tag {} else if let line = standaloneLine(range) {
                textEnd = line.lowerBound
                nextText = line.upperBound
            }
            appendText(textStart..<textEnd, to: &stack)
            textStart = nextText
            cursor = close + 2

            switch tag {
            case .variable(let path):
                stack[stack.count - 1].nodes.append(.variable(path: path, range: range))
            case .open(let path, let inverted):
                stack.append(Frame(path: path, inverted: inverted, range: range))
            case .close(let path):
                guard stack.count > 1, stack[stack.count - 1].path == path else {
                    errors.append(Diagnostic(.error, .templateUnexpectedClose(path.joined(separator: ".")), at: range))
                    continue
                }
                let frame = stack.removeLast()
                stack[stack.count - 1].nodes.append(
                    .section(path: frame.path, inverted: frame.inverted, body: frame.nodes, range: frame.range))
            case .partial(let name):
                let indentation = Array(bytes[textEnd..<open])
                stack[stack.count - 1].nodes.append(.partial(name: name, indentation: indentation, range: range))
            case .comment:
                break
            }
        }
        appendText(textStart..<bytes.count, to: &stack)
        for frame in stack.dropFirst().reversed() {
            errors.append(Diagnostic(.error, .templateUnclosedSection(frame.path.joined(separator: ".")), at: frame.range))
        }
        if !errors.isEmpty {
            throw TemplateError(file, errors.sorted { $0.range.start < $1.range.start })
        }
        return stack[0].nodes
    }

    private mutating func tag(contents: Range<Int>, range: SourceRange) -> Tag? {
        var text = Substring(String(decoding: bytes[contents], as: UTF8.self))
        let sigil = text.first
        if let sigil, "#^/>!".contains(sigil) { text = text.dropFirst() }
        if sigil == "!" { return .comment }
        let name = text.trimmingWhitespace()
        guard !name.isEmpty else {
            errors.append(Diagnostic(.error, .templateEmptyTag, at: range))
            return nil
        }
        let path = name == "." ? ["."] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch sigil {
        case "#": return .open(path, inverted: false)
        case "^": return .open(path, inverted: true)
        case "/": return .close(path)
        case ">": return .partial(name)
        default: return .variable(path)
        }
    }

    /// The byte range of the tag's line, with its line break, when nothing but blanks shares it.
    private func standaloneLine(_ range: SourceRange) -> Range<Int>? {
        var start = range.start
        while start > 0, bytes[start - 1] == UInt8(ascii: " ") || bytes[start - 1] == UInt8(ascii: "\t") {
            start -= 1
        }
        guard start == 0 || bytes[start - 1] == UInt8(ascii: "\n") else { return nil }
        var end = range.end
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t")
            || bytes[end] == UInt8(ascii: "\r") {
            end += 1
        }
        if end == bytes.count { return start..<end }
        guard bytes[end] == UInt8(ascii: "\n") else { return nil }
        return start..<(end + 1)
    }

    private func find(_ needle: StaticString, from start: Int) -> Int? {
        let first = needle.utf8Start[0]
        let second = needle.utf8Start[1]
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == first, bytes[index + 1] == second { return index }
            index += 1
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\n" }.reversed())
    }
}
