/// Prints a syntax tree in Otak's one canonical layout (`otak fmt`).
///
/// - Two-space indentation, one blank line between declarations, at most one blank line
///   between members (where the author left one), none at the start or end of a block.
/// - Declarations, members and attributes keep the author's order.
/// - Consecutive fields are aligned in columns (name, type, attributes); consecutive
///   trailing comments are aligned too.
/// - Every comment is kept. A comment written inside a declaration's line moves to the
///   line above it.
public enum SchemaFormatter {
    public static let indent = "  "
    /// An enum whose cases fit in this many columns is printed on one line.
    public static let lineWidth = 100

    public static func format(_ schema: SchemaSyntax) -> String {
        var output = Output()
        for (position, declaration) in schema.declarations.enumerated() {
            if position > 0 { output.blankLine() }
            switch declaration {
            case .app(let app):
                output.comments(app.comments, indent: "")
                output.line("app \(app.name.name)", trailing: app.comments.trailing)
            case .enumeration(let declaration):
                format(declaration, into: &output)
            case .auth(let auth):
                output.comments(auth.comments, indent: "")
                output.line("auth {", trailing: auth.comments.trailing)
                output.rows(auth.entries.map { entry in
                    Row(cells: [entry.key.name, print(entry.value)], comments: entry.comments)
                }, indent: indent)
                output.close(auth.closingComments)
            case .entity(let entity):
                output.comments(entity.comments, indent: "")
                if entity.members.isEmpty, entity.closingComments.leading.isEmpty, entity.comments.trailing.isEmpty {
                    output.line("entity \(entity.name.name) {}", trailing: entity.closingComments.trailing)
                    continue
                }
                output.line("entity \(entity.name.name) {", trailing: entity.comments.trailing)
                output.rows(entity.members.map(row), indent: indent)
                output.close(entity.closingComments)
            }
        }
        if !schema.trailingComments.isEmpty {
            if !schema.declarations.isEmpty { output.blankLine() }
            output.comments(CommentTrivia(leading: schema.trailingComments), indent: "", first: schema.declarations.isEmpty)
        }
        return output.text
    }

    private static func format(_ declaration: EnumDeclaration, into output: inout Output) {
        output.comments(declaration.comments, indent: "")
        let names = declaration.cases.map(\.name.name)
        let hasComments = !declaration.closingComments.leading.isEmpty || !declaration.comments.trailing.isEmpty
            || declaration.cases.contains { !$0.comments.leading.isEmpty || !$0.comments.trailing.isEmpty }
        let oneLine = names.isEmpty
            ? "enum \(declaration.name.name) {}"
            : "enum \(declaration.name.name) { \(names.joined(separator: " ")) }"
        if !hasComments && oneLine.count <= lineWidth {
            output.line(oneLine, trailing: declaration.closingComments.trailing)
            return
        }
        output.line("enum \(declaration.name.name) {", trailing: declaration.comments.trailing)
        output.rows(declaration.cases.map { Row(cells: [$0.name.name], comments: $0.comments) }, indent: indent)
        output.close(declaration.closingComments)
    }

    private static func row(_ member: Member) -> Row {
        switch member {
        case .field(let field):
            var type = field.type.name.name
            if field.type.isList { type = "[\(type)]" }
            if field.type.isOptional { type += "?" }
            let attributes = field.attributes.map(print).joined(separator: " ")
            return Row(cells: [field.name.name, type] + (attributes.isEmpty ? [] : [attributes]),
                       comments: field.comments)
        case .attribute(let attribute):
            return Row(cells: [print(attribute)], comments: attribute.comments)
        case .rule(let rule):
            let operations = rule.operations.map { operation in
                operation.name.name + (operation.fields.map { "(" + $0.map(\.name).joined(separator: ", ") + ")" } ?? "")
            }
            let keyword = rule.isDeny ? "deny" : "allow"
            return Row(cells: ["\(keyword) \(operations.joined(separator: ", ")): \(print(rule.condition))"],
                       comments: rule.comments)
        }
    }

    static func print(_ attribute: AttributeSyntax) -> String {
        let marker = attribute.isEntityLevel ? "@@" : "@"
        guard let arguments = attribute.arguments else { return marker + attribute.name.name }
        return marker + attribute.name.name + "(" + arguments.map(print).joined(separator: ", ") + ")"
    }

