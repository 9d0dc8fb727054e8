import Foundation
import OtakCLI
import OtakCore
import Testing

/// No input may crash or hang the front end: every invalid file gets located errors (and
/// `otak validate` exits 1 on it), and every file that still parses survives `fmt`
/// unchanged in meaning.
@Suite struct RobustnessTests {
    /// A small, seedable generator (SplitMix64), so every run tests the same cases.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let mutationsPerSample = 600

    /// Deletes, duplicates, swaps or replaces a token, inserts a byte, or truncates the file.
    static func mutate(_ bytes: [UInt8], _ tokens: [Token], _ random: inout SeededGenerator) -> [UInt8] {
        let tokens = tokens.filter { $0.kind != .endOfFile }
        let i = Int.random(in: 0..<tokens.count, using: &random)
        let a = tokens[i].range
        let text = { (range: SourceRange) in Array(bytes[range.start..<range.end]) }
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            return Array(bytes[..<a.start] + bytes[a.end...])
        case 1:
            return Array(bytes[..<a.end]) + [UInt8(ascii: " ")] + text(a) + Array(bytes[a.end...])
        case 2 where i + 1 < tokens.count:
            let b = tokens[i + 1].range
            return Array(bytes[..<a.start]) + text(b) + Array(bytes[a.end..<b.start]) + text(a) + Array(bytes[b.end...])
        case 3:
            let other = tokens[Int.random(in: 0..<tokens.count, using: &random)].range
            return Array(bytes[..<a.start]) + text(other) + Array(bytes[a.end...])
        case 4:
            let inserted: [UInt8] = Array("{}()[]\"@#/*.:,=!&|?\n\\".utf8) + [0xFF, 0x00, 0xC3]
            let byte = inserted[Int.random(in: 0..<inserted.count, using: &random)]
            let at = Int.random(in: 0...bytes.count, using: &random)
            return Array(bytes[..<at]) + [byte] + Array(bytes[at...])
        default:
            return Array(bytes[..<Int.random(in: 0..<bytes.count, using: &random)])
        }
    }

    /// Checks the properties every input must have, and tells whether the input was invalid.
    /// `throughCommand` also runs `otak validate` on it, from a file.
    @discardableResult
    static func assertSound(_ bytes: [UInt8], _ label: String, throughCommand: Bool = false) throws -> Bool {
        let file = SourceFile(path: "mutant.otak", bytes: bytes)
        let result = Frontend.check(file)
        if throughCommand {
            let scratchFile = FileManager.default.temporaryDirectory.appendingPathComponent("otak-\(UUID().uuidString).otak")
            defer { try? FileManager.default.removeItem(at: scratchFile) }
            try Data(bytes).write(to: scratchFile)
            let outcome = OtakCommand.run(Invocation(arguments: ["validate", scratchFile.path]))
            #expect(outcome.exitCode == (result.hasErrors ? 1 : 0), "\(label): wrong exit code")
            if result.hasErrors {
                #expect(outcome.standardOutput.hasPrefix(scratchFile.path + ":"), "\(label): no located diagnostic")
            }
        }
        if result.hasErrors {
            #expect(result.schema == nil, "\(label): invalid but has a model")
            for diagnostic in result.diagnostics {
                #expect(diagnostic.range.start >= 0 && diagnostic.range.end <= bytes.count, "\(label): range outside the file")
            }
            let rendered = DiagnosticRenderer().render(result.diagnostics, in: file)
            #expect(rendered.hasPrefix("mutant.otak:") && rendered.contains(": error: "), "\(label): no located error")
            #expect(result.diagnostics.count <= 101, "\(label): too many diagnostics")
        } else {
            #expect(result.schema != nil, "\(label): valid but no model")
            let formatted = SchemaFormatter.format(try #require(result.syntax))
            let reformatted = Frontend.check(SourceFile(path: "mutant.otak", text: formatted))
            #expect(reformatted.schema == result.schema, "\(label): fmt changed the meaning")
            #expect(reformatted.syntax.map(SchemaFormatter.format) == formatted, "\(label): fmt is not idempotent")
        }
        return result.hasErrors
    }

    @Test(arguments: TestSupport.sampleFiles())
    func mutatedSamples(_ url: URL) throws {
        let bytes = Array(TestSupport.read(url).utf8)
        var diagnostics = DiagnosticCollector()
        let tokens = Lexer.tokenize(SourceFile(path: "s", bytes: bytes), diagnostics: &diagnostics)
        var random = SeededGenerator(state: UInt64(bytes.count))
        var invalid = 0
        for number in 0..<Self.mutationsPerSample {
            let mutant = Self.mutate(bytes, tokens, &random)
            if try Self.assertSound(mutant, "\(url.lastPathComponent) mutant \(number)", throughCommand: true) {
                invalid += 1
            }
        }
        // The mutations must mostly produce broken schemas, or this test would prove little.
        #expect(invalid > Self.mutationsPerSample / 2)
    }

    @Test func randomBytesAndTokenSoup() throws {
        var random = SeededGenerator(state: 42)
        let alphabet = Array("app entity enum auth allow { } ( ) [ ] @ @@ . ... , : ? == && || ! \" // /* */ x Int String 1 7d \n".split(separator: " ").map(String.init))
        for number in 0..<300 {
            let bytes = (0..<Int.random(in: 0..<2_000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            try Self.assertSound(bytes, "random bytes \(number)")
            let soup = (0..<Int.random(in: 0..<400, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            try Self.assertSound(Array(soup.joined(separator: " ").utf8), "token soup \(number)")
        }
    }

    @Test func edgeInputs() throws {
        for source in ["", " ", "\n\n\n", "app", "app A\nentity", "app A\nentity E {", "\"", "/*", "#\"", "@@", "..."] {
            try Self.assertSound(Array(source.utf8), "edge input \(source.debugDescription)")
            #expect(TestSupport.check(source).hasErrors, "\(source.debugDescription) should be invalid")
        }
    }

    @Test func tenMegabyteFiles() throws {
        let entity = "entity E%d {\n  name String @length(1...100)\n  count Int @default(0)\n  allow read: count > 0 || public\n}\n"
        var valid = "app Big\n"
        var number = 0
        while valid.utf8.count < 10_000_000 {
            valid += String(format: entity, number)
            number += 1
        }
        let result = TestSupport.check(valid)
        #expect(result.diagnostics.isEmpty)
        #expect(result.schema?.entities.count == number)

        let garbage = String(repeating: "entity { ]] @@ \"x\" 1...2 $ ", count: 400_000)
        let broken = TestSupport.check(garbage)
        #expect(broken.hasErrors && broken.diagnostics.count <= 101)
        #expect(broken.diagnostics.last?.message.id == "too-many-errors")

        let longString = "app A\nentity E {\n  s String @default(\"" + String(repeating: "x", count: 10_000_000)
        #expect(TestSupport.errorIDs(longString) == ["unterminated-string", "expected-closing-brace"])
        let longComment = "app A\n/*" + String(repeating: "*", count: 10_000_000)
        #expect(TestSupport.errorIDs(longComment) == ["unterminated-comment"])
    }
}
