// Times checking a bearer token, as every authenticated request does: the generated
// TokenService (swift-crypto's HMAC, our JSON parser) against jwt-kit's JWTKeyCollection (an
// actor, Foundation's JSONDecoder), one after the other and from 2 tasks at once. Both must
// accept the same tokens and refuse the same forgeries.
import Foundation
import JWTKit

struct Claims: JWTPayload {
    var sub: SubjectClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    func verify(using algorithm: some JWTAlgorithm) async throws { try exp.verifyNotExpired() }
}

let secret = Array("a secret of more than thirty-two bytes, for bench/jwt".utf8)
let ours = TokenService(secret: secret, lifetime: 3600)
let keys = JWTKeyCollection()
await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)

let tokens = (0..<1000).map { _ in ours.issue(for: UUID()).text }
let forgeries = [
    "not a token",
    String(tokens[0].dropLast(3)) + "abc",
    TokenService(secret: Array("another secret of more than thirty-two bytes".utf8), lifetime: 60).issue(for: UUID()).text,
    ours.issue(for: UUID(), at: Date().addingTimeInterval(-7200)).text,
]

func jwtKitID(_ token: String) async -> UUID? {
    guard let claims = try? await keys.verify(token, as: Claims.self) else { return nil }
    return UUID(uuidString: claims.sub.value)
}

for token in tokens + forgeries {
    let mine = ours.userID(from: token[...])
    let theirs = await jwtKitID(token)
    guard mine == theirs else { fatalError("the two disagree on \(token): \(String(describing: mine)) and \(String(describing: theirs))") }
}
print("both accept the same \(tokens.count) tokens and refuse the same \(forgeries.count) forgeries")

let rounds = 5, perRound = 100_000
func time(_ tasks: Int, _ check: @escaping @Sendable (String) async -> UUID?) async -> Double {
    let start = ContinuousClock.now
    await withTaskGroup(of: Int.self) { group in
        for task in 0..<tasks {
            group.addTask {
                var accepted = 0
                for index in 0..<(perRound / tasks) where await check(tokens[(index + task) % tokens.count]) != nil { accepted += 1 }
                return accepted
            }
        }
        for await accepted in group { precondition(accepted == perRound / tasks) }
    }
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
}

if CommandLine.arguments.contains("--ours-only") {
    // For a profile of TokenService alone.
    for _ in 0..<20 { _ = await time(1) { ours.userID(from: $0[...]) } }
    exit(0)
}

for tasks in [1, 2] {
    var mine: [Double] = [], theirs: [Double] = []
    for _ in 0..<rounds {
        mine.append(await time(tasks) { ours.userID(from: $0[...]) } / Double(perRound))
        theirs.append(await time(tasks) { await jwtKitID($0) } / Double(perRound))
    }
    let median = { (values: [Double]) in values.sorted()[values.count / 2] }
    print(String(format: "%d task(s): TokenService %.2f µs a token, jwt-kit %.2f µs (%.1f×), medians of %d alternating rounds of %d",
                 tasks, median(mine), median(theirs), median(theirs) / median(mine), rounds, perRound))
}