    /// An expression with single spaces around binary operators and the author's parentheses.
    public static func print(_ expression: ExpressionSyntax) -> String {
        switch expression.kind {
        case .name(let name): name
        case .member(let base, let member): print(base) + "." + member.name
        case .enumCase(let name): "." + name.name
        case .call(let callee, let arguments): callee.name + "(" + arguments.map(print).joined(separator: ", ") + ")"
        case .method(let base, let name, let arguments):
            print(base) + "." + name.name + "(" + arguments.map(print).joined(separator: ", ") + ")"
        case .integer(let text), .decimal(let text), .duration(let text), .size(let text): text
        case .string(let value, let raw): raw ? "#\"\(value)\"#" : quoted(value)
        case .bool(let value): value ? "true" : "false"
        case .null: "nil"
        case .not(let operand): "!" + print(operand)
        case .negate(let operand): "-" + print(operand)
        case .binary(let op, let lhs, let rhs): print(lhs) + " " + op.rawValue + " " + print(rhs)
        case .parenthesized(let inner): "(" + print(inner) + ")"
        case .range(let lower, let upper): (lower.map(print) ?? "") + "..." + (upper.map(print) ?? "")
        case .error: ""
        }
    }

    private static func quoted(_ value: String) -> String {
        var result = "\""
        for character in value {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}

/// One line inside a block: cells separated by spaces. All cells but the last line up in
/// columns with the neighbouring rows (field names and types, auth keys).
private struct Row {
    var cells: [String]
    var comments: CommentTrivia
}

/// Accumulates the formatted lines.
private struct Output {
    private(set) var lines: [String] = []

    var text: String {
        lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    mutating func blankLine() {
        if let last = lines.last, !last.isEmpty { lines.append("") }
    }

    mutating func line(_ text: String, trailing: [Comment]) {
        lines.append(([text] + trailing.map(\.text)).joined(separator: " "))
    }

    /// Own-line comments before a node; `first` suppresses a blank line at the top of a block.
    mutating func comments(_ trivia: CommentTrivia, indent: String, first: Bool = false) {
        for (position, comment) in trivia.leading.enumerated() {
            if comment.hasBlankLineBefore, position > 0 || !first { blankLine() }
            lines.append(indent + comment.text)
        }
        if !trivia.leading.isEmpty, trivia.hasBlankLineBefore { blankLine() }
    }

    mutating func close(_ comments: CommentTrivia) {
        for comment in comments.leading {
            if comment.hasBlankLineBefore { blankLine() }
            lines.append(SchemaFormatter.indent + comment.text)
        }
        line("}", trailing: comments.trailing)
    }

    /// Prints rows in groups separated by the author's blank lines, aligning each group.
    mutating func rows(_ rows: [Row], indent: String) {
        var groups: [[Row]] = []
        for (position, row) in rows.enumerated() {
            let startsGroup = row.comments.leading.first?.hasBlankLineBefore ?? row.comments.hasBlankLineBefore
            if position == 0 || startsGroup { groups.append([]) }
            groups[groups.count - 1].append(row)
        }
        for (number, group) in groups.enumerated() {
            if number > 0 { blankLine() }
            var texts = alignedCells(group)
            alignTrailingComments(group, &texts)
            for (position, row) in group.enumerated() {
                comments(row.comments, indent: indent, first: position == 0)
                lines.append(indent + texts[position])
            }
        }
    }

    private func alignedCells(_ group: [Row]) -> [String] {
        var widths: [Int] = []
        for row in group {
            for (column, cell) in row.cells.dropLast().enumerated() {
                if column == widths.count { widths.append(0) }
                widths[column] = max(widths[column], cell.count)
            }
        }
        return group.map { row in
            row.cells.enumerated().map { column, cell in
                column == row.cells.count - 1 ? cell : padded(cell, to: widths[column])
            }.joined(separator: " ")
        }
    }

    /// Trailing comments on consecutive lines start in the same column.
    private func alignTrailingComments(_ group: [Row], _ texts: inout [String]) {
        var start = 0
        while start < group.count {
            guard !group[start].comments.trailing.isEmpty else {
                start += 1
                continue
            }
            var end = start
            while end + 1 < group.count, !group[end + 1].comments.trailing.isEmpty,
                  group[end + 1].comments.leading.isEmpty {
                end += 1
            }
            let width = texts[start...end].map(\.count).max() ?? 0
            for position in start...end {
                texts[position] = padded(texts[position], to: width) + " " + group[position].comments.trailing.map(\.text).joined(separator: " ")
            }
            start = end + 1
        }
    }

    private func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
