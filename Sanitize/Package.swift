// swift-tools-version:6.0
// The Lua bridge and what loads and checks files through it (and the lifecycle that calls rule
// functions from the worlds), alone, for the sanitizer run of
// `make test` (AddressSanitizer and UndefinedBehaviorSanitizer): the same sources as the main
// package (Sources and Tests are links to them), without the store, the command line and the
// server, whose dependencies (GRDB, swift-argument-parser, Hummingbird and SwiftNIO) would
// otherwise be compiled with the sanitizers for nothing. scripts/check-sanitize-manifest (in make check
// and make test) fails when a target here is declared otherwise than in the main Package.swift.
import PackageDescription

let package = Package(
    name: "ccts-sanitize",
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        .target(name: "LuaSandbox", dependencies: ["CLua"], exclude: ["README.md"]),
        .target(name: "CCTS", exclude: ["README.md"]),
        .target(name: "DefaultRules", exclude: ["README.md"], resources: [.embedInCode("Rules")]),
        .target(
            name: "Loading",
            dependencies: [
                "LuaSandbox", "CCTS", "DefaultRules", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["README.md"],
            resources: [.embedInCode("Lua")]
        ),
        .target(name: "WorkSharing", exclude: ["README.md"]),
        .target(name: "Statistics", dependencies: ["WorkSharing"], exclude: ["README.md"]),
        .target(name: "Simulation", dependencies: ["CCTS", "Statistics", "WorkSharing"], exclude: ["README.md"]),
        .target(
            name: "Market", dependencies: ["CCTS", "Simulation", "Statistics", "WorkSharing"], exclude: ["README.md"]),
        .target(
            name: "Planning", dependencies: ["CCTS", "Simulation", "Statistics", "WorkSharing"],
            exclude: ["README.md"]),
        .target(name: "Optimisation", dependencies: ["CGLPK"], exclude: ["README.md"]),
        .target(name: "Requests", exclude: ["README.md"]),
        // the report pages show the workflows' results
        .target(
            name: "Workflows",
            dependencies: [
                "CCTS", "Loading", "LuaSandbox", "Market", "Optimisation", "Planning", "Requests", "Simulation",
                "Statistics", "WorkSharing",
            ],
            exclude: ["README.md"]),
        .target(
            name: "Reports",
            dependencies: [
                "CCTS", "Market", "Optimisation", "Planning", "Simulation", "Statistics", "Workflows",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["README.md"],
            resources: [.embedInCode("Templates")]
        ),
        .target(
            name: "Fuzzing",
            dependencies: [
                "CCTS", "Loading", "LuaSandbox", "Market", "Planning", "Reports", "Simulation",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["README.md"]),
        .testTarget(name: "LuaSandboxTests", dependencies: ["LuaSandbox"]),
        .target(name: "TestSupport", dependencies: ["CCTS", "Loading", "Simulation"], path: "Tests/TestSupport"),
        .testTarget(
            name: "LoadingTests",
            dependencies: [
                "Loading", "CCTS", "LuaSandbox", "DefaultRules", "Simulation", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "LifecycleTests",
            dependencies: ["CCTS", "Loading", "Market", "Planning", "Simulation", "TestSupport"]),
        .testTarget(name: "FuzzTests", dependencies: ["Fuzzing", "Loading"], exclude: ["Regressions"]),
    ]
)
