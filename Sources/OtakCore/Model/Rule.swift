/// An operation a rule grants.
public enum RuleOperation: String, Sendable, Equatable, CaseIterable {
    case list, read, create, update, delete
}

/// `allow list, read: owner || role(admin)`, resolved and typed.
public struct Rule: Sendable, Equatable {
    public var operations: [RuleOperation]
    /// For a field-level rule (`allow update(role): …`), the fields it governs; empty otherwise.
    public var fields: [String]
    public var condition: RuleExpression
    /// `deny …`: where the condition holds, the operations are refused whatever `allow` says.
    public var isDeny: Bool = false
}

/// A typed boolean expression: a rule's condition, or a `@@check`.
public indirect enum RuleExpression: Sendable, Equatable {
    /// Anyone, signed in or not.
    case isPublic
    /// Any signed-in caller.
    case authenticated
    /// The caller is the row's `@owner` (the field named here).
    case isOwner(field: String)
    /// The row is the caller's own row (rules of the auth entity only).
    case isSelf
    /// The caller's role is one of these cases of the role enum.
    case hasRole([String])
    case not(RuleExpression)
    case and(RuleExpression, RuleExpression)
    case or(RuleExpression, RuleExpression)
    case compare(Operand, ComparisonOperator, Operand)
    /// A Bool field used as a condition (`active`, `product.active`).
    case isTrue(Operand)
    /// `workspace.members.any(user == auth)`: a condition over the rows of a list relation.
    case collection(CollectionPredicate)
}

/// `members.any(user == auth && role == .admin)`, `tags.all(public)`, `members.any()`.
public struct CollectionPredicate: Sendable, Equatable {
    public enum Quantifier: String, Sendable, Equatable {
        /// Some row meets the condition.
        case any
        /// Every row meets it (true of an empty list).
        case all
    }

    /// Belongs-to steps from the rule's entity, then the list field (`workspace.members`).
    public var path: FieldPath
    public var quantifier: Quantifier
    /// Over the list's entity; `nil` in `any()`: the list is not empty.
    public var condition: RuleExpression?
}

public enum ComparisonOperator: String, Sendable, Equatable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A value inside a rule or check.
public indirect enum Operand: Sendable, Equatable {
    /// A field of the row, possibly reached through belongs-to relations (`order.customer`).
    case field(FieldPath)
    /// The signed-in caller (compared with a belongs-to relation to the auth entity).
    case auth
    /// A field of the caller's row (`auth.role`), possibly through its relations.
    case authField(FieldPath)
    /// The current date and time.
    case now
    case literal(Literal)
    /// `tasks.count()`, `tasks.count(done)`: how many rows of a list relation (meet a condition).
    case count(FieldPath, RuleExpression?)
    /// `new.status`, `new.project.workspace`: a field of the row as an update would leave it
    /// (update rules only), possibly through its relations.
    case newField(FieldPath)
}

/// A chain of fields starting at some entity: every step but the last is a belongs-to relation.
public struct FieldPath: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var entity: String
        public var field: String
    }

    public var steps: [Step]

    /// `order.customer`
    public var description: String {
        steps.map(\.field).joined(separator: ".")
    }
}

public enum Literal: Sendable, Equatable {
    case integer(Int64)
    /// A decimal number as written.
    case number(String)
    case string(String)
    case bool(Bool)
    case enumCase(enum: String, case: String)
    case null
}

extension Literal {
    /// As a schema writes it (`.pending`, `"text"`, `nil`).
    public var text: String {
        switch self {
        case .integer(let value): String(value)
        case .number(let text): text
        case .string(let text): "\"" + String(text.flatMap { $0 == "\"" || $0 == "\\" ? ["\\", $0] : [$0] }) + "\""
        case .bool(let value): String(value)
        case .enumCase(_, let name): "." + name
        case .null: "nil"
        }
    }
}

extension RuleExpression {
    /// As a schema writes it: `owner || (role(admin) && status == .pending)`.
    public var source: String {
        switch self {
        case .isPublic: "public"
        case .authenticated: "authenticated"
        case .isOwner: "owner"
        case .isSelf: "self"
        case .hasRole(let roles): "role(" + roles.joined(separator: ", ") + ")"
        case .not(let inner): "!" + inner.operandSource
        case .and(let lhs, let rhs): [lhs, rhs].map { if case .or = $0 { "(\($0.source))" } else { $0.source } }.joined(separator: " && ")
        case .or(let lhs, let rhs): lhs.source + " || " + rhs.source
        case .compare(let lhs, let op, let rhs): lhs.source + " " + op.rawValue + " " + rhs.source
        case .isTrue(let operand): operand.source
        case .collection(let predicate):
            predicate.path.description + "." + predicate.quantifier.rawValue + "(" + (predicate.condition?.source ?? "") + ")"
        }
    }

    /// In parentheses when it is made of operators.
    private var operandSource: String {
        switch self {
        case .and, .or, .compare: "(" + source + ")"
        default: source
        }
    }
}

extension Operand {
    /// As a schema writes it: `order.customer`, `auth.role`, `new.status`, `tasks.count(done)`.
    public var source: String {
        switch self {
        case .field(let path): path.description
        case .auth: "auth"
        case .authField(let path): "auth." + path.description
        case .now: "now"
        case .literal(let literal): literal.text
        case .count(let path, let condition): path.description + ".count(" + (condition?.source ?? "") + ")"
        case .newField(let path): "new." + path.description
        }
    }
}
