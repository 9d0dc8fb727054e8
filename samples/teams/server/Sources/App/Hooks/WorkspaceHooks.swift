// Created by otak 0.1.0 from teams.otak. This file is yours: `otak generate` never overwrites it.
import Foundation

/// Whoever creates a workspace becomes its first admin, in the same transaction; without a
/// member nobody could reach it, since every rule of a workspace goes through its memberships.
struct WorkspaceHooks: EntityHooks {
    typealias Model = Workspace
    typealias Record = WorkspaceRecord

    func didCreate(_ workspace: Workspace, context: HookContext) async throws {
        // The server's own code (`.system`) creates workspaces without a member.
        guard let user = context.caller.userID else { return }
        let membership = MembershipRecord(workspaceID: workspace.id, userID: user, role: .admin)
        try await context.connection.query(MembershipQueries.insert, [.uuid(UUID())] + membership.bindings)
    }
}
