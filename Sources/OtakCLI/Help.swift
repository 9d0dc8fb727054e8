/// The texts of `otak --help` and `otak help COMMAND`.
enum Help {
    static let usage = """
        otak: generates Swift server packages from a schema.

        Usage: otak COMMAND [OPTIONS] FILE...

        Commands:
          generate   Write a Swift server package from a schema
          validate   Check schemas and report every problem found
          fmt        Rewrite schemas in the canonical layout
          help       Show help for a command

        Options:
          --help     Show this help
          --version  Show the version

        Exit status: 0 success, 1 invalid schema or unformatted file, 2 usage error.

        """

    static let commands: [String: String] = [
        "generate": """
            Usage: otak generate FILE --output DIR [--templates DIR] [--format text|json]

            Checks the schema and writes a Swift server package into DIR: a Hummingbird 2
            server with its SQL migrations, OpenAPI document and tests. Generated files are
            rewritten; files marked as yours (Sources/App/App.swift, Sources/App/Hooks/) are
            created once and never overwritten.

            Options:
              --output DIR        The package folder (created if needed)
              --templates DIR     Templates that replace built-in ones of the same path
              --format text|json  Print diagnostics as text (default) or as one JSON document

            Exit status: 0 success, 1 invalid schema or template, 2 usage error.

            """,
        "validate": """
            Usage: otak validate [--format text|json] FILE...

            Checks each schema and prints every error and warning, with its location.
            Prints one summary line when all schemas are valid.

            Options:
              --format text|json  Print diagnostics as text (default) or as one JSON document

            Exit status: 0 all valid, 1 any error, 2 usage error.

            """,
        "fmt": """
            Usage: otak fmt [--check] [--format text|json] FILE...

            Rewrites each schema in the canonical layout, keeping its comments.
            A file with syntax errors is reported and left unchanged.

            Options:
              --check             Change nothing; list the files that are not formatted
              --format text|json  Print diagnostics as text (default) or as one JSON document

            Exit status: 0 success, 1 syntax error or (with --check) a file to format, 2 usage error.

            """,
        "help": """
            Usage: otak help [COMMAND]

            Shows help for a command: generate, validate, fmt.

            """,
    ]
}
