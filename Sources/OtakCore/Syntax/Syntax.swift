/// The syntax tree of one `.otak` file, as written: names are not resolved yet.
///
/// Every node carries the source range it was parsed from, and declarations carry their
/// comments so that `otak fmt` can print them again.
public struct SchemaSyntax: Sendable {
    public var declarations: [Declaration]
    /// Comments after the last declaration.
    public var trailingComments: [Comment]
}

/// Comments that belong to a declaration, a member or a list entry.
public struct CommentTrivia: Sendable, Equatable {
    /// Own-line comments before the node, and any comments found inside it.
    public var leading: [Comment] = []
    /// Comments after the node's last token, on the same line.
    public var trailing: [Comment] = []
    /// Whether an empty line separates the node (or its first comment) from what precedes it.
    public var hasBlankLineBefore = false
}

public struct Identifier: Sendable, Equatable {
    public var name: String
    public var range: SourceRange
}

public enum Declaration: Sendable {
    case app(AppDeclaration)
    case enumeration(EnumDeclaration)
    case auth(AuthDeclaration)
    case entity(EntityDeclaration)

    public var range: SourceRange {
        switch self {
        case .app(let declaration): declaration.range
        case .enumeration(let declaration): declaration.range
        case .auth(let declaration): declaration.range
        case .entity(let declaration): declaration.range
        }
    }
}

/// `app Shop`
public struct AppDeclaration: Sendable {
    public var name: Identifier
    public var range: SourceRange
    public var comments: CommentTrivia
}

/// `enum Role { admin staff customer }`
public struct EnumDeclaration: Sendable {
    public var name: Identifier
    public var cases: [EnumCaseSyntax]
    public var range: SourceRange
    public var comments: CommentTrivia
    /// Comments before the closing brace (leading) and after it (trailing).
    public var closingComments: CommentTrivia
}

public struct EnumCaseSyntax: Sendable {
    public var name: Identifier
    public var comments: CommentTrivia
}

/// `auth { entity User  identity email … }`
public struct AuthDeclaration: Sendable {
    public var keyword: SourceRange
    public var entries: [AuthEntrySyntax]
    public var range: SourceRange
    public var comments: CommentTrivia
    public var closingComments: CommentTrivia
}

/// One `key value` line of the auth block.
public struct AuthEntrySyntax: Sendable {
    public var key: Identifier
    public var value: ExpressionSyntax
    public var range: SourceRange
    public var comments: CommentTrivia
}

/// `entity Product { … }`
public struct EntityDeclaration: Sendable {
    public var name: Identifier
    public var members: [Member]
    public var range: SourceRange
    public var comments: CommentTrivia
    public var closingComments: CommentTrivia
}

public enum Member: Sendable {
    case field(FieldSyntax)
    /// An `@@attribute(...)` of the entity.
    case attribute(AttributeSyntax)
    case rule(RuleSyntax)

    public var comments: CommentTrivia {
        switch self {
        case .field(let field): field.comments
        case .attribute(let attribute): attribute.comments
        case .rule(let rule): rule.comments
        }
    }
}

/// `price Decimal @range(0...)`
public struct FieldSyntax: Sendable {
    public var name: Identifier
    public var type: TypeSyntax
    public var attributes: [AttributeSyntax]
    public var range: SourceRange
    public var comments: CommentTrivia
}

/// `String`, `Category?` or `[OrderItem]`.
public struct TypeSyntax: Sendable {
    public var name: Identifier
    public var isOptional: Bool
    public var isList: Bool
    public var range: SourceRange
}

/// `@length(1...100)` on a field or `@@index(name)` on an entity.
public struct AttributeSyntax: Sendable {
    public var name: Identifier
    /// `nil` when written without parentheses.
    public var arguments: [ExpressionSyntax]?
    public var isEntityLevel: Bool
    public var range: SourceRange
    public var comments: CommentTrivia

    /// Whether a syntax error left a hole in the arguments.
    public var containsError: Bool {
        arguments?.contains(where: \.containsError) ?? false
    }
}

/// `allow read, update(role): self || role(admin)`, or `deny all: auth.suspended`
public struct RuleSyntax: Sendable {
    public var keyword: SourceRange
    /// `deny` rather than `allow`.
    public var isDeny: Bool
    public var operations: [OperationSyntax]
    public var condition: ExpressionSyntax
    public var range: SourceRange
    public var comments: CommentTrivia
}

/// `read`, or `update(role, name)` for a field-level rule.
public struct OperationSyntax: Sendable {
    public var name: Identifier
    public var fields: [Identifier]?
    public var range: SourceRange
}
