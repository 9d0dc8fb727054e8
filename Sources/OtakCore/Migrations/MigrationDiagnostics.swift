/// Turns the problems of a schema diff into diagnostics at the place of the new schema they
/// concern: the field, else its entity, else the `app` line (for what no longer exists).
public enum MigrationDiagnostics {
    public static func diagnostics(for problems: [MigrationProblem], allowDestructive: Bool,
                                   in syntax: SchemaSyntax) -> [Diagnostic] {
        problems.map { problem in
            let range = location(entity: problem.entity, field: problem.field, in: syntax)
            switch problem.kind {
            case .error:
                return Diagnostic(.error, Message(id: "migration-impossible", problem.message), at: range, hints: [problem.hint])
            case .warning:
                return Diagnostic(.warning, Message(id: "migration-may-fail", problem.message), at: range, hints: [problem.hint])
            case .destructive where allowDestructive:
                return Diagnostic(.warning, Message(id: "destructive-change", problem.message), at: range)
            case .destructive:
                return Diagnostic(.error, Message(id: "destructive-change", problem.message), at: range,
                                  hints: [problem.hint, "pass --allow-destructive to write this migration"])
            }
        }
    }

    static func location(entity: String?, field: String?, in syntax: SchemaSyntax) -> SourceRange {
        var app = SourceRange(start: 0, end: 0)
        for declaration in syntax.declarations {
            switch declaration {
            case .app(let declaration):
                app = declaration.name.range
            case .entity(let declaration) where declaration.name.name == entity:
                for case .field(let syntax) in declaration.members where syntax.name.name == field {
                    return syntax.name.range
                }
                return declaration.name.range
            default:
                break
            }
        }
        return app
    }
}
