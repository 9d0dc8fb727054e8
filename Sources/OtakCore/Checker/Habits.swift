/// How users of other schema tools (Prisma, ZenStack, Firebase rules, CASL) write what Otak
/// spells differently: the checker names the Otak spelling in its hints.
enum Habits {
    /// Operation names → Otak's.
    static let operations = [
        "remove": "delete", "destroy": "delete", "del": "delete",
        "write": "update", "edit": "update", "modify": "update", "change": "update", "patch": "update",
        "view": "read", "get": "read", "find": "read", "findOne": "read", "findUnique": "read", "show": "read",
        "insert": "create", "add": "create", "new": "create", "post": "create",
        "findMany": "list", "index": "list", "browse": "list", "query": "list",
        "manage": "all", "any": "all",
    ]

    /// Field attributes → what Otak writes instead.
    static let fieldAttributes = [
        "regex": "@pattern(\"^…$\")", "match": "@pattern(\"^…$\")", "matches": "@pattern(\"^…$\")",
        "omit": "@hidden", "private": "@hidden", "ignore": "@hidden",
        "min": "@range(1...)", "max": "@range(...100)", "gt": "@range(1...)", "lt": "@range(...100)",
        "minLength": "@length(1...)", "maxLength": "@length(...100)", "size": "@length(1...100)",
        "updatedAt": "@default(now) (a timestamp the server sets)", "db": "nothing: the SQL type follows the field's type",
        "map": "@renamedFrom(\"old\") to rename, or nothing: columns are the snake_case of the field",
        "id": "nothing: every entity has an implicit 'id' (a UUID)",
        "relation": "nothing: a field whose type is an entity is the relation (@onDelete(…) for what a delete does)",
    ]

    /// `auth()`, `future()`, `any(list, c)`: calls other tools write for a name or a list's condition.
    static func call(_ name: String) -> String? {
        switch name {
        case "auth": "write 'auth', without parentheses: the signed-in user (auth.role for a field of theirs)"
        case "any", "all", "some", "every", "exists", "count":
            "a condition on a list's rows is written members.any(user == auth) (all(…), count(…) likewise)"
        default: Self.name(name)
        }
    }

    /// A name that is not a field but another tool's word for something Otak has.
    static func name(_ name: String) -> String? {
        switch name {
        case "this": "name the row's fields directly (status, not this.status); 'self' is true when the row is the caller's own"
        case "future": "write 'new.field': in rules of 'update' alone, the value the row will have"
        case "user", "currentUser", "request": "the signed-in user is 'auth' (auth.role for a field of theirs)"
        default: nil
        }
    }
}
