/// Builds a `SchemaSyntax` from tokens.
///
/// A hand-written recursive-descent parser. After an error it skips to the next line (or
/// the next declaration) and reports nothing more until then, so that one mistake gives
/// one diagnostic. It always makes progress and bounds the depth of expressions, so no
/// input can make it hang or overflow the stack.
public struct Parser {
    private let tokens: [Token]
    private var index = 0
    private var diagnostics: DiagnosticCollector
    /// Set by the first error in a declaration or member; silences errors until the next one.
    private var isRecovering = false
    private var expressionDepth = 0
    private var expressionOperators = 0

    static let maximumExpressionDepth = 64
    static let maximumExpressionOperators = 256

    private init(tokens: [Token], diagnostics: DiagnosticCollector) {
        self.tokens = tokens
        self.diagnostics = diagnostics
    }

    /// Parses a whole file. `tokens` must end with `.endOfFile`, as `Lexer.tokenize` returns.
    public static func parse(_ tokens: [Token], diagnostics: inout DiagnosticCollector) -> SchemaSyntax {
        var parser = Parser(tokens: tokens, diagnostics: diagnostics)
        let schema = parser.parseSchema()
        diagnostics = parser.diagnostics
        return schema
    }

    // MARK: Declarations

    private mutating func parseSchema() -> SchemaSyntax {
        var declarations: [Declaration] = []
        while !at(.endOfFile) && !diagnostics.isFull {
            isRecovering = false
            if current.is("app") {
                declarations.append(.app(parseApp()))
            } else if current.is("enum") {
                declarations.append(.enumeration(parseEnum()))
            } else if current.is("auth") {
                declarations.append(.auth(parseAuth()))
            } else if current.is("entity") {
                declarations.append(.entity(parseEntity()))
            } else {
                var hints: [String] = []
                if current.kind == .identifier, peek(1).kind == .identifier || peek(1).kind == .leftBracket {
                    hints.append("fields belong inside an entity: entity Name { \(current.value) … }")
                }
                error(.expectedDeclaration, at: current.range, hints: hints)
                skipToDeclaration()
            }
        }
        return SchemaSyntax(declarations: declarations, trailingComments: tokens[tokens.count - 1].leadingComments)
    }

    private mutating func parseApp() -> AppDeclaration {
        let start = index
        advance()
        let name = expectName(after: "'app'")
        finishLine(after: "the app name")
        return AppDeclaration(
            name: name, range: tokens[start].range.joined(name.range), comments: trivia(start, previousIndex))
    }

    private mutating func parseEnum() -> EnumDeclaration {
        let start = index
        advance()
        let name = expectName(after: "'enum'")
        var cases: [EnumCaseSyntax] = []
        guard let open = expectOpenBrace(after: "the enum name") else {
            return EnumDeclaration(name: name, cases: [], range: tokens[start].range.joined(name.range),
                                   comments: trivia(start, previousIndex), closingComments: CommentTrivia())
        }
        let comments = trivia(start, open)
        while !at(.rightBrace) && !at(.endOfFile) && !startsDeclaration() {
            isRecovering = false
            if at(.identifier) {
                let caseIndex = index
                advance()
                var caseComments = trivia(caseIndex, caseIndex)
                if at(.comma) {
                    caseComments.trailing += current.leadingComments + current.trailingComments
                    advance()
                }
                cases.append(EnumCaseSyntax(
                    name: Identifier(name: tokens[caseIndex].value, range: tokens[caseIndex].range),
                    comments: caseComments))
            } else {
                error(.expected("a case name", after: "'{'"), at: current.range)
                advance()
            }
        }
        let (end, closing) = closeBrace(of: "enum '\(name.name)'", openedAt: open)
        return EnumDeclaration(name: name, cases: cases, range: tokens[start].range.joined(end),
                               comments: comments, closingComments: closing)
    }

