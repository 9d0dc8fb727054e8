// Created by otak 0.1.0 from social.otak. This file is yours: `otak generate` never overwrites it.
import Logging

/// The mailer that sends account mail (password reset links, email confirmation links).
///
/// Return one that sends through your provider: its HTTP API (add async-http-client to the
/// package) or an SMTP relay. With `nil`, development mode logs each message with its link,
/// and production refuses to start: a user who asks for a link would never get it.
///
///     struct ProviderMailer: Mailer {
///         let apiKey: String
///         func send(_ mail: AccountMail) async throws {
///             // POST mail.recipient, mail.subject and mail.text to the provider with apiKey.
///         }
///     }
///
///     guard let key = ProcessInfo.processInfo.environment["MAIL_API_KEY"] else { return nil }
///     return ProviderMailer(apiKey: key)
func makeMailer(_ configuration: AppConfiguration, logger: Logger) -> (any Mailer)? {
    nil
}
