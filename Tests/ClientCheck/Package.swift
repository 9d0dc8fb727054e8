// swift-tools-version:6.1
import PackageDescription

// The shop sample's generated Swift client, used as an app would: scripts/client-test builds
// this package and runs its tests against a served shop.
let package = Package(
    name: "client-check",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../../samples/shop/server/Client"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.0"),
    ],
    targets: [
        .testTarget(name: "ShopClientTests", dependencies: [
            .product(name: "ShopClient", package: "Client"),
            // `HTTPBody`: the bytes of uploads and downloads.
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
        ]),
    ]
)
