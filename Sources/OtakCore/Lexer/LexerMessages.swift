/// The lexer's diagnostics, in alphabetical order.
extension Message {
    static func invalidCharacters(_ text: String) -> Message {
        Message(id: "invalid-character", "unexpected character\(text.count > 1 ? "s" : "") '\(text)'")
    }
    static let invalidEncoding = Message(id: "invalid-encoding", "the file is not valid UTF-8 text")
    static func invalidEscape(_ character: String) -> Message {
        Message(id: "invalid-escape", "unknown escape sequence '\\\(character)' in a string")
    }
    static let malformedNumber = Message(id: "malformed-number", "malformed number")
    static let unterminatedComment = Message(id: "unterminated-comment", "unterminated '/*' comment")
    static let unterminatedString = Message(id: "unterminated-string", "unterminated string literal")
}
