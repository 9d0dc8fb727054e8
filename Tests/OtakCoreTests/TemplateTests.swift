import OtakCore
import Testing

@Suite struct TemplateTests {
    private func render(_ text: String, _ value: TemplateValue, partials: [String: String] = [:]) throws -> String {
        let library = try TemplateLibrary(sources: partials.merging(["main": text]) { first, _ in first })
        return try library.render("main", value)
    }

    private func errorIDs(_ text: String, _ value: TemplateValue = [:]) -> [String] {
        do {
            _ = try render(text, value)
            return []
        } catch let error as TemplateLibraryError {
            return error.errors.flatMap(\.diagnostics).map(\.message.id)
        } catch let error as TemplateError {
            return error.diagnostics.map(\.message.id)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func insertsTextWithoutEscaping() throws {
        #expect(try render("let x = {{value}} // {{a.b}}", ["value": "\"<&>\"", "a": ["b": "deep"]])
                == "let x = \"<&>\" // deep")
    }

    @Test func sectionsIterateListsAndTestFlags() throws {
        let value: TemplateValue = ["items": [["name": "a"], ["name": "b"]], "on": true, "off": false, "empty": []]
        #expect(try render("{{#items}}[{{name}}]{{/items}}{{#on}}+{{/on}}{{#off}}-{{/off}}{{^empty}}none{{/empty}}", value)
                == "[a][b]+none")
    }

    @Test func innerScopesSeeOuterNamesAndDot() throws {
        let value: TemplateValue = ["type": "Product", "names": ["a", "b"]]
        #expect(try render("{{#names}}{{type}}.{{.}} {{/names}}", value) == "Product.a Product.b ")
    }

    @Test func standaloneBlockLinesDisappear() throws {
        let text = """
        struct A {
            {{#fields}}
            var {{name}}: Int
            {{/fields}}
            {{! a comment }}
        }

        """
        #expect(try render(text, ["fields": [["name": "x"], ["name": "y"]]]) == "struct A {\n    var x: Int\n    var y: Int\n}\n")
    }

    @Test func tagsSharingALineWithTextKeepTheLine() throws {
        #expect(try render("a {{#on}}b{{/on}}\nc", ["on": true]) == "a b\nc")
    }

    @Test func partialsAreIndentedLikeTheirTag() throws {
        let text = "enum E {\n    {{> body}}\n}\n"
        #expect(try render(text, ["x": "1"], partials: ["body": "case a\ncase b = {{x}}\n"])
                == "enum E {\n    case a\n    case b = 1\n}\n")
    }

    @Test func unknownNamesAreErrorsNotEmptyText() {
        #expect(errorIDs("{{missing}}") == ["template-unknown-name"])
        #expect(errorIDs("{{#missing}}x{{/missing}}") == ["template-unknown-name"])
        #expect(errorIDs("{{list}}", ["list": []]) == ["template-not-text"])
        #expect(errorIDs("{{> nothing}}") == ["template-unknown-partial"])
    }

    @Test func syntaxErrorsAreAllReportedWithLocations() throws {
        #expect(errorIDs("{{#a}}\n{{/b}}\n{{}}\n{{oops") == [
            "template-unclosed-section", "template-unexpected-close", "template-empty-tag", "template-unclosed-tag",
        ])
        do {
            _ = try TemplateLibrary(sources: ["t.mustache": "line one\n  {{/x}}"], pathPrefix: "Templates/")
            Issue.record("expected an error")
        } catch {
            let error = try #require(error.errors.first)
            let rendered = DiagnosticRenderer().render(error.diagnostics, in: error.file)
            #expect(rendered.hasPrefix("Templates/t.mustache:2:3: error: '{{/x}}' closes no open section"))
        }
    }

    @Test func anErrorDescribesItselfAsADiagnostic() throws {
        let library = try TemplateLibrary(sources: ["main": "a\n{{missing}}"])
        do {
            _ = try library.render("main", [:])
            Issue.record("rendered a name that is not in scope")
        } catch {
            #expect(String(describing: error).hasPrefix("main:2:1: error: 'missing' is not in scope"), "\(error)")
        }
    }

    @Test func recursivePartialsStop() {
        #expect(throws: TemplateError.self) {
            _ = try TemplateLibrary(sources: ["main": "{{> main}}"]).render("main", [:])
        }
    }
}
