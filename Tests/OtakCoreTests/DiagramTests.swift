import Foundation
@testable import OtakCore
import Testing

/// The README's diagram and table of who may do what, and the conditions they print.
@Suite struct DiagramTests {
    /// Every rule of the samples and of the rules schema, printed back into its schema in place
    /// of what was written, gives the same checked schema.
    @Test(arguments: TestSupport.sampleFiles() + [TestSupport.testsDirectory.appendingPathComponent("Rules/rules.otak")])
    func conditionsPrintAsTheSchemaWritesThem(_ url: URL) throws {
        let text = TestSupport.read(url)
        let schema = try #require(TestSupport.schema(text))
        var rules = schema.entities.map { ($0.name, $0.rules.makeIterator()) }
        var entity = -1
        var printed: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("entity ") { entity += 1 }
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("allow ") || trimmed.hasPrefix("deny "), let colon = trimmed.firstIndex(of: ":") else {
                printed.append(String(line))
                continue
            }
            let next = rules[entity].1.next()
            let rule = try #require(next, "\(rules[entity].0) has fewer rules than lines")
            printed.append(String(repeating: " ", count: line.count - trimmed.count) + trimmed[...colon] + " " + rule.condition.source)
        }
        let reprinted = try #require(TestSupport.schema(printed.joined(separator: "\n")))
        #expect(reprinted == schema)
    }

    @Test func theDiagramHasKeysNotesAndEveryKindOfRelation() throws {
        let schema = try #require(TestSupport.schema("""
            app Blog

            entity Author {
              email  String @unique
              posts  [Post] @inverse(author)
              edited [Post] @inverse(editor)

              allow read: public
            }

            entity Bio {
              author Author @unique
              text   Text

              allow read: public
            }

            entity Post {
              author Author
              editor Author?
              tags   [Tag]

              allow read: public
            }

            entity Tag {
              posts [Post]

              allow read: public
            }

            """))
        let diagram = DiagramWriter(schema: schema).erDiagram()
        #expect(diagram.contains("        UUID id PK\n        String email UK\n"))
        #expect(diagram.contains("        UUID author FK, UK\n"))
        #expect(diagram.contains("    Author ||--o| Bio : author\n"))
        #expect(diagram.contains("    Author ||--o{ Post : author\n"))
        #expect(diagram.contains("    Author |o--o{ Post : editor\n"))
        #expect(diagram.contains("    Post }o--o{ Tag : tags\n"))
        #expect(!diagram.contains("Tag }o--o{ Post"))
    }

    @Test func theTableSaysWhoMayDoWhat() throws {
        let schema = try #require(TestSupport.schema("""
            app Shop

            enum Role { admin staff customer }

            auth {
              entity   User
              identity email
              password password
              role     role
            }

            entity User {
              email    String   @unique
              password Password
              role     Role     @default(.customer)

              allow read: self || role(admin, staff)
              allow update(role): role(admin)
            }

            entity Order {
              customer User   @owner
              total    Int    @default(0)
              note     String?

              allow list, read: owner || (note != nil && total > 10)
              allow create: authenticated
              deny create: total > 1000 || note == "x"
              deny create: auth.role == .staff
            }

            """))
        let table = DiagramWriter(schema: schema).permissionTable()
        #expect(table.contains("| User | nobody | the user themselves, or role admin/staff | nobody | nobody | nobody |"))
        #expect(table.contains(#"| Order | its owner, or `note != nil && total > 10` | its owner, or `note != nil && total > 10` | anyone signed in; never when `total > 1000 \|\| note == "x"` or `auth.role == .staff` | nobody | nobody |"#))
        #expect(table.contains("- `User.role` on update: role admin"))
    }
}
