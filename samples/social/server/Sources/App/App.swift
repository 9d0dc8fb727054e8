// Created by otak 0.1.0 from social.otak. This file is yours: `otak generate` never overwrites it.
import Foundation
import Hummingbird
import Logging

/// The entry point: reads the configuration from the environment and serves until stopped.
@main
struct App {
    static func main() async {
        do {
            let configuration = try AppConfiguration(environment: Environment())
            let app = try await buildApplication(configuration)
            try await app.runService()
        } catch {
            // A bad setting, or a database that cannot be reached, is the operator's to fix: one
            // line and exit status 1, not a crash with a backtrace.
            FileHandle.standardError.write(Data("social-server: \(error)\n".utf8))
            exit(1)
        }
    }
}
