@testable import OtakCore
import Testing

/// The small writers every emitter leans on: Swift string literals and JSON strings.
@Suite struct EmitterHelperTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        (#"SELECT "id" FROM "users""#, ##"#"SELECT "id" FROM "users""#"##),
        (#"^\d+$"#, ##"#"^\d+$"#"##),
        // `"#` and `\#` need one more `#` than the longest run after them.
        (##"a"#b"##, ###"##"a"#b"##"###),
        (###"\##(x)"###, ####"###"\##(x)"###"####),
        ("tab\there", #""tab\there""#),
        ("line\nbreak \"quoted\"", #""line\nbreak \"quoted\"""#),
        ("bell\u{7}", #""bell\u{7}""#),
        ("é ü 日本", #""é ü 日本""#),
    ])
    func swiftStringLiterals(text: String, literal: String) {
        #expect(SwiftCode.stringLiteral(text) == literal)
    }

    @Test func jsonStringsEscapeQuotesBackslashesAndControls() {
        var output: [UInt8] = []
        JSON.quote("say \"hi\"\\\n\t\u{1}é", into: &output)
        #expect(String(decoding: output, as: UTF8.self) == #""say \"hi\"\\\n\t\u0001é""#)
    }

    @Test func jsonDocumentsIndentAndKeepShortObjectsOnOneLine() {
        let document = JSON.object([
            ("name", .string("a")),
            ("short", .object([("type", .string("string")), ("minLength", .integer(1))])),
            ("list", .array([.object([("a", .array([.integer(1)])), ("b", .null)])])),
            ("empty", .array([])),
        ])
        #expect(document.render() == """
            {
              "name": "a",
              "short": {"type": "string", "minLength": 1},
              "list": [
                {
                  "a": [1],
                  "b": null
                }
              ],
              "empty": []
            }
            """)
    }
}

/// Values the generated tests send to break an `@@check` and to satisfy it.
@Suite struct CheckSamplerTests {
    private func cases(_ fields: String, _ check: String) throws -> (rejected: [String], accepted: [String]?)? {
        let source = "app Test\nenum Size { small large }\nentity Thing {\n\(fields)\n  @@check(\(check), \"no\")\n}\n"
        let schema = try #require(Frontend.check(SourceFile(path: "test.otak", text: source)).schema)
        let entity = try #require(schema.entity(named: "Thing"))
        let sampler = CheckSampler(entity: entity, schema: schema)
        return sampler.cases(for: entity.checks[0]).map { result in
            (result.rejected.map { "\($0.jsonName)=\($0.value)" }, result.accepted?.map { "\($0.jsonName)=\($0.value)" })
        }
    }

    @Test func breaksAndSatisfiesWithinTheFieldsOwnRules() throws {
        let result = try #require(try cases("  price Decimal @range(0...)\n  active Bool", "price > 0 || !active"))
        #expect(result.rejected == ["price=.integer(0)", "active=.bool(true)"])
        #expect(result.accepted == ["price=.integer(0)", "active=.bool(false)"])
    }

    @Test func unknownIsNotABreak() throws {
        // With SQL's logic a null `end` makes the check unknown, which passes: only a real
        // pair of dates breaks it.
        let result = try #require(try cases("  start Date\n  end Date?", "start < end"))
        #expect(result.rejected == [#"start=.string("2030-01-01")"#, #"end=.string("2030-01-01")"#])
    }

    @Test func usesLiteralsAndEnumCases() throws {
        let result = try #require(try cases("  size Size\n  count Int @range(1...100)", "size != .large || count >= 10"))
        #expect(result.rejected == [#"size=.string("large")"#, "count=.integer(1)"])
    }

    @Test func givesUpOnWhatARequestCannotSet() throws {
        #expect(try cases("  start DateTime @default(now) @readonly\n  end DateTime", "end > start") == nil)
        #expect(try cases("  count Int", "count > 0 && count < 0") != nil)
    }
}
