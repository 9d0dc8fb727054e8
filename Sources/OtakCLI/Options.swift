/// The options shared by `validate` and `fmt`.
struct Options: Equatable {
    enum Format: String {
        case text, json
    }

    var paths: [String] = []
    var format = Format.text
    /// `fmt --check`: change nothing, fail if a file is not formatted.
    var check = false

    static func parse(_ arguments: [String], allowCheck: Bool) -> Result<Options, UsageError> {
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
            case "--check" where allowCheck:
                options.check = true
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
        return .success(options)
    }
}