    private mutating func parseAuth() -> AuthDeclaration {
        let start = index
        advance()
        guard let open = expectOpenBrace(after: "'auth'") else {
            return AuthDeclaration(keyword: tokens[start].range, entries: [], range: tokens[start].range,
                                   comments: trivia(start, previousIndex), closingComments: CommentTrivia())
        }
        let comments = trivia(start, open)
        var entries: [AuthEntrySyntax] = []
        while !at(.rightBrace) && !at(.endOfFile) && !startsDeclaration() {
            isRecovering = false
            let entryStart = index
            guard at(.identifier) else {
                error(.expected("a setting such as 'entity User'", after: "'auth {'"), at: current.range)
                skipLine()
                continue
            }
            let key = Identifier(name: current.value, range: current.range)
            advance()
            var value: ExpressionSyntax
            if current.isAtStartOfLine || at(.rightBrace) || at(.endOfFile) {
                error(.expected("a value", after: "'\(key.name)'"), at: key.range.after)
                value = ExpressionSyntax(.error, key.range.after)
            } else {
                value = parseExpression()
            }
            finishLine(after: "the '\(key.name)' setting")
            if isRecovering { value = ExpressionSyntax(.error, value.range) }
            entries.append(AuthEntrySyntax(key: key, value: value, range: key.range.joined(value.range),
                                           comments: trivia(entryStart, previousIndex)))
        }
        let (end, closing) = closeBrace(of: "the auth block", openedAt: open)
        return AuthDeclaration(keyword: tokens[start].range, entries: entries,
                               range: tokens[start].range.joined(end), comments: comments, closingComments: closing)
    }

    private mutating func parseEntity() -> EntityDeclaration {
        let start = index
        advance()
        let name = expectName(after: "'entity'")
        guard let open = expectOpenBrace(after: "the entity name") else {
            return EntityDeclaration(name: name, members: [], range: tokens[start].range.joined(name.range),
                                     comments: trivia(start, previousIndex), closingComments: CommentTrivia())
        }
        let comments = trivia(start, open)
        var members: [Member] = []
        while !at(.rightBrace) && !at(.endOfFile) && !startsDeclaration() && !diagnostics.isFull {
            isRecovering = false
            if current.is("allow") || current.is("deny") {
                members.append(.rule(parseRule()))
            } else if at(.atAt) {
                let memberStart = index
                var attribute = parseAttribute()
                finishLine(after: "the attribute")
                attribute.comments = trivia(memberStart, previousIndex)
                members.append(.attribute(attribute))
            } else if at(.identifier) {
                members.append(.field(parseField()))
            } else {
                error(.expectedMember(found: current.kind.spelling), at: current.range)
                skipLine()
            }
        }
        let (end, closing) = closeBrace(of: "entity '\(name.name)'", openedAt: open)
        return EntityDeclaration(name: name, members: members, range: tokens[start].range.joined(end),
                                 comments: comments, closingComments: closing)
    }

    // MARK: Members

    private mutating func parseField() -> FieldSyntax {
        let start = index
        let name = Identifier(name: current.value, range: current.range)
        advance()
        let type: TypeSyntax
        if current.isAtStartOfLine || !(at(.identifier) || at(.leftBracket)) {
            error(.expected("a type", after: "'\(name.name)'"), at: name.range.after,
                  hints: ["a field is a name and a type: \(name.name) String"])
            type = TypeSyntax(name: Identifier(name: "", range: name.range.after), isOptional: false,
                              isList: false, range: name.range.after)
        } else {
            type = parseType()
        }
        var attributes: [AttributeSyntax] = []
        while at(.at) && !diagnostics.isFull {
            attributes.append(parseAttribute())
        }
        finishLine(after: "field '\(name.name)'")
        let end = attributes.last?.range ?? type.range
        return FieldSyntax(name: name, type: type, attributes: attributes, range: name.range.joined(end),
                           comments: trivia(start, previousIndex))
    }

