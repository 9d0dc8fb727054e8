// Created by otak 0.1.0 from teams.otak. This file is yours: `otak generate` never overwrites it.
@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The teams' rules at work: who sees and changes what depends on memberships, reached through
/// the relations (`project.workspace.memberships.any(…)`), and suspended users are denied writes.
///
/// Workspace W1: alice (admin), bob and sam (members; sam is suspended); projects P1 (public)
/// and P2 (private), todos T1 and T2. Workspace W2: carol (admin), project P3, todo T3. Dave is
/// in no workspace.
@Suite struct CustomTests {
    /// Marks users named "suspended …" as suspended when they are created, as an operator would.
    struct SuspendingUserHooks: EntityHooks {
        typealias Model = User
        typealias Record = UserRecord

        func willCreate(_ record: inout UserRecord, id: UUID, connection: DatabaseConnection) async throws {
            record.suspended = record.name.hasPrefix("suspended")
        }
    }

    struct Scene {
        var tokens: [String: String] = [:]
        var ids: [String: String] = [:]
        let client: any TestClientProtocol

        /// Sends a request as one of the users, or as anonymous (`nil`).
        func send(_ method: HTTPRequest.Method, _ uri: String, as user: String?, _ body: [String: JSONValue]? = nil)
            async throws -> (status: HTTPResponse.Status, body: JSONValue)
        {
            let response = try await request(client, method, uri, token: user.flatMap { tokens[$0] }, anonymous: user == nil,
                                             body: body.map(JSONValue.object))
            return (response.status, response.body)
        }

        /// The titles of the todos a user lists.
        func todos(as user: String?) async throws -> [String] {
            let (_, body) = try await send(.get, "/todos?sort=title", as: user)
            return body["items"]?.arrayValue?.compactMap { $0["title"]?.stringValue } ?? []
        }

        subscript(name: String) -> String { ids[name] ?? "" }
    }

    /// Builds the scene as the server itself (requests without a token), then hands out tokens.
    func makeScene(_ client: any TestClientProtocol) async throws -> Scene {
        var scene = Scene(client: client)
        var fixtures = Fixtures(client)
        for (name, email) in [("alice", "alice@example.com"), ("bob", "bob@example.com"), ("carol", "carol@example.com"),
                              ("dave", "dave@example.com"), ("sam", "sam@example.com")] {
            let user = try await fixtures.createUser(["email": .string(email), "name": .string(name == "sam" ? "suspended sam" : name)])
            let text = try user.id
            scene.ids[name] = text
            let id = try #require(UUID(uuidString: text))
            scene.tokens[name] = try await TokenService(secret: testSecret, lifetime: 3600).issue(for: id).text
        }
        func create(_ route: String, _ body: [String: JSONValue]) async throws -> String {
            let (status, created) = try await send(client, .post, route, body: .object(body))
            try #require(status == .created, "POST \(route): \(status) \(created)")
            return try created.id
        }
        scene.ids["W1"] = try await create("/workspaces", ["name": .string("One")])
        scene.ids["W2"] = try await create("/workspaces", ["name": .string("Two")])
        for (user, workspace, role) in [("alice", "W1", "admin"), ("bob", "W1", "member"), ("sam", "W1", "member"), ("carol", "W2", "admin")] {
            _ = try await create("/memberships", ["workspaceId": .string(scene[workspace]), "userId": .string(scene[user]), "role": .string(role)])
        }
        scene.ids["P1"] = try await create("/projects", ["workspaceId": .string(scene["W1"]), "name": .string("Public")])
        scene.ids["P2"] = try await create("/projects", ["workspaceId": .string(scene["W1"]), "name": .string("Private"), "isPrivate": .bool(true)])
        scene.ids["P3"] = try await create("/projects", ["workspaceId": .string(scene["W2"]), "name": .string("Theirs")])
        for (todo, project) in [("T1", "P1"), ("T2", "P2"), ("T3", "P3")] {
            scene.ids[todo] = try await create("/todos", ["projectId": .string(scene[project]), "title": .string(todo)])
        }
        return scene
    }

    func withScene(_ test: @escaping @Sendable (Scene) async throws -> Void) async throws {
        var hooks = AppHooks()
        hooks.user = SuspendingUserHooks()
        try await withServer(hooks: hooks) { client in try await test(try await makeScene(client)) }
    }

    @Test func listsHoldTheRowsOfTheCallersWorkspacesOnly() async throws {
        try await withScene { (scene: Scene) async throws in
            #expect(try await scene.todos(as: "alice") == ["T1", "T2"])
            #expect(try await scene.todos(as: "bob") == ["T1"])
            #expect(try await scene.todos(as: "carol") == ["T3"])
            #expect(try await scene.todos(as: "dave").isEmpty)
            #expect(try await scene.send(.get, "/todos", as: nil).status == .unauthorized)
            #expect(try await scene.send(.get, "/projects?sort=name", as: "bob").body["items"]?.arrayValue?.count == 1)
            #expect(try await scene.send(.get, "/workspaces", as: "dave").body["items"]?.arrayValue?.count == 0)
        }
    }

