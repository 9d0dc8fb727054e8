// swift-tools-version:6.1
import PackageDescription

// The shop sample's generated Swift client, used as an app would: scripts/client-test builds
// this package and runs its tests against a served shop.
let package = Package(
    name: "client-check",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../../samples/shop/server/Client"),
    ],
    targets: [
        .testTarget(name: "ShopClientTests", dependencies: [.product(name: "ShopClient", package: "Client")]),
    ]
)
