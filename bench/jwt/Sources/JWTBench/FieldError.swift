// JSONWriter.swift writes the server's FieldError; its shape, for the linked files to compile.
struct FieldError {
    var field: String
    var rule: String
    var message: String
}
