// swift-tools-version:6.0
// A contender of bench/shop: the shop sample's product routes as a Vapor developer writes them,
// with Fluent models and the query builder, DTOs for responses, and vapor/jwt for tokens.
import PackageDescription

let package = Package(
    name: "vapor-shop",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/jwt.git", from: "5.2.0"),
    ],
    targets: [
        .executableTarget(
            name: "VaporShop",
            dependencies: [
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "JWT", package: "jwt"),
            ]
        ),
    ]
)
