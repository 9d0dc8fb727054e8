import OtakCore
import Testing

@Suite struct ParserTests {
    func parse(_ source: String) -> (SchemaSyntax, [Diagnostic]) {
        let file = SourceFile(path: "t.otak", text: source)
        var diagnostics = DiagnosticCollector()
        let tokens = Lexer.tokenize(file, diagnostics: &diagnostics)
        let syntax = Parser.parse(tokens, diagnostics: &diagnostics)
        return (syntax, diagnostics.sorted)
    }

    func entity(_ body: String) -> EntityDeclaration? {
        let (syntax, diagnostics) = parse("entity E {\n\(body)\n}\n")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message.text))")
        guard case .entity(let entity)? = syntax.declarations.first else { return nil }
        return entity
    }

    func condition(_ text: String) -> ExpressionSyntax? {
        guard case .rule(let rule)? = entity("allow read: \(text)")?.members.first else { return nil }
        return rule.condition
    }

    @Test func declarations() {
        let (syntax, diagnostics) = parse("""
            app Shop
            enum Role { admin, staff customer }
            auth {
              entity User
              token 7d
            }
            entity User {}
            """)
        #expect(diagnostics.isEmpty)
        #expect(syntax.declarations.count == 4)
        guard case .enumeration(let roles) = syntax.declarations[1], case .auth(let auth) = syntax.declarations[2] else {
            Issue.record("unexpected declarations")
            return
        }
        #expect(roles.cases.map(\.name.name) == ["admin", "staff", "customer"])
        #expect(auth.entries.map(\.key.name) == ["entity", "token"])
        guard case .duration("7d") = auth.entries[1].value.kind else {
            Issue.record("token is not a duration")
            return
        }
    }

    @Test func fields() throws {
        let members = try #require(entity("""
              category Category? @onDelete(setNull)
              items [OrderItem]
              stock Int @default(0) @range(-5...)
            """)?.members)
        guard case .field(let category) = members[0], case .field(let items) = members[1],
              case .field(let stock) = members[2] else {
            Issue.record("expected three fields")
            return
        }
        #expect(category.type.name.name == "Category" && category.type.isOptional && !category.type.isList)
        #expect(items.type.isList && items.type.name.name == "OrderItem")
        #expect(stock.attributes.map(\.name.name) == ["default", "range"])
        #expect(stock.attributes[1].arguments.map { $0.map(SchemaFormatter.print) } == ["-5..."])
        #expect(category.range == SourceRange(start: 13, end: 50))
    }

    @Test func entityAttributesAndRules() throws {
        let members = try #require(entity("""
              @@unique(order, product)
              allow list, update(role, name): role(admin)
            """)?.members)
        guard case .attribute(let unique) = members[0], case .rule(let rule) = members[1] else {
            Issue.record("expected an attribute and a rule")
            return
        }
        #expect(unique.isEntityLevel && unique.arguments?.count == 2)
        #expect(rule.operations.map(\.name.name) == ["list", "update"])
        #expect(rule.operations[1].fields?.map(\.name) == ["role", "name"])
    }

    @Test func precedence() throws {
        let expression = try #require(condition("a || b && !c == .x"))
        guard case .binary(.or, _, let rhs) = expression.kind, case .binary(.and, _, let and) = rhs.kind,
              case .binary(.equal, let not, _) = and.kind, case .not = not.kind else {
            Issue.record("wrong tree: \(SchemaFormatter.print(expression))")
            return
        }
    }

    @Test func pathsAndParentheses() throws {
        let expression = try #require(condition("(owner && status == .pending) || order.customer == auth"))
        #expect(SchemaFormatter.print(expression) == "(owner && status == .pending) || order.customer == auth")
        guard case .binary(.or, let lhs, let rhs) = expression.kind, case .parenthesized = lhs.kind,
              case .binary(.equal, let path, _) = rhs.kind, case .member(_, let member) = path.kind else {
            Issue.record("wrong tree")
            return
        }
        #expect(member.name == "customer")
    }

    @Test func oneErrorPerBrokenMember() {
        let (syntax, diagnostics) = parse("""
            app A
            entity E {
              name
              price Decimal @range(0...
              ok String
              allow read public
            }
            entity F {
              title String
            }
            """)
        #expect(diagnostics.map(\.message.id) == ["expected-token", "expected-token", "expected-token"])
        guard case .entity(let e) = syntax.declarations[1] else { return }
        #expect(e.members.count == 4)
        #expect(syntax.declarations.count == 3)
    }

    @Test func missingBraceRecoversAtNextEntity() {
        let (syntax, diagnostics) = parse("entity E {\n  a String\n\nentity F {\n  b String\n}\n")
        #expect(diagnostics.map(\.message.id) == ["expected-closing-brace"])
        #expect(syntax.declarations.count == 2)
    }

    @Test func deepNestingIsBounded() {
        let deep = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        let (_, diagnostics) = parse("entity E {\n  allow read: \(deep)\n}\n")
        #expect(diagnostics.map(\.message.id) == ["expression-too-complex"])
        let bangs = String(repeating: "!", count: 100_000) + "a"
        #expect(parse("entity E {\n  allow read: \(bangs)\n}\n").1.map(\.message.id) == ["expression-too-complex"])
        let chain = Array(repeating: "a", count: 50_000).joined(separator: " || ")
        #expect(parse("entity E {\n  allow read: \(chain)\n}\n").1.map(\.message.id) == ["expression-too-complex"])
    }

    @Test func everyNodeHasARange() throws {
        let source = "entity Product {\n  allow read: order.customer == auth\n}\n"
        let (syntax, _) = parse(source)
        let file = SourceFile(path: "t.otak", text: source)
        guard case .entity(let entity) = syntax.declarations[0], case .rule(let rule) = entity.members[0] else {
            Issue.record("no rule")
            return
        }
        #expect(file.text(rule.condition.range) == "order.customer == auth")
        #expect(file.text(rule.range) == "allow read: order.customer == auth")
        #expect(file.text(entity.name.range) == "Product")
    }
}
