// swift-tools-version: 6.0
import PackageDescription

// Modules depend downward only:
// CLibPQ → Postgres → Ledger → (Reports, Import) → fundledger CLI / Server.
let package = Package(
    name: "FundLedger",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fundledger", targets: ["fundledger"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "Ledger", targets: ["Ledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "Postgres",
            dependencies: [
                "CLibPQ",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The SQL ships as resources of its own small module, so that it stays in `sql/` where a
        // database administrator looks for it: numbered migrations, then the re-applied
        // functions, views and grants.
        .target(
            name: "LedgerMigrations",
            path: "sql",
            resources: [.copy("migrations"), .copy("functions"), .copy("views"), .copy("grants.sql")]
        ),
        .target(
            name: "Ledger",
            dependencies: ["Postgres", "LedgerMigrations"]
        ),
        .target(name: "Reports", dependencies: ["Ledger", "Postgres"]),
        .target(name: "Import", dependencies: ["Ledger", "Postgres", .product(name: "Crypto", package: "swift-crypto")]),
        .executableTarget(
            name: "fundledger",
            dependencies: [
                "Postgres", "Ledger", "Reports", "Import",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Postgres", "Ledger"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "TestSupport"], exclude: ["Fixtures"]),
        // Runs the built `fundledger` binary end to end; depending on it makes SwiftPM build it first.
        .testTarget(name: "fundledgerTests", dependencies: ["fundledger", "Ledger", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Ledger", "TestSupport"]),
        .testTarget(name: "ImportTests", dependencies: ["Import", "Ledger", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
