// Created by otak 0.1.0 from chat.otak. This file is yours: `otak generate` never overwrites it.
@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Tests of your hooks and custom routes. The generated tests run without hooks
/// (`AppHooks.none`); here `withServer(hooks: AppHooks())` serves with them.
@Suite struct CustomTests {}
