import Foundation
import OtakCLI
import Testing

@Suite struct CLITests {
    @Test func version() {
        let outcome = OtakCommand.run(Invocation(arguments: ["--version"]))
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardOutput == "otak \(OtakCommand.version)\n")
    }
}
