/// Which declarations had syntax errors, so the checker can tell a real mistake from a
/// follow-on error: a field the parser had to skip would otherwise show up as "unknown field".
public struct SyntaxDamage: Sendable, Equatable {
    /// Names of entities and enums (and `auth`) whose declaration had a syntax error.
    public var declarations: Set<String> = []
    /// True when a whole declaration, or its name, may have been lost.
    public var mayMissDeclarations = false

    public static let none = SyntaxDamage()

    public init() {}

    /// Attributes each syntax error to the declaration it lies in.
    public init(_ syntax: SchemaSyntax, errors: [Diagnostic]) {
        for error in errors {
            let offset = error.range.start
            guard let declaration = syntax.declarations.first(where: { $0.range.start <= offset && offset <= $0.range.end }) else {
                mayMissDeclarations = true
                continue
            }
            switch declaration {
            case .app: break
            case .auth: declarations.insert("auth")
            case .enumeration(let enumeration): insert(enumeration.name.name)
            case .entity(let entity): insert(entity.name.name)
            }
        }
    }

    private mutating func insert(_ name: String) {
        if name.isEmpty { mayMissDeclarations = true } else { declarations.insert(name) }
    }

    public func isDamaged(_ name: String) -> Bool {
        declarations.contains(name)
    }
}