    private mutating func parseType() -> TypeSyntax {
        let start = current.range
        if at(.leftBracket) {
            advance()
            let name = expectName(after: "'['")
            var end = name.range
            if at(.rightBracket) {
                end = current.range
                advance()
            } else {
                error(.expected("']'", after: "the element type"), at: name.range.after)
            }
            var isOptional = false
            if at(.question) {
                isOptional = true
                end = current.range
                advance()
            }
            return TypeSyntax(name: name, isOptional: isOptional, isList: true, range: start.joined(end))
        }
        let name = Identifier(name: current.value, range: current.range)
        advance()
        if at(.question) {
            let end = current.range
            advance()
            return TypeSyntax(name: name, isOptional: true, isList: false, range: start.joined(end))
        }
        return TypeSyntax(name: name, isOptional: false, isList: false, range: name.range)
    }

    /// `@name`, `@name(args)`, `@@name(args)`.
    private mutating func parseAttribute() -> AttributeSyntax {
        let marker = current
        let wasRecovering = isRecovering
        advance()
        let name = expectName(after: "'\(marker.kind == .atAt ? "@@" : "@")'")
        var arguments: [ExpressionSyntax]?
        var end = name.range
        if at(.leftParen) && !current.isAtStartOfLine {
            let open = current.range
            advance()
            var list: [ExpressionSyntax] = []
            while !at(.rightParen) && !at(.endOfFile) && !current.isAtStartOfLine {
                list.append(parseArgument())
                if !at(.comma) { break }
                advance()
            }
            if at(.rightParen) {
                end = current.range
                advance()
            } else {
                error(.expected("')'", after: "the arguments of '\(name.name)'"), at: previousRange.after,
                      notes: [Note("'(' opened here", at: open)])
                end = previousRange
            }
            arguments = list
        }
        if isRecovering && !wasRecovering {
            arguments = (arguments ?? []) + [ExpressionSyntax(.error, previousRange.after)]
        }
        return AttributeSyntax(name: name, arguments: arguments, isEntityLevel: marker.kind == .atAt,
                               range: marker.range.joined(end), comments: CommentTrivia())
    }

    /// An attribute argument: an expression or a range (`1...100`, `0...`, `...72`).
    private mutating func parseArgument() -> ExpressionSyntax {
        startExpression()
        if at(.closedRange) {
            let start = current.range
            advance()
            let upper = parseUnary()
            return ExpressionSyntax(.range(nil, upper), start.joined(upper.range))
        }
        let lower = parseOr()
        if at(.halfOpenRange) {
            error(.halfOpenRange, at: current.range, hints: ["write '\(rangeHint(lower))' for an inclusive range"])
        }
        guard at(.closedRange) || at(.halfOpenRange) else { return lower }
        let operatorRange = current.range
        advance()
        if at(.rightParen) || at(.comma) || current.isAtStartOfLine {
            return ExpressionSyntax(.range(lower, nil), lower.range.joined(operatorRange))
        }
        let upper = parseUnary()
        return ExpressionSyntax(.range(lower, upper), lower.range.joined(upper.range))
    }

    private func rangeHint(_ lower: ExpressionSyntax) -> String {
        if case .integer(let value) = lower.kind { return "\(value)...N" }
        return "a...b"
    }

    /// `allow list, read, update(role): expression`
    private mutating func parseRule() -> RuleSyntax {
        let start = index
        let keyword = current.range
        let isDeny = current.is("deny")
        advance()
        var operations: [OperationSyntax] = []
        repeat {
            guard at(.identifier) && !current.isAtStartOfLine else {
                error(.expectedOperation, at: at(.identifier) ? previousRange.after : current.range)
                break
            }
            let name = Identifier(name: current.value, range: current.range)
            advance()
            var fields: [Identifier]?
            var end = name.range
            if at(.leftParen) {
                advance()
                var list: [Identifier] = []
                while at(.identifier) {
                    list.append(Identifier(name: current.value, range: current.range))
                    advance()
                    if !at(.comma) { break }
                    advance()
                }
                if at(.rightParen) {
                    end = current.range
                    advance()
                } else {
                    error(.expected("a field name or ')'", after: "'\(name.name)('"), at: current.range)
                }
                fields = list
            }
            operations.append(OperationSyntax(name: name, fields: fields, range: name.range.joined(end)))
        } while consume(.comma)
        var condition = ExpressionSyntax(.error, previousRange.after)
        if at(.colon) {
            advance()
            condition = parseExpression()
        } else {
            error(.expected("':'", after: "the operations of the rule"), at: previousRange.after,
                  hints: ["a rule reads: allow read, update: owner || role(admin)"])
        }
        finishLine(after: "the rule")
        if isRecovering { condition = ExpressionSyntax(.error, condition.range) }
        return RuleSyntax(keyword: keyword, isDeny: isDeny, operations: operations, condition: condition,
                          range: keyword.joined(condition.range), comments: trivia(start, previousIndex))
    }

