import Foundation
import OtakCore
import Testing

/// The samples are the language's showcase: valid, warning-free and canonical.
@Suite struct SampleTests {
    static let files = TestSupport.sampleFiles()

    @Test func everySampleIsPresent() {
        let names = Self.files.map { $0.deletingPathExtension().lastPathComponent }
        #expect(names == ["chat", "hotel", "shop", "social", "teams"])
    }

    @Test(arguments: files)
    func sampleIsValidAndCanonical(_ url: URL) throws {
        let source = TestSupport.read(url)
        let result = Frontend.check(SourceFile(path: url.lastPathComponent, text: source))
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRenderer().render(result.diagnostics, in: result.file))")
        let syntax = try #require(result.syntax)
        #expect(SchemaFormatter.format(syntax) == source, "run 'otak fmt' on \(url.lastPathComponent)")
    }
}

/// Together the samples use every construct of the language.
@Suite struct SampleCoverageTests {
    /// Every construct name that appears in a syntax tree.
    static func constructs(_ syntax: SchemaSyntax) -> Set<String> {
        var found = Set<String>()
        func visit(_ expression: ExpressionSyntax) {
            switch expression.kind {
            case .name(let name): found.insert(name)
            case .member(let base, _):
                found.insert("path")
                visit(base)
            case .enumCase: found.insert(".case")
            case .call(let callee, let arguments):
                found.insert(callee.name + "()")
                arguments.forEach(visit)
            case .method(let base, let method, let arguments):
                found.insert("." + method.name + "()")
                visit(base)
                arguments.forEach(visit)
            case .null: found.insert("nil")
            case .not(let operand):
                found.insert("!")
                visit(operand)
            case .binary(let op, let lhs, let rhs):
                found.insert(op.rawValue)
                visit(lhs)
                visit(rhs)
            case .parenthesized(let inner):
                found.insert("()")
                visit(inner)
            default: break
            }
        }
        for declaration in syntax.declarations {
            switch declaration {
            case .app: found.insert("app")
            case .enumeration: found.insert("enum")
            case .auth(let auth): found.formUnion(auth.entries.map { "auth." + $0.key.name })
            case .entity(let entity):
                for member in entity.members {
                    switch member {
                    case .field(let field):
                        found.insert(field.type.isList ? "[T]" : field.type.name.name)
                        if field.type.isOptional { found.insert("T?") }
                        for attribute in field.attributes {
                            found.insert("@" + attribute.name.name)
                            attribute.arguments?.forEach(visit)
                        }
                    case .attribute(let attribute):
                        found.insert("@@" + attribute.name.name)
                        attribute.arguments?.forEach(visit)
                    case .rule(let rule):
                        if rule.isDeny { found.insert("deny") }
                        found.formUnion(rule.operations.map { $0.name.name + ($0.fields == nil ? "" : "(fields)") })
                        visit(rule.condition)
                    }
                }
            }
        }
        return found
    }

    @Test func samplesUseEveryConstruct() throws {
        var used = Set<String>()
        var comments = Set<String>()
        for url in TestSupport.sampleFiles() {
            let result = TestSupport.check(TestSupport.read(url))
            used.formUnion(Self.constructs(try #require(result.syntax)))
            comments.formUnion(TestSupport.read(url).contains("/*") ? ["/*"] : [])
            comments.formUnion(TestSupport.read(url).contains("//") ? ["//"] : [])
        }
        let required: Set<String> = [
            "app", "enum", "auth.entity", "auth.identity", "auth.password", "auth.role", "auth.token",
            "String", "Text", "Int", "Double", "Decimal", "Bool", "Date", "DateTime", "UUID", "JSON", "Password",
            "T?", "[T]", "@unique", "@default", "@length", "@range", "@pattern", "@email", "@url", "@readonly",
            "@hidden", "@owner", "@onDelete", "cascade", "restrict", "setNull", "@inverse",
            "@@index", "@@unique", "@@check", "list", "read", "create", "update", "delete", "update(fields)",
            "public", "authenticated", "role()", "owner", "self", "auth", "path", ".case", "nil",
            "==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", "()", ".any()", ".count()", "deny",
        ]
        #expect(required.subtracting(used).isEmpty, "unused: \(required.subtracting(used).sorted())")
        #expect(comments == ["//", "/*"])
    }
}
