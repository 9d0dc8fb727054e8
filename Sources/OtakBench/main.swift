// Times the front end on a synthetic schema. Run it with `bench/run` (release build).
//
// Prints the median of several runs for each stage, the ratio of the whole front end to
// lexing alone (the cheapest possible pass over the bytes), and how time grows from a
// 50-entity to a 500-entity schema (10× the entities should cost about 10× the time).
import Foundation
import OtakCore

/// A realistic schema: every entity has scalar fields with attributes, a relation to the
/// previous entity and the back-reference list, an index, a check and rules; with `teams`,
/// every entity also belongs to a team whose members may read it (a membership rule).
func syntheticSchema(entities: Int, teams: Bool = false, name: String = "Bench") -> String {
    var text = """
        app \(name)

        enum Role { admin staff member }
        enum Status { draft active archived }

        auth {
          entity   User
          identity email
          password password
          role     role
          token    7d
        }

        entity User {
          email    String   @unique @email
          password Password @length(8...72)
          role     Role     @default(.member)

          allow create: public
          allow read, update: self || role(admin)
        }

        """
    if teams {
        text += """

            entity Team {
              name        String       @length(1...100)
              memberships [Membership]

              allow list, read: memberships.any(user == auth)
              allow create: authenticated
              allow update, delete: memberships.any(user == auth && admin)
            }

            entity Membership {
              team  Team @onDelete(cascade)
              user  User @onDelete(cascade)
              admin Bool @default(false)

              @@unique(team, user)

              allow list, read: team.memberships.any(user == auth)
              allow create, update, delete: team.memberships.any(user == auth && admin)
            }

            """
    }
    for number in 0..<entities {
        let previous = number == 0 ? nil : "Entity\(number - 1)"
        let next = number + 1 < entities ? "Entity\(number + 1)" : nil
        text += """

            entity Entity\(number) {
              name     String   @length(1...200)
              code     String   @unique @pattern("^[A-Z0-9-]{3,32}$")
              amount   Decimal  @range(0...)
              count    Int      @default(0) @range(0...1000)
              active   Bool     @default(true)
              status   Status   @default(.draft)
              created  DateTime @default(now) @readonly
              author   User     @owner
            \(teams ? "  team     Team     @onDelete(cascade)\n" : "")\(previous.map { "  parent   \($0)? @onDelete(setNull)\n" } ?? "")\(next.map { "  children [\($0)]\n" } ?? "")
              @@index(name, status)
              @@check(amount > 0 || !active, "an active row needs an amount")

              allow list, read: active || owner || role(admin, staff)\(teams ? " || team.memberships.any(user == auth)" : "")
              allow create: authenticated
              allow create(status): role(admin)
              allow update: role(admin) || (owner && status == .draft)
              allow delete: role(admin)
            }

            """
    }
    return text
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// The median time of `runs` calls, in milliseconds.
func measure(runs: Int = 21, _ work: () -> Void) -> Double {
    work()  // warm-up
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        work()
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
    }
    return median(times)
}

func stages(_ source: String) -> (lex: Double, parse: Double, check: Double, format: Double) {
    let file = SourceFile(path: "bench.otak", text: source)
    let result = Frontend.check(file)
    guard !result.hasErrors, let syntax = result.syntax else {
        print(DiagnosticRenderer().render(result.diagnostics, in: file))
        fatalError("the synthetic schema is invalid")
    }
    let lex = measure {
        var diagnostics = DiagnosticCollector()
        _ = Lexer.tokenize(file, diagnostics: &diagnostics)
    }
    let parse = measure { _ = Frontend.parse(file) }
    let check = measure { _ = Frontend.check(file) }
    let format = measure { _ = SchemaFormatter.format(syntax) }
    return (lex, parse, check, format)
}

func oneCheck(_ source: String) -> (lex: Double, parse: Double, check: Double, format: Double) {
    let check = measure(runs: 1) { _ = Frontend.check(SourceFile(path: "bench.otak", text: source)) }
    return (0, 0, check, 0)
}

// `OtakBench schema N`: prints the N-entity schema with teams, for bench/compile.
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "schema", let count = Int(CommandLine.arguments[2]) {
    print(syntheticSchema(entities: count, teams: true, name: "Bench\(count)"), terminator: "")
    exit(0)
}

let large = syntheticSchema(entities: 500)
let small = syntheticSchema(entities: 50)
// `OTAK_BENCH_GENERATE_ONLY=1` skips the front-end timings (for profiling generation); the
// end-to-end figure then takes one check of the schema instead of the median.
let generateOnly = ProcessInfo.processInfo.environment["OTAK_BENCH_GENERATE_ONLY"] != nil
let big = generateOnly ? oneCheck(large) : stages(large)
let reference = generateOnly ? oneCheck(small) : stages(small)
let format = { (value: Double) in String(format: "%8.2f ms", value) }

if !generateOnly {
    print("otak front end, medians of 21 runs (release build)")
    print("schema: 500 entities, \(large.utf8.count / 1024) KiB, \(large.split(separator: "\n").count) lines")
    print("  lex                      \(format(big.lex))")
    print("  lex + parse              \(format(big.parse))")
    print("  lex + parse + check      \(format(big.check))   target < 100 ms: \(big.check < 100 ? "met" : "NOT MET")")
    print("  fmt (print the syntax)   \(format(big.format))")
    print(String(format: "ratio, whole front end / lexing alone:        %.1f×", big.check / big.lex))
    print(String(format: "ratio, 500 entities / 50 entities (check):    %.1f×  (10× is linear)", big.check / reference.check))
}

// Generation: the whole package (Swift, SQL for both dialects, OpenAPI, tests) from the checked
// schema, with the built-in templates parsed once as `otak generate` does.
guard let schema = Frontend.check(SourceFile(path: "bench.otak", text: large)).schema,
      let smallSchema = Frontend.check(SourceFile(path: "bench.otak", text: small)).schema,
      let templates = try? TemplateFiles.builtIn()
else { fatalError("cannot generate the synthetic schema") }
let generator = Generator(templates: templates, schemaFileName: "bench.otak", otakVersion: "bench")
var files: [GeneratedFile] = []
let generate = measure(runs: 7) { files = (try? generator.generate(schema)) ?? [] }
let generateSmall = measure(runs: 7) { _ = try? generator.generate(smallSchema) }
let parseTemplates = measure(runs: 7) { _ = try? TemplateFiles.builtIn() }
let bytes = files.reduce(0) { $0 + $1.contents.utf8.count }
let endToEnd = big.check + parseTemplates + generate
print("")
print("otak generate, medians of 7 runs (release build), same 500-entity schema")
print("  parse the templates      \(format(parseTemplates))")
print("  generate \(files.count) files (\(bytes / 1024) KiB) \(format(generate))")
print("  check + templates + generate \(format(endToEnd))   target < 500 ms: \(endToEnd < 500 ? "met" : "NOT MET")")
print(String(format: "ratio, generate / check:                      %.1f×", generate / big.check))
print(String(format: "ratio, 500 entities / 50 entities (generate): %.1f×  (10× is linear)", generate / generateSmall))
