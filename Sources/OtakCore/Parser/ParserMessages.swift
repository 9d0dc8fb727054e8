/// The parser's diagnostics, in alphabetical order.
extension Message {
    static let chainedComparison = Message(id: "chained-comparison", "comparisons cannot be chained")
    static func expected(_ what: String, after: String) -> Message {
        Message(id: "expected-token", "expected \(what) after \(after)")
    }
    static func expectedClosingBrace(_ what: String) -> Message {
        Message(id: "expected-closing-brace", "expected '}' to close \(what)")
    }
    static let expectedDeclaration = Message(
        id: "expected-declaration", "expected a declaration: 'app', 'enum', 'auth' or 'entity'")
    static let expectedExpression = Message(id: "expected-expression", "expected an expression")
    static func expectedMember(found: String) -> Message {
        Message(id: "expected-member", "expected a field, an '@@' attribute or an 'allow' rule, found \(found)")
    }
    static let expectedOperation = Message(
        id: "expected-operation", "expected an operation: list, read, create, update or delete")
    static let expressionTooComplex = Message(
        id: "expression-too-complex", "expression is too complex (more than 64 levels or 256 operators)")
    static let halfOpenRange = Message(id: "half-open-range", "'..<' is not supported; ranges are closed")
    static func unexpected(_ found: String, after: String) -> Message {
        Message(id: "unexpected-token", "unexpected \(found) after \(after)")
    }
}
