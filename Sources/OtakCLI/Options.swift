/// The options of `validate`, `fmt` and `generate`.
struct Options: Equatable {
    enum Format: String {
        case text, json
    }

    var paths: [String] = []
    var format = Format.text
    /// `fmt --check`: change nothing, fail if a file is not formatted.
    var check = false
    /// `generate --output DIR`.
    var output: String?
    /// `generate --templates DIR`.
    var templates: String?
    /// `generate --dry-run`: write nothing, print what would change with diffs.
    var dryRun = false
    /// `generate --force`: replace generated files that were edited.
    var force = false
    /// `generate --allow-destructive`: write migrations that drop data.
    var allowDestructive = false

    static func parse(_ arguments: [String], command: String) -> Result<Options, UsageError> {
        var options = Options()
        var remaining = arguments[...]
        var onlyPaths = false
        while let argument = remaining.popFirst() {
            if onlyPaths || !argument.hasPrefix("-") || argument == "-" {
                options.paths.append(argument)
                continue
            }
            switch argument {
            case "--":
                onlyPaths = true
            case "--check" where command == "fmt" || command == "generate":
                options.check = true
            case "--dry-run" where command == "generate":
                options.dryRun = true
            case "--force" where command == "generate":
                options.force = true
            case "--allow-destructive" where command == "generate":
                options.allowDestructive = true
            case "--output" where command == "generate", "--templates" where command == "generate":
                guard let value = remaining.popFirst(), !value.isEmpty else {
                    return .failure(UsageError("'\(argument)' needs a folder"))
                }
                if argument == "--output" { options.output = value } else { options.templates = value }
            case "--format":
                guard let value = remaining.popFirst() else { return .failure(UsageError("'--format' needs a value: text or json")) }
                guard let format = Format(rawValue: value) else { return .failure(UsageError("unknown format '\(value)'; use text or json")) }
                options.format = format
            case _ where argument.hasPrefix("--format="):
                let value = String(argument.dropFirst("--format=".count))
                guard let format = Format(rawValue: value) else { return .failure(UsageError("unknown format '\(value)'; use text or json")) }
                options.format = format
            default:
                return .failure(UsageError("unknown option '\(argument)'"))
            }
        }
        guard !options.paths.isEmpty else { return .failure(UsageError("no schema files given")) }
        if command == "diagram" {
            guard options.paths.count == 1 else { return .failure(UsageError("give one schema file")) }
        }
        if command == "generate" {
            guard options.paths.count == 1 else { return .failure(UsageError("give one schema file")) }
            guard options.output != nil else { return .failure(UsageError("say where the package goes: --output DIR")) }
            guard !(options.check && options.dryRun) else { return .failure(UsageError("use --check or --dry-run, not both")) }
        }
        return .success(options)
    }
}
