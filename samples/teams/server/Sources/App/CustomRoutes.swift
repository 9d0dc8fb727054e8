// Created by otak 0.1.0 from teams.otak. This file is yours: `otak generate` never overwrites it.
import Hummingbird

/// Routes of your own, beside the generated ones. They pass through the same middleware: the
/// request log, JSON errors, and sign-in (`context.caller`).
///
///     router.get("reports/low-stock") { request, context in
///         _ = try context.caller.access(ProductPermissions.list)
///         ...
///     }
func addCustomRoutes(to router: Router<AppRequestContext>, database: Database, hooks: AppHooks) {}
