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
