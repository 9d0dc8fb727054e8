// Created by otak 0.1.0 from teams.otak. This file is yours: `otak generate` never overwrites it.
import Hummingbird
import Logging

/// The entry point: reads the configuration from the environment and serves until stopped.
@main
struct App {
    static func main() async throws {
        let configuration = try AppConfiguration(environment: Environment())
        let app = try await buildApplication(configuration)
        try await app.runService()
    }
}
