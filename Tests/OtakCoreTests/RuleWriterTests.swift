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

    /// The same rules as data for the generated property tests' oracle: `RuleSchema.swift`, and
    /// each entity's `OracleEntities` member in `Entities/<Entity>.swift`.
    @Test func everyRuleFormForTheOracle() throws {
        let url = Self.directory.appendingPathComponent("rules.otak")
        let schema = try #require(TestSupport.schema(TestSupport.read(url)))
        let generator = Generator(templates: try TemplateFiles.builtIn(), schemaFileName: "rules.otak", otakVersion: "0.1.0")
        let files = try generator.generate(schema)
        var output = try #require(files.first { $0.path == "Tests/AppTests/RuleSchema.swift" }).contents
        for file in files where file.path.hasPrefix("Tests/AppTests/Entities/") {
            let oracle = try #require(file.contents.range(of: "extension OracleEntities {"), "\(file.path)")
            output += "\n// " + file.path + "\n" + file.contents[oracle.lowerBound...]
        }
        TestSupport.assertGolden(output, Self.directory.appendingPathComponent("oracle.expected"))
    }

    /// Rules reading the time or a field responses leave out cannot be checked from the outside.
    @Test func theOracleSkipsWhatItCannotSee() throws {
        let schema = try #require(TestSupport.schema("""
            app A
            auth {
              entity User
              identity email
              password password
            }
            entity User {
              email    String   @unique @email
              password Password @length(8...72)
              level    Int      @default(0)
              allow create: public
              allow read: self
            }
            entity Offer {
              ends   DateTime
              secret Int      @hidden
              allow list, read: ends > now
              allow update: secret == 3
              allow create: auth.level >= 5
            }
            entity Note {
              author User @owner
              allow all: owner
            }
            """))
        let value = OracleWriter(schema: schema, creatable: ["User", "Offer", "Note"]).templateValue()
        guard case .list(let entities)? = value["entities"] else { Issue.record("no entities"); return }
        let checks = entities.map { entity -> String in
            guard case .object(let fields) = entity, case .text(let name)? = fields["name"], case .text(let checks)? = fields["checks"] else {
                return "?"
            }
            return "\(name) \(checks)"
        }
        #expect(checks == ["User true", "Offer false", "Note true"])
        // `auth.level >= 5`: the level is varied around the literal.
        guard case .object(let user) = entities[0], case .list(let varied)? = user["varied"] else { Issue.record("no user"); return }
        #expect(varied.contains(.text(#"VariedField(key: "level", domain: .values([.integer(4), .integer(5), .integer(6)]), statement: nil)"#)))
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
