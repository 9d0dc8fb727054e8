import Foundation

/// Spelling of Swift types, literals and expressions in generated code.
enum SwiftCode {
    /// The Swift type of a stored field's value, without optionality.
    static func baseType(_ kind: FieldKind) -> String {
        switch kind {
        case .scalar(let scalar):
            switch scalar {
            case .string, .text, .password: "String"
            case .int: "Int"
            case .double: "Double"
            case .decimal: "Decimal"
            case .bool: "Bool"
            case .date: "CalendarDate"
            case .dateTime: "Date"
            case .uuid: "UUID"
            case .json: "JSONValue"
            case .file: "StoredFile"
            }
        case .enumeration(let name): name
        case .belongsTo, .hasMany, .manyToMany: "UUID"
        }
    }

    /// The type of a field in a record (the columns a write sets). A file is optional there even
    /// when required: a create's JSON object cannot hold it, and `validate` asks for it.
    static func type(_ field: Field) -> String {
        baseType(field.kind) + (field.isOptional || field.kind == .scalar(.file) ? "?" : "")
    }

    /// The type of a field in the row type responses show: `JSON` documents stay the text
    /// stored, copied into responses without being parsed.
    static func outputType(_ field: Field) -> String {
        switch field.kind {
        case .scalar(.json): "JSONText" + (field.isOptional ? "?" : "")
        case .scalar(.file): "StoredFile" + (field.isOptional ? "?" : "")
        default: type(field)
        }
    }

    /// A string literal; raw (`#"…"#`) when the text has backslashes or quotes and no control
    /// characters other than tabs.
    static func stringLiteral(_ text: String) -> String {
        let scan = LiteralScan(text)
        if !scan.hasControl, !scan.hasTab, !scan.hasQuoteOrBackslash { return "\"" + text + "\"" }
        if !scan.hasControl, scan.hasQuoteOrBackslash {
            // `"#…` would close the literal and `\#…` start an escape: use more `#` than either run.
            let hashes = String(repeating: "#", count: scan.longestHashRun + 1)
            return hashes + "\"" + text + "\"" + hashes
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A raw multi-line string literal (`#"""` … `"""#`) holding `text` exactly, for whole files:
    /// its lines stay lines; control characters other than new lines and tabs are escaped
    /// (a carriage return too, since a literal's line breaks always read as `\n`).
    static func multilineLiteral(_ text: String) -> String {
        let hashes = String(repeating: "#", count: LiteralScan(text).longestHashRun + 1)
        var body = text
        // Most files need no escape and are taken whole (a document can be megabytes).
        if text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x7F }) {
            body = ""
            for scalar in text.unicodeScalars {
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" || scalar.value == 0x7F {
                    body += "\\" + hashes + "u{\(String(scalar.value, radix: 16))}"
                } else {
                    body.unicodeScalars.append(scalar)
                }
            }
        }
        return hashes + "\"\"\"\n" + body + "\n\"\"\"" + hashes
    }

    /// What a string literal of a text must take care of, found in one pass over its bytes.
    private struct LiteralScan {
        var hasControl = false
        var hasTab = false
        var hasQuoteOrBackslash = false
        /// The longest run of `#` right after a quote or a backslash.
        var longestHashRun = 0

        init(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                var run: Int? = nil
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                        hasQuoteOrBackslash = true
                        run = 0
                        continue
                    case UInt8(ascii: "#"):
                        if let length = run {
                            run = length + 1
                            longestHashRun = max(longestHashRun, length + 1)
                        }
                        continue
                    case UInt8(ascii: "\t"): hasTab = true
                    case ..<0x20, 0x7F: hasControl = true
                    default: break
                    }
                    run = nil
                }
            }
        }
    }

    /// A numeric literal of a field's type, from its spelling in the schema (`0`, `0.01`).
    static func number(_ text: String, as kind: FieldKind) -> String {
        switch kind {
        case .scalar(.decimal):
            Int(text) != nil ? "Decimal(\(text))" : "Decimal(string: \"\(text)\")!"
        case .scalar(.double):
            text.contains(".") || text.contains("e") || text.contains("E") ? text : text + ".0"
        default:
            text
        }
    }

    /// The `SQLValue` binding a Swift value of a field's type.
    static func binding(_ expression: String, _ field: Field) -> String {
        let case_ = bindingCase(field.kind)
        guard field.isOptional || field.kind == .scalar(.file) else { return case_(expression) }
        return "\(expression).map { \(case_("$0")) } ?? .null"
    }

    private static func bindingCase(_ kind: FieldKind) -> (String) -> String {
        switch ColumnType(kind) {
        case .text:
            if case .enumeration = kind { return { ".text(\($0).rawValue)" } }
            return { ".text(\($0))" }
        case .integer, .sequence: return { ".integer(\($0))" }
        case .double: return { ".double(\($0))" }
        case .decimal: return { ".decimal(\($0))" }
        case .bool: return { ".bool(\($0))" }
        case .uuid: return { ".uuid(\($0))" }
        case .date: return { ".text(\($0).description)" }
        case .timestamp: return { ".timestamp(\($0))" }
        case .json, .file: return { ".text(\($0).text)" }
        }
    }

    /// The Swift expression of a `@default`, or `nil` when the field has none.
    static func defaultValue(_ field: Field) -> String? {
        guard let value = field.defaultValue else { return nil }
        switch value {
        case .string(let text): return stringLiteral(text)
        case .integer(let value): return number(String(value), as: field.kind)
        case .number(let text): return number(text, as: field.kind)
        case .bool(let flag): return flag ? "true" : "false"
        case .enumCase(let name): return "\(baseType(field.kind)).\(ReservedNames.swiftIdentifier(name))"
        case .now: return field.kind == .scalar(.date) ? "CalendarDate.today()" : "Timestamp.now()"
        case .json(let text): return jsonValue(text)
        }
    }

    /// A `JSONValue` expression for a JSON document checked by the checker.
    static func jsonValue(_ text: String) -> String {
        (try? JSONDecoder().decode(JSONDocument.self, from: Data(text.utf8)))?.swift ?? ".null"
    }
}

/// A JSON document read at generation time, to write it back as a `JSONValue` expression.
private enum JSONDocument: Decodable {
    case null, bool(Bool), integer(Int), double(Double), string(String)
    case array([JSONDocument]), object([String: JSONDocument])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONDocument].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONDocument].self))
        }
    }

    var swift: String {
        switch self {
        case .null: ".null"
        case .bool(let value): ".bool(\(value))"
        case .integer(let value): ".integer(\(value))"
        case .double(let value): ".double(\(value))"
        case .string(let value): ".string(\(SwiftCode.stringLiteral(value)))"
        case .array(let items): ".array([" + items.map(\.swift).joined(separator: ", ") + "])"
        case .object(let fields) where fields.isEmpty: ".object([:])"
        case .object(let fields):
            ".object([" + fields.keys.sorted().map { "\(SwiftCode.stringLiteral($0)): \(fields[$0]!.swift)" }
                .joined(separator: ", ") + "])"
        }
    }
}

/// The patterns behind `@email` and `@url`, shared by the server's validation and `openapi.json`
/// so that the two agree on every value.
enum FormatPatterns {
    /// A dot-atom local part (no leading, trailing or double dots) and a domain of
    /// letter-digit-hyphen labels: stricter than HTML's email inputs, as strict as RFC 5322's common form.
    static let email = #"^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$"#
    /// An absolute http or https URL: a host name or address, an optional port, then visible ASCII.
    static let url = #"^[hH][tT][tT][pP][sS]?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][!-~]*)?$"#
}