    // MARK: Expressions

    /// Parses `||` over `&&` over one comparison over unary `!` and `-`.
    private mutating func parseExpression() -> ExpressionSyntax {
        startExpression()
        return parseOr()
    }

    /// Resets the limits that `countOperator` and `enterNesting` enforce per expression.
    private mutating func startExpression() {
        expressionDepth = 0
        expressionOperators = 0
    }

    private mutating func parseOr() -> ExpressionSyntax {
        parseChain(of: .or, token: .pipePipe) { $0.parseAnd() }
    }

    private mutating func parseAnd() -> ExpressionSyntax {
        parseChain(of: .and, token: .ampAmp) { $0.parseComparison() }
    }

    /// `operand (op operand)*`, grouped to the left.
    private mutating func parseChain(of op: BinaryOperator, token: TokenKind,
                                     operand: (inout Parser) -> ExpressionSyntax) -> ExpressionSyntax {
        var lhs = operand(&self)
        while at(token), countOperator() {
            advance()
            let rhs = operand(&self)
            lhs = ExpressionSyntax(.binary(op, lhs, rhs), lhs.range.joined(rhs.range))
        }
        return lhs
    }

    private mutating func parseComparison() -> ExpressionSyntax {
        let lhs = parseUnary()
        guard let op = comparisonOperator(current.kind), countOperator() else { return lhs }
        advance()
        let rhs = parseUnary()
        let result = ExpressionSyntax(.binary(op, lhs, rhs), lhs.range.joined(rhs.range))
        if comparisonOperator(current.kind) != nil {
            error(.chainedComparison, at: current.range, hints: ["combine comparisons with '&&'"])
            skipLine()
        }
        return result
    }

    private mutating func parseUnary() -> ExpressionSyntax {
        var prefixes: [Token] = []
        while at(.bang) || at(.minus) {
            prefixes.append(current)
            advance()
            guard countOperator() else { return ExpressionSyntax(.error, prefixes[0].range) }
        }
        var operand = parsePostfix()
        for prefix in prefixes.reversed() {
            let range = prefix.range.joined(operand.range)
            operand = ExpressionSyntax(prefix.kind == .bang ? .not(operand) : .negate(operand), range)
        }
        return operand
    }

    private mutating func parsePostfix() -> ExpressionSyntax {
        var base = parsePrimary()
        while at(.dot) && peek(1).kind == .identifier && countOperator() {
            advance()
            let member = Identifier(name: current.value, range: current.range)
            advance()
            if at(.leftParen) && !current.isAtStartOfLine {
                guard let (arguments, end) = parseArguments(of: member) else { return ExpressionSyntax(.error, base.range) }
                base = ExpressionSyntax(.method(base, member, arguments), base.range.joined(end))
            } else {
                base = ExpressionSyntax(.member(base, member), base.range.joined(member.range))
            }
        }
        return base
    }

    /// `(a, b)` after a function or method name, at `(`; `nil` when nested too deeply.
    private mutating func parseArguments(of name: Identifier) -> ([ExpressionSyntax], SourceRange)? {
        let open = current.range
        advance()
        guard enterNesting(at: open) else { return nil }
        var arguments: [ExpressionSyntax] = []
        while !at(.rightParen) && !at(.endOfFile) && !at(.rightBrace) {
            arguments.append(parseOr())
            if !consume(.comma) { break }
        }
        expressionDepth -= 1
        var end = previousRange
        if at(.rightParen) {
            end = current.range
            advance()
        } else {
            error(.expected("')'", after: "the arguments of '\(name.name)'"), at: previousRange.after,
                  notes: [Note("'(' opened here", at: open)])
        }
        return (arguments, end)
    }

