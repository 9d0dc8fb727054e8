/// Walks a template's nodes with a stack of values in scope.
struct TemplateRenderer {
    let library: TemplateLibrary
    private var depth = 0

    init(library: TemplateLibrary) {
        self.library = library
    }

    mutating func render(_ template: Template, scope: [TemplateValue]) throws(TemplateError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(32 * 1024)
        var scope = scope
        try render(template.nodes, of: template, scope: &scope, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends to a byte buffer: many small appends to a `String` cost more than the copying.
    private mutating func render(
        _ nodes: [Template.Node], of template: Template, scope: inout [TemplateValue], into output: inout [UInt8]
    ) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output += bytes
            case .variable(let path, let range):
                let value = try lookup(path, in: scope, template: template, range: range)
                guard case .text(let text) = value else {
                    throw TemplateError(template.file, .templateNotText(path.joined(separator: ".")), at: range)
                }
                output += text.utf8
            case .section(let path, let inverted, let body, let range):
                let value = try lookup(path, in: scope, template: template, range: range)
                if inverted {
                    if !value.isTruthy { try render(body, of: template, scope: &scope, into: &output) }
                } else if case .list(let items) = value {
                    for item in items { try render(body, of: template, scope: &scope, pushing: item, into: &output) }
                } else if value.isTruthy {
                    try render(body, of: template, scope: &scope, pushing: value, into: &output)
                }
            case .partial(let name, let indentation, let range):
                guard let partial = library.templates[name] ?? library.templates[name + ".mustache"] else {
                    throw TemplateError(template.file, .templateUnknownPartial(name), at: range)
                }
                guard depth < 32 else { throw TemplateError(template.file, .templateRecursion, at: range) }
                depth += 1
                defer { depth -= 1 }
                if indentation.isEmpty {
                    try render(partial.nodes, of: partial, scope: &scope, into: &output)
                } else {
                    var text: [UInt8] = []
                    try render(partial.nodes, of: partial, scope: &scope, into: &text)
                    indent(text, by: indentation, into: &output)
                }
            }
        }
    }

    private mutating func render(
        _ nodes: [Template.Node], of template: Template, scope: inout [TemplateValue], pushing value: TemplateValue,
        into output: inout [UInt8]
    ) throws(TemplateError) {
        scope.append(value)
        defer { scope.removeLast() }
        try render(nodes, of: template, scope: &scope, into: &output)
    }

    private func lookup(
        _ path: [String], in scope: [TemplateValue], template: Template, range: SourceRange
    ) throws(TemplateError) -> TemplateValue {
        func unknown() -> TemplateError {
            TemplateError(template.file, .templateUnknownName(path.joined(separator: ".")), at: range)
        }
        guard let first = path.first, let top = scope.last else { throw unknown() }
        var value: TemplateValue
        if first == "." {
            value = top
        } else if let found = scope.reversed().lazy.compactMap({ $0.field(first) }).first {
            value = found
        } else {
            throw unknown()
        }
        for name in path.dropFirst() {
            guard let next = value.field(name) else { throw unknown() }
            value = next
        }
        return value
    }

    /// Appends `text` with every non-empty line prefixed by `indentation`.
    private func indent(_ text: [UInt8], by indentation: [UInt8], into output: inout [UInt8]) {
        let newline = UInt8(ascii: "\n")
        var atLineStart = true
        for byte in text {
            if atLineStart, byte != newline { output += indentation }
            output.append(byte)
            atLineStart = byte == newline
        }
    }
}

extension TemplateValue {
    fileprivate func field(_ name: String) -> TemplateValue? {
        if case .object(let fields) = self { fields[name] } else { nil }
    }
}