    @Test func rowsOutOfReachAreNotFound() async throws {
        try await withScene { (scene: Scene) async throws in
            #expect(try await scene.send(.get, "/todos/\(scene["T2"])", as: "bob").status == .notFound)
            #expect(try await scene.send(.get, "/todos/\(scene["T2"])", as: "alice").status == .ok)
            #expect(try await scene.send(.get, "/todos/\(scene["T1"])", as: "carol").status == .notFound)
            // Colleagues see each other; strangers do not.
            #expect(try await scene.send(.get, "/users/\(scene["alice"])", as: "bob").status == .ok)
            #expect(try await scene.send(.get, "/users/\(scene["alice"])", as: "dave").status == .notFound)
        }
    }

    @Test func writesFollowMembershipAndRole() async throws {
        try await withScene { (scene: Scene) async throws in
            let todo = ["projectId": JSONValue.string(scene["P1"]), "title": .string("new")]
            #expect(try await scene.send(.post, "/todos", as: "bob", todo).status == .created)
            #expect(try await scene.send(.post, "/todos", as: "dave", todo).status == .forbidden)
            #expect(try await scene.send(.post, "/todos", as: "bob", ["projectId": .string(scene["P2"]), "title": .string("x")]).status == .forbidden)
            // Only admins delete todos and rename workspaces.
            #expect(try await scene.send(.delete, "/todos/\(scene["T1"])", as: "bob").status == .forbidden)
            #expect(try await scene.send(.patch, "/workspaces/\(scene["W1"])", as: "bob", ["name": .string("Mine")]).status == .forbidden)
            #expect(try await scene.send(.patch, "/workspaces/\(scene["W1"])", as: "alice", ["name": .string("Ours")]).status == .ok)
            #expect(try await scene.send(.delete, "/todos/\(scene["T1"])", as: "alice").status == .noContent)
        }
    }

    @Test func aTodoCannotBeMovedIntoAWorkspaceOfOthers() async throws {
        try await withScene { (scene: Scene) async throws in
            for user in ["bob", "alice"] {
                let (status, _) = try await scene.send(.patch, "/todos/\(scene["T1"])", as: user, ["projectId": .string(scene["P3"])])
                #expect(status == .forbidden, "\(user)")
            }
            #expect(try await scene.send(.get, "/todos/\(scene["T1"])", as: "alice").body["projectId"] == .string(scene["P1"]))
            // Not even by someone who belongs to both workspaces (`deny update: new.project.workspace != …`).
            let joined = try await send(scene.client, .post, "/memberships", body: .object([
                "workspaceId": .string(scene["W2"]), "userId": .string(scene["alice"]),
            ]))
            #expect(joined.status == .created)
            #expect(try await scene.send(.patch, "/todos/\(scene["T3"])", as: "alice", ["title": .string("seen")]).status == .ok)
            #expect(try await scene.send(.patch, "/todos/\(scene["T1"])", as: "alice", ["projectId": .string(scene["P3"])]).status == .forbidden)
            // Within the workspace it moves, for an admin even into the private project.
            #expect(try await scene.send(.patch, "/todos/\(scene["T1"])", as: "alice", ["projectId": .string(scene["P2"])]).status == .ok)
        }
    }

    @Test func suspendedUsersMayReadButNotWrite() async throws {
        try await withScene { (scene: Scene) async throws in
            #expect(try await scene.todos(as: "sam") == ["T1"])
            #expect(try await scene.send(.post, "/todos", as: "sam", ["projectId": .string(scene["P1"]), "title": .string("x")]).status == .forbidden)
            #expect(try await scene.send(.patch, "/todos/\(scene["T1"])", as: "sam", ["title": .string("y")]).status == .forbidden)
            #expect(try await scene.send(.post, "/workspaces", as: "sam", ["name": .string("Own")]).status == .forbidden)
        }
    }

    @Test func whoeverCreatesAWorkspaceJoinsItFirst() async throws {
        try await withScene { (scene: Scene) async throws in
            let (created, workspace) = try await scene.send(.post, "/workspaces", as: "dave", ["name": .string("Dave's")])
            #expect(created == .created)
            let id = try workspace.id
            let join = ["workspaceId": JSONValue.string(id), "userId": .string(scene["dave"]), "role": .string("admin")]
            #expect(try await scene.send(.post, "/memberships", as: "dave", join).status == .created)
            // Once it has a member, nobody joins on their own.
            let intruder = ["workspaceId": JSONValue.string(id), "userId": .string(scene["carol"]), "role": .string("admin")]
            #expect(try await scene.send(.post, "/memberships", as: "carol", intruder).status == .forbidden)
            #expect(try await scene.send(.get, "/workspaces/\(id)", as: "dave").status == .ok)
        }
    }

    @Test func aCommentStaysOnItsTodo() async throws {
        try await withScene { (scene: Scene) async throws in
            let (created, comment) = try await scene.send(.post, "/comments", as: "alice", [
                "todoId": .string(scene["T1"]), "body": .string("first"),
            ])
            #expect(created == .created)
            let id = try comment.id
            #expect(try await scene.send(.patch, "/comments/\(id)", as: "alice", ["body": .string("edited")]).status == .ok)
            #expect(try await scene.send(.patch, "/comments/\(id)", as: "alice", ["todoId": .string(scene["T2"])]).status == .forbidden)
            #expect(try await scene.send(.patch, "/comments/\(id)", as: "bob", ["body": .string("mine now")]).status == .forbidden)
            #expect(try await scene.send(.get, "/comments/\(id)", as: "alice").body["todoId"] == .string(scene["T1"]))
        }
    }
}