    private mutating func parsePrimary() -> ExpressionSyntax {
        let token = current
        switch token.kind {
        case .identifier:
            advance()
            switch token.value {
            case "true": return ExpressionSyntax(.bool(true), token.range)
            case "false": return ExpressionSyntax(.bool(false), token.range)
            case "nil": return ExpressionSyntax(.null, token.range)
            default: break
            }
            let name = Identifier(name: token.value, range: token.range)
            guard at(.leftParen) else { return ExpressionSyntax(.name(token.value), token.range) }
            guard let (arguments, end) = parseArguments(of: name) else { return ExpressionSyntax(.error, token.range) }
            return ExpressionSyntax(.call(name, arguments), token.range.joined(end))
        case .dot where peek(1).kind == .identifier:
            advance()
            let name = Identifier(name: current.value, range: current.range)
            advance()
            return ExpressionSyntax(.enumCase(name), token.range.joined(name.range))
        case .integer:
            advance()
            return ExpressionSyntax(.integer(token.value), token.range)
        case .decimal:
            advance()
            return ExpressionSyntax(.decimal(token.value), token.range)
        case .duration:
            advance()
            return ExpressionSyntax(.duration(token.value), token.range)
        case .size:
            advance()
            return ExpressionSyntax(.size(token.value), token.range)
        case .string, .rawString:
            advance()
            return ExpressionSyntax(.string(token.value, raw: token.kind == .rawString), token.range)
        case .leftParen:
            advance()
            guard enterNesting(at: token.range) else { return ExpressionSyntax(.error, token.range) }
            let inner = parseOr()
            expressionDepth -= 1
            guard at(.rightParen) else {
                error(.expected("')'", after: "the expression"), at: inner.range.after,
                      notes: [Note("'(' opened here", at: token.range)])
                return ExpressionSyntax(.parenthesized(inner), token.range.joined(inner.range))
            }
            let end = current.range
            advance()
            return ExpressionSyntax(.parenthesized(inner), token.range.joined(end))
        default:
            let missing = token.isAtStartOfLine || [.rightBrace, .endOfFile].contains(token.kind)
            // `@@unique([a, b])`, as Prisma writes it.
            let hints = token.kind == .leftBracket
                ? ["the schema language has no list literals: write the items without brackets, as in @@unique(a, b)"] : []
            error(.expectedExpression, at: missing ? previousRange.after : token.range, hints: hints)
            if ![.rightParen, .rightBrace, .comma, .endOfFile].contains(token.kind) && !token.isAtStartOfLine {
                advance()
            }
            return ExpressionSyntax(.error, token.range)
        }
    }

