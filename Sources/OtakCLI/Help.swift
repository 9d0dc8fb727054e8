/// The texts of `otak --help` and `otak help COMMAND`.
enum Help {
    static let usage = """
        otak: generates Swift server packages from a schema.

        Usage: otak COMMAND [OPTIONS] FILE...

        Commands:
          generate   Write a Swift server package from a schema
          validate   Check schemas and report every problem found
          fmt        Rewrite schemas in the canonical layout
          diagram    Print a schema as a Mermaid entity-relationship diagram
          help       Show help for a command

        Options:
          --help     Show this help
          --version  Show the version

        Exit status: 0 success, 1 invalid schema or unformatted file, 2 usage error.

        """

    static let commands: [String: String] = [
        "generate": """
            Usage: otak generate FILE --output DIR [--check | --dry-run] [--force]
                                 [--allow-destructive] [--templates DIR] [--format text|json]

            Checks the schema and writes a Swift server package into DIR: a Hummingbird 2
            server with its SQL migrations, OpenAPI document and tests.

            Into an existing package it writes only what changed, and removes the files it
            no longer generates. When the database changes it adds the next migration, for
            SQLite and PostgreSQL, diffed from the schema of the last run (.otak/schema.json).
            Files marked as yours (Sources/App/App.swift, Sources/App/CustomRoutes.swift,
            Sources/App/Hooks/, Tests/AppTests/CustomTests.swift) and migrations are created
            once and never changed. A generated file that was edited stops the run, which then
            writes nothing.

            Options:
              --output DIR          The package folder (created if needed)
              --check               Write nothing; list what would change, exit 1 if anything would
              --dry-run             Write nothing; print what would change, with diffs
              --force               Replace generated files even if they were edited
              --allow-destructive   Write a migration that drops tables or columns or narrows a type
              --templates DIR       Templates that replace built-in ones of the same path
              --format text|json    Print diagnostics as text (default) or as one JSON document

            Exit status: 0 success, 1 invalid schema or template, refused change, edited file
            or (with --check) a change to make, 2 usage error.

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
        "diagram": """
            Usage: otak diagram [--format text|json] FILE

            Checks the schema and prints it as a Mermaid erDiagram: each entity with its
            stored fields (PK, FK and UK keys), and its relations. The generated package's
            README shows the same diagram; GitHub renders it in a ```mermaid block.

            Options:
              --format text|json  Print diagnostics as text (default) or as one JSON document

            Exit status: 0 success, 1 invalid schema, 2 usage error.

            """,
        "help": """
            Usage: otak help [COMMAND]

            Shows help for a command: generate, validate, fmt, diagram.

            """,
    ]
}
