import Foundation
import Testing

@testable import OtakCore

/// Each rule form compiled to Swift and SQL, pinned by `Rules/rules.expected` (rewrite with
/// `OTAK_UPDATE_GOLDEN=1 swift test` and review the diff like code). The SQL of a rule is one
/// text for both dialects: it uses only what SQLite and PostgreSQL both accept, and `?` marks
/// the parameters that the generated `SQLBuilder` numbers for each (`?1`, `$1`).
@Suite struct RuleWriterTests {
    static let directory = TestSupport.testsDirectory.appendingPathComponent("Rules")

    @Test func everyRuleForm() throws {
        let source = TestSupport.read(Self.directory.appendingPathComponent("rules.otak"))
        let schema = try #require(TestSupport.schema(source))
        var output = ""
        for entity in schema.entities {
            let writer = RuleWriter(entity: entity, schema: schema)
            output += "== \(entity.name)\n"
            for operation in RuleOperation.allCases {
                let rules = entity.rules(for: operation)
                let deny = entity.denyRules(for: operation)
                output += "\(operation.rawValue): " + rules.map { RuleWriter.describe($0.condition) }.joined(separator: " | ")
                    + (deny.isEmpty ? "" : " deny " + deny.map { RuleWriter.describe($0.condition) }.joined(separator: " | ")) + "\n"
                output += "    " + writer.access(rules, deny: deny) + "\n"
            }
            for operation in [RuleOperation.create, .update] {
                let fields = writer.guardedFields(operation).map(\.name)
                output += "guarded on \(operation.rawValue): \(fields.joined(separator: ", "))\n"
            }
        }
        TestSupport.assertGolden(output, Self.directory.appendingPathComponent("rules.expected"))
    }

    @Test func negationsReachSingleComparisons() throws {
        let schema = try #require(TestSupport.schema("""
            app A
            enum Role { admin member }
            auth {
              entity User
              identity email
              password password
              role role
            }
            entity User {
              email String @unique
              password Password
              role Role @default(.member)
              karma Int @default(0)
              allow read: !(karma > 3 || role(admin))
            }
            """))
        let user = try #require(schema.entity(named: "User"))
        let code = RuleWriter(entity: user, schema: schema).access(user.rules(for: .read))
        // NOT (a OR b) is (NOT a) AND (NOT b), with `>` turned into `<=`: an unknown never grants.
        #expect(code == ##"""
            Access(#""users"."karma" <= 3"#)
                && Access(user.map { ![Role.admin].contains($0.record.role) } ?? false)
            """##)
    }

    @Test func rulesWithoutTheCallerDoNotAskForSignIn() throws {
        let schema = try #require(TestSupport.schema(TestSupport.read(Self.directory.appendingPathComponent("rules.otak"))))
        let team = try #require(schema.entity(named: "Team"))
        #expect(!RuleWriter.refersToCaller(team.rules(for: .list)[0].condition))
        #expect(RuleWriter.refersToCaller(team.rules(for: .update)[0].condition))
    }
}