    private func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .equalEqual: .equal
        case .bangEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessOrEqual
        case .greater: .greater
        case .greaterEqual: .greaterOrEqual
        default: nil
        }
    }

    /// Counts one operator; false (after one diagnostic) when the expression has too many.
    private mutating func countOperator() -> Bool {
        expressionOperators += 1
        guard expressionOperators <= Self.maximumExpressionOperators else {
            error(.expressionTooComplex, at: current.range, hints: ["split the rule into several 'allow' rules"])
            skipLine()
            return false
        }
        return true
    }

    private mutating func enterNesting(at range: SourceRange) -> Bool {
        expressionDepth += 1
        guard expressionDepth <= Self.maximumExpressionDepth else {
            expressionDepth -= 1
            error(.expressionTooComplex, at: range)
            skipLine()
            return false
        }
        return true
    }

    // MARK: Tokens

    private var current: Token { tokens[index] }
    private var previousIndex: Int { max(0, index - 1) }
    private var previousRange: SourceRange { tokens[previousIndex].range }

    private func peek(_ distance: Int) -> Token {
        tokens[min(index + distance, tokens.count - 1)]
    }

    private func at(_ kind: TokenKind) -> Bool {
        current.kind == kind
    }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private mutating func consume(_ kind: TokenKind) -> Bool {
        guard at(kind) else { return false }
        advance()
        return true
    }

    private mutating func expectName(after what: String) -> Identifier {
        guard at(.identifier) && !current.isAtStartOfLine else {
            error(.expected("a name", after: what), at: previousRange.after)
            return Identifier(name: "", range: previousRange.after)
        }
        let name = Identifier(name: current.value, range: current.range)
        advance()
        return name
    }

    /// Consumes `{` and returns its token index, or reports and skips to the next declaration.
    private mutating func expectOpenBrace(after what: String) -> Int? {
        guard at(.leftBrace) else {
            error(.expected("'{'", after: what), at: previousRange.after)
            skipToDeclaration()
            return nil
        }
        advance()
        return previousIndex
    }

    /// Consumes the `}` closing a block, returning its range and the comments before and after it.
    private mutating func closeBrace(of what: String, openedAt open: Int) -> (SourceRange, CommentTrivia) {
        isRecovering = false
        guard at(.rightBrace) else {
            error(.expectedClosingBrace(what), at: previousRange.after,
                  notes: [Note("'{' opened here", at: tokens[open].range)])
            return (previousRange, CommentTrivia())
        }
        let brace = current
        advance()
        finishLine(after: "'}'")
        return (brace.range, CommentTrivia(leading: brace.leadingComments, trailing: brace.trailingComments))
    }

    /// Whether the current token starts a new top-level declaration (used to recover from a missing `}`).
    private func startsDeclaration() -> Bool {
        guard current.isAtStartOfLine, current.kind == .identifier else { return false }
        switch current.value {
        case "entity", "enum": return peek(1).kind == .identifier && peek(2).kind == .leftBrace
        case "auth": return peek(1).kind == .leftBrace
        default: return false
        }
    }

    /// Reports anything left on the current line.
    private mutating func finishLine(after what: String) {
        guard !current.isAtStartOfLine, !at(.endOfFile), !at(.rightBrace) else { return }
        // `members?[user == auth]`, as ZenStack writes a condition on a list.
        let hint = at(.question) && peek(1).kind == .leftBracket
            ? "a condition on a list's rows is written members.any(user == auth) (or all(…))"
            : "put each declaration on its own line"
        error(.unexpected([.string, .rawString, .endOfFile].contains(current.kind) ? current.kind.spelling : "'\(current.value)'",
                          after: what),
              at: current.range, hints: [hint])
        skipLine()
    }

    /// Skips to the start of the next line, or to a `}` that closes the enclosing block.
    private mutating func skipLine() {
        var depth = 0
        repeat {
            if at(.endOfFile) { return }
            if at(.leftBrace) { depth += 1 }
            if at(.rightBrace) {
                if depth == 0 { return }
                depth -= 1
            }
            advance()
        } while !current.isAtStartOfLine || depth > 0
    }

    /// Skips to the next line that starts a top-level declaration.
    private mutating func skipToDeclaration() {
        repeat {
            advance()
        } while !at(.endOfFile) && !(current.isAtStartOfLine && ["app", "enum", "auth", "entity"].contains(current.value)
                                     && current.kind == .identifier)
    }

    /// Reports the first error of a declaration or member. An error at an `.invalid` token
    /// stays silent: the lexer has already reported that token.
    private mutating func error(_ message: Message, at range: SourceRange, notes: [Note] = [], hints: [String] = []) {
        guard !isRecovering else { return }
        isRecovering = true
        guard current.kind != .invalid else { return }
        diagnostics.error(message, at: range, notes: notes, hints: hints)
    }

    /// The comments of the node spanning tokens `first...last`: comments inside it are moved before it.
    private func trivia(_ first: Int, _ last: Int) -> CommentTrivia {
        let last = max(first, last)
        var leading = tokens[first].leadingComments
        for position in first...last {
            if position > first { leading += tokens[position].leadingComments }
            if position < last { leading += tokens[position].trailingComments }
        }
        return CommentTrivia(leading: leading, trailing: tokens[last].trailingComments,
                             hasBlankLineBefore: tokens[first].hasBlankLineBefore)
    }
}
