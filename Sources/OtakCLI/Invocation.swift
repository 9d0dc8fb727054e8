/// One run of the `otak` command: what it was given and what it produced.
///
/// The command runs in-process on these values, so tests check exit codes and output
/// without spawning a process; `main.swift` only fills them in and prints.
public struct Invocation: Sendable {
    public var arguments: [String]
    public var environment: [String: String]
    public var standardOutputIsTerminal: Bool

    public init(arguments: [String], environment: [String: String] = [:], standardOutputIsTerminal: Bool = false) {
        self.arguments = arguments
        self.environment = environment
        self.standardOutputIsTerminal = standardOutputIsTerminal
    }

    /// Colour only on a terminal, and never when `NO_COLOR` is set, even to an empty value.
    var usesColor: Bool {
        standardOutputIsTerminal && environment["NO_COLOR"] == nil
    }
}

public struct Outcome: Sendable, Equatable {
    public var exitCode: Int32
    public var standardOutput = ""
    public var standardError = ""

    public init(exitCode: Int32, standardOutput: String = "", standardError: String = "") {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Exit codes are part of the command-line contract.
    public static let success: Int32 = 0
    public static let invalidInput: Int32 = 1
    public static let usageError: Int32 = 2
}
