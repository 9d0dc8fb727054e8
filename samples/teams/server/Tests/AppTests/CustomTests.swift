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

        func willCreate(_ record: inout UserRecord, id: UUID, context: HookContext) async throws {
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
            scene.tokens[name] = TokenService(secret: testSecret, lifetime: 3600).issue(for: id).text
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

    @Test func whoeverCreatesAWorkspaceIsItsFirstAdmin() async throws {
        try await withScene { (scene: Scene) async throws in
            let (created, workspace) = try await scene.send(.post, "/workspaces", as: "dave", ["name": .string("Dave's")])
            #expect(created == .created)
            let id = try workspace.id
            #expect(try await scene.send(.get, "/workspaces/\(id)", as: "dave").status == .ok)
            let members = try await scene.send(.get, "/memberships?workspaceId=\(id)", as: "dave").body["items"]?.arrayValue
            #expect(members?.compactMap { $0["userId"]?.stringValue } == [scene["dave"]])
            #expect(members?.first?["role"] == .string("admin"))
            // The admin adds people; nobody joins on their own.
            let carol = ["workspaceId": JSONValue.string(id), "userId": .string(scene["carol"])]
            #expect(try await scene.send(.post, "/memberships", as: "carol", carol).status == .forbidden)
            #expect(try await scene.send(.post, "/memberships", as: "dave", carol).status == .created)
            #expect(try await scene.send(.get, "/workspaces/\(id)", as: "carol").status == .ok)
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

    /// A small deterministic generator (SplitMix64), so that a failing scene can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Random workspaces, memberships and private projects: for every user, the todos the server
    /// lists, and whether it lets them add one to each project, agree with the rule evaluated
    /// in Swift here (a member of the project's workspace, and an admin of it if it is private).
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func theRulesAgreeWithTheirMeaningOnRandomScenes(_ seed: UInt64) async throws {
        try await withServer(hooks: AppHooks()) { client in
            var random = SeededGenerator(state: seed)
            var fixtures = Fixtures(client)
            var tokens: [String: String] = [:]
            var users: [String] = []
            for index in 0..<4 {
                let id = try await fixtures.createUser(["email": .string("user\(index)@example.com")]).id
                users.append(id)
                tokens[id] = TokenService(secret: testSecret, lifetime: 3600).issue(for: try #require(UUID(uuidString: id))).text
            }
            // role[user][workspace]: nil when not a member.
            var roles: [String: [String: String]] = [:]
            var workspaceOf: [String: String] = [:]   // project → workspace
            var isPrivate: [String: Bool] = [:]       // project → private
            var todos: [String: String] = [:]         // todo → project
            for index in 0..<3 {
                let workspace = try await fixtures.createWorkspace(["name": .string("W\(index)")]).id
                for user in users where Bool.random(using: &random) {
                    let role = Bool.random(using: &random) ? "admin" : "member"
                    roles[user, default: [:]][workspace] = role
                    _ = try await send(client, .post, "/memberships", body: .object([
                        "workspaceId": .string(workspace), "userId": .string(user), "role": .string(role),
                    ]))
                }
                for _ in 0..<2 {
                    let hidden = Bool.random(using: &random)
                    let project = try await fixtures.createProject(["workspaceId": .string(workspace), "isPrivate": .bool(hidden)]).id
                    workspaceOf[project] = workspace
                    isPrivate[project] = hidden
                    for _ in 0..<Int.random(in: 0...2, using: &random) {
                        todos[try await fixtures.createTodo(["projectId": .string(project)]).id] = project
                    }
                }
            }
            func mayWork(_ user: String, in project: String) -> Bool {
                guard let workspace = workspaceOf[project], let role = roles[user]?[workspace] else { return false }
                return isPrivate[project] != true || role == "admin"
            }
            for user in users {
                let response = try await request(client, .get, "/todos?limit=200", token: tokens[user])
                #expect(response.status == .ok)
                let listed = Set(response.body["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
                let expected = Set(todos.filter { mayWork(user, in: $0.value) }.keys)
                #expect(listed == expected, "seed \(seed), user \(user)")
            }
            // Creating checks the rule against the new row (in SQL, on the values sent).
            for user in users {
                for project in workspaceOf.keys.sorted() {
                    let body = JSONValue.object(["projectId": .string(project), "title": .string("t")])
                    let created = try await request(client, .post, "/todos", token: tokens[user], body: body).status
                    #expect(created == (mayWork(user, in: project) ? .created : .forbidden), "seed \(seed), create in \(project)")
                }
            }
        }
    }
}
