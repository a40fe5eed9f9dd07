// swift-tools-version: 6.0
import PackageDescription

// Modules depend downward only:
// CLibPQ → Postgres → Ledger → (Reports, Import) → FundLedgerWeb (the staff's screens)
// → FundLedgerAPI (the HTTP service, which mounts the screens under /app) → fundledger CLI.
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
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
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
        // The staff's screens under /app: server-rendered HTML (mustache templates shipped as
        // resources), signed-in staff users, sessions and CSRF. Generic over the request context
        // of whoever mounts it, so it depends on no module above it.
        .target(
            name: "FundLedgerWeb",
            dependencies: [
                "Postgres", "Ledger", "Reports", "Import",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Templates")]
        ),
        // The HTTP service. Its OpenAPI document (`openapi.yaml`) ships as a resource, is served at
        // /openapi.yaml, and is held to the routes by tests (every route documented, every
        // documented route answered) and by schemathesis against the live server.
        .target(
            name: "FundLedgerAPI",
            dependencies: [
                "Postgres", "Ledger", "Reports", "Import", "FundLedgerWeb",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("openapi.yaml")]
        ),
        .executableTarget(
            name: "fundledger",
            dependencies: [
                "Postgres", "Ledger", "Reports", "Import", "FundLedgerAPI", "FundLedgerWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Measures writes through the library for scripts/bench-api (never run by the tests).
        .executableTarget(name: "fundledger-bench", dependencies: ["Postgres", "Ledger", "Reports"]),
        .target(
            name: "TestSupport",
            dependencies: ["Postgres", "Ledger"],
            path: "Tests/TestSupport",
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "TestSupport"], exclude: ["Fixtures"]),
        // Runs the built `fundledger` binary end to end; depending on it makes SwiftPM build it first.
        .testTarget(name: "fundledgerTests", dependencies: ["fundledger", "Ledger", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Ledger", "TestSupport"]),
        .testTarget(name: "ImportTests", dependencies: ["Import", "Ledger", "TestSupport"]),
        // Replays the fuzz corpus (Fixtures/fuzz-corpus) through the properties the libFuzzer
        // targets check (Properties/, also compiled by scripts/fuzz with Tests/Fuzz); no database.
        .testTarget(name: "FuzzTests", dependencies: ["Import", "Ledger", "Postgres"], exclude: ["Fixtures"]),
        .testTarget(name: "FundLedgerAPITests", dependencies: [
            "FundLedgerAPI", "Ledger", "Reports", "Import", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "FundLedgerWebTests", dependencies: [
            "FundLedgerWeb", "FundLedgerAPI", "Ledger", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
