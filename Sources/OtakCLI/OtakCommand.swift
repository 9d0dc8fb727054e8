import Foundation
import OtakCore

/// The `otak` command line: `generate`, `validate`, `fmt`, `diagram`, `help` and `--version`.
///
/// Exit codes: 0 success; 1 a schema has errors (or `fmt --check` found a file to
/// format); 2 a usage error (unknown command or option, missing file), with one line on
/// standard error.
public enum OtakCommand {
    public static let version = "0.1.0"

    public static func run(_ invocation: Invocation) -> Outcome {
        var arguments = invocation.arguments
        guard let command = arguments.first else {
            return Outcome(exitCode: Outcome.usageError, standardError: Help.usage)
        }
        arguments.removeFirst()
        switch command {
        case "--help", "-h":
            return Outcome(exitCode: Outcome.success, standardOutput: Help.usage)
        case "--version":
            return Outcome(exitCode: Outcome.success, standardOutput: "otak \(version)\n")
        case "help":
            guard let topic = arguments.first else { return Outcome(exitCode: Outcome.success, standardOutput: Help.usage) }
            guard let text = Help.commands[topic], arguments.count == 1 else {
                return usageError("unknown command '\(arguments.joined(separator: " "))'; see 'otak --help'")
            }
            return Outcome(exitCode: Outcome.success, standardOutput: text)
        case "validate", "fmt", "generate", "diagram":
            if arguments.contains("--help") || arguments.contains("-h") {
                return Outcome(exitCode: Outcome.success, standardOutput: Help.commands[command]!)
            }
            let options: Options
            switch Options.parse(arguments, command: command) {
            case .success(let parsed): options = parsed
            case .failure(let error): return usageError("\(command): \(error.message)")
            }
            var files: [SourceFile] = []
            for path in options.paths {
                switch read(path) {
                case .success(let file): files.append(file)
                case .failure(let error): return usageError(error.message)
                }
            }
            switch command {
            case "validate": return validate(files, options: options, invocation: invocation)
            case "fmt": return format(files, options: options, invocation: invocation)
            case "diagram": return diagram(files[0], options: options, invocation: invocation)
            default: return generate(files[0], options: options, invocation: invocation)
            }
        default:
            var message = "unknown command '\(command)'"
            if command.hasPrefix("-") { message = "unknown option '\(command)'" }
            return usageError(message + "; see 'otak --help'")
        }
    }

    // MARK: Commands

    private static func validate(_ files: [SourceFile], options: Options, invocation: Invocation) -> Outcome {
        let results = files.map(Frontend.check)
        var outcome = report(results, options: options, invocation: invocation)
        let failed = results.contains(where: \.hasErrors)
        outcome.exitCode = failed ? Outcome.invalidInput : Outcome.success
        if !failed, options.format == .text {
            let entities = results.compactMap(\.schema).map(\.entities.count).reduce(0, +)
            let enums = results.compactMap(\.schema).map(\.enums.count).reduce(0, +)
            outcome.standardOutput += "valid: \(plural(results.count, "schema")), \(plural(entities, "entity", "entities")), \(plural(enums, "enum"))\n"
        }
        return outcome
    }

    private static func format(_ files: [SourceFile], options: Options, invocation: Invocation) -> Outcome {
        let results = files.map(Frontend.parse)
        var outcome = report(results, options: options, invocation: invocation)
        outcome.exitCode = Outcome.success
        for result in results {
            guard let syntax = result.syntax, !result.hasErrors else {
                outcome.exitCode = Outcome.invalidInput
                continue
            }
            let formatted = SchemaFormatter.format(syntax)
            guard Array(formatted.utf8) != result.file.bytes else { continue }
            if options.check {
                outcome.exitCode = Outcome.invalidInput
                if options.format == .text { outcome.standardOutput += "\(result.file.path): not formatted\n" }
                continue
            }
            do {
                try Data(formatted.utf8).write(to: URL(fileURLWithPath: result.file.path), options: .atomic)
            } catch {
                outcome.standardError += "otak: cannot write '\(result.file.path)': \(error.localizedDescription)\n"
                outcome.exitCode = Outcome.invalidInput
            }
        }
        return outcome
    }

    /// The schema as a Mermaid `erDiagram`, as the generated README shows it.
    private static func diagram(_ file: SourceFile, options: Options, invocation: Invocation) -> Outcome {
        let result = Frontend.check(file)
        var outcome = report([result], options: options, invocation: invocation)
        guard let schema = result.schema, !result.hasErrors else {
            outcome.exitCode = Outcome.invalidInput
            return outcome
        }
        outcome.exitCode = Outcome.success
        outcome.standardOutput += DiagramWriter(schema: schema).erDiagram()
        return outcome
    }

