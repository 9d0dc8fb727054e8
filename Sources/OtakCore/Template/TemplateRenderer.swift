/// Walks a template's nodes with a stack of values in scope.
struct TemplateRenderer {
    let library: TemplateLibrary
    private var depth = 0

    init(library: TemplateLibrary) {
        self.library = library
    }

    mutating func render(_ template: Template, scope: [TemplateValue]) throws(TemplateError) -> String {
        var output = ""
        try render(template.nodes, of: template, scope: scope, into: &output)
        return output
    }

    private mutating func render(
        _ nodes: [Template.Node], of template: Template, scope: [TemplateValue], into output: inout String
    ) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .variable(let path, let range):
                let value = try lookup(path, in: scope, template: template, range: range)
                guard case .text(let text) = value else {
                    throw TemplateError(template.file, .templateNotText(path.joined(separator: ".")), at: range)
                }
                output += text
            case .section(let path, let inverted, let body, let range):
                let value = try lookup(path, in: scope, template: template, range: range)
                if inverted {
                    if !value.isTruthy { try render(body, of: template, scope: scope, into: &output) }
                } else if case .list(let items) = value {
                    for item in items { try render(body, of: template, scope: scope + [item], into: &output) }
                } else if value.isTruthy {
                    try render(body, of: template, scope: scope + [value], into: &output)
                }
            case .partial(let name, let indentation, let range):
                guard let partial = library.templates[name] ?? library.templates[name + ".mustache"] else {
                    throw TemplateError(template.file, .templateUnknownPartial(name), at: range)
                }
                guard depth < 32 else { throw TemplateError(template.file, .templateRecursion, at: range) }
                depth += 1
                let text = try render(partial, scope: scope)
                depth -= 1
                output += indentation.isEmpty ? text : indent(text, by: indentation)
            }
        }
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

    /// Prefixes every non-empty line with `indentation`.
    private func indent(_ text: String, by indentation: String) -> String {
        var result = ""
        var atLineStart = true
        for character in text {
            if atLineStart, character != "\n" { result += indentation }
            result.append(character)
            atLineStart = character == "\n"
        }
        return result
    }
}

extension TemplateValue {
    fileprivate func field(_ name: String) -> TemplateValue? {
        if case .object(let fields) = self { fields[name] } else { nil }
    }
}
