/// Writes the OpenAPI 3.1 document of a generated server.
struct OpenAPIWriter {
    let schema: Schema

    func document() -> String {
        var paths: [(String, JSON)] = [
            ("/health", .object([("get", .object([("summary", .string("Checks the database")),
                                                  ("responses", .object([("200", .object([("description", .string("The database answers"))]))]))]))])),
        ]
        _ = paths.count
        paths.append(("/openapi.json", .object([])))
        let document = JSON.object([
            ("openapi", .string("3.1.0")),
            ("info", .object([("title", .string(schema.name)), ("version", .string("1.0.0"))])),
            ("paths", .object(paths)),
        ])
        return document.render() + "\n"
    }
}

/// A JSON value with ordered keys, rendered with two-space indentation.
indirect enum JSON {
    case string(String)
    case integer(Int)
    case number(String)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    func render(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text): return Self.quote(text)
        case .integer(let value): return String(value)
        case .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.render(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { inner + Self.quote($0.0) + ": " + $0.1.render(indent: inner) }.joined(separator: ",\n")
                + "\n\(indent)}"
        }
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