    private static func generate(_ file: SourceFile, options: Options, invocation: Invocation) -> Outcome {
        var result = Frontend.check(file)
        guard let schema = result.schema, !result.hasErrors, let output = options.output, let syntax = result.syntax else {
            var outcome = report([result], options: options, invocation: invocation)
            outcome.exitCode = Outcome.invalidInput
            return outcome
        }
        let writer = PackageWriter(root: output)
        let history: PackageHistory
        let manifest: PackageManifest?
        do {
            history = try writer.history()
            manifest = try writer.manifest()
        } catch {
            return Outcome(exitCode: Outcome.invalidInput, standardError: "otak: \(error)\n")
        }
        // What the migration cannot do (or may only do when told) is reported like schema errors.
        result.diagnostics += MigrationDiagnostics.diagnostics(
            for: history.diff(to: schema).problems, allowDestructive: options.allowDestructive, in: syntax)
        var outcome = report([result], options: options, invocation: invocation)
        guard !result.hasErrors else {
            outcome.exitCode = Outcome.invalidInput
            return outcome
        }
        let files: [GeneratedFile]
        do {
            let templates = try TemplateFiles.library(overridingWith: options.templates)
            let generator = Generator(templates: templates, schemaFileName: URL(fileURLWithPath: file.path).lastPathComponent,
                                      otakVersion: version)
            files = try generator.generate(schema, history: history)
        } catch {
            outcome.standardError += templateErrorText(error, invocation: invocation)
            outcome.exitCode = Outcome.invalidInput
            return outcome
        }
        let update = PackageUpdate(files: files, manifest: manifest, force: options.force,
                                   moved: history.legacyMigrations, read: writer.read)
        if options.check || options.dryRun {
            if options.format == .text {
                outcome.standardOutput += UpdateReport.preview(update, root: output, diffs: options.dryRun)
            }
            outcome.exitCode = options.check && !update.isUpToDate || !update.conflicts.isEmpty ? Outcome.invalidInput : Outcome.success
            return outcome
        }
        guard update.conflicts.isEmpty else {
            outcome.standardError += UpdateReport.conflicts(update.conflicts)
            outcome.exitCode = Outcome.invalidInput
            return outcome
        }
        do {
            try writer.apply(update)
            if options.format == .text { outcome.standardOutput += UpdateReport.summary(update, root: output) }
        } catch {
            outcome.standardError += "otak: cannot write the package: \(error.localizedDescription)\n"
            outcome.exitCode = Outcome.invalidInput
        }
        return outcome
    }

    private static func templateErrorText(_ error: any Error, invocation: Invocation) -> String {
        let renderer = DiagnosticRenderer(useColor: invocation.usesColor)
        func render(_ error: TemplateError) -> String {
            let text = renderer.render(error.diagnostics, in: error.file)
            return text.hasSuffix("\n") ? text : text + "\n"
        }
        switch error {
        case let error as TemplateLibraryError:
            return error.errors.map(render).joined()
        case let error as TemplateError:
            return render(error)
        case let error as UnknownTemplatesError:
            return "otak: \(error.description)\n"
        default:
            return "otak: cannot read the templates: \(error.localizedDescription)\n"
        }
    }

    /// Prints diagnostics as text (with an error count) or as one JSON document.
    private static func report(_ results: [Frontend.Result], options: Options, invocation: Invocation) -> Outcome {
        var outcome = Outcome(exitCode: Outcome.success)
        switch options.format {
        case .json:
            outcome.standardOutput = DiagnosticJSON.encode(results.map { ($0.file, $0.diagnostics) })
        case .text:
            let renderer = DiagnosticRenderer(useColor: invocation.usesColor)
            for result in results {
                outcome.standardOutput += renderer.render(result.diagnostics, in: result.file)
            }
            let all = results.flatMap(\.diagnostics)
            let errors = all.filter { $0.severity == .error }.count
            if errors > 0 {
                let warnings = all.count - errors
                outcome.standardOutput += plural(errors, "error") + (warnings > 0 ? ", " + plural(warnings, "warning") : "") + "\n"
            }
        }
        return outcome
    }

    // MARK: Helpers

    private static func read(_ path: String) -> Result<SourceFile, UsageError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(UsageError("cannot read '\(path)': no such file"))
        }
        guard !isDirectory.boolValue else { return .failure(UsageError("cannot read '\(path)': it is a directory")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(UsageError("cannot read '\(path)': permission denied"))
        }
        return .success(SourceFile(path: path, bytes: Array(data)))
    }

    private static func usageError(_ message: String) -> Outcome {
        Outcome(exitCode: Outcome.usageError, standardError: "otak: \(message)\n")
    }

    private static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}

struct UsageError: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
