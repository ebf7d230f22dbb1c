// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ccts",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ccts", targets: ["ccts"]),
        .executable(name: "ccts-serve", targets: ["ccts-serve"]),
        .executable(name: "ccts-fuzz", targets: ["ccts-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),

        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),

        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),

        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        // MARK: Lua layer: the only code that calls the Lua C API
        .target(name: "LuaSandbox", dependencies: ["CLua"], exclude: ["README.md"]),

        // MARK: Domain: units, factors, the CCTS lifecycle (no Lua, no I/O)
        .target(name: "CCTS", exclude: ["README.md"]),

        // MARK: Loading: Lua values -> typed rule sets and scenarios
        .target(name: "DefaultRules", exclude: ["README.md"], resources: [.embedInCode("Rules")]),
        .target(name: "Examples", exclude: ["README.md"], resources: [.embedInCode("Scenarios")]),
        .target(
            name: "Loading",
            dependencies: [
                "LuaSandbox", "CCTS", "DefaultRules", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["README.md"],
            resources: [.embedInCode("Lua")]
        ),

        // MARK: Work sharing: jobs over threads, a lock, the first failure, the phase timeline
        .target(name: "WorkSharing", exclude: ["README.md"]),

        // MARK: Statistics: compensated sums, exact order statistics by bins, summaries, rank correlation
        .target(
            name: "Statistics", dependencies: ["WorkSharing"], exclude: ["README.md"],
            // The second half of the hot loop: the passes' per-value kernels (a bin index, a count, a
            // candidate's test) run for every world of every series. Checked, they cost 0.035 s more of
            // the yardstick's 0.58 s (+6 %: pass 1 0.067 → 0.077 s, the later pass 0.098 → 0.120 s,
            // medians of 9 runs of 10⁶ worlds); scripts/test-install checks these numbers against debug's.
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),

        // MARK: Simulation: the hot loop — plans compiled from scenarios, distributions, worlds
        .target(
            name: "Simulation", dependencies: ["CCTS", "Statistics", "WorkSharing"], exclude: ["README.md"],
            // The hot loops index flat arrays by compiled slot numbers and bins the code has already
            // bounded; release builds drop the per-access checks. Measured to pay (whole command,
            // 1,000,000 worlds of the benchmark, 9 alternating runs: 0.685 s median against 0.750 s
            // checked); scripts/test-install checks that this build's numbers equal the debug build's.
            // With Statistics, the only targets built this way: the market and planning keep their checks.
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),

        // MARK: Market: a portfolio's certificates traded among its entities, world by world
        .target(
            name: "Market", dependencies: ["CCTS", "Simulation", "Statistics", "WorkSharing"], exclude: ["README.md"]),

        // MARK: Planning: an entity's purchases of certificates and offsets, searched over its worlds
        .target(
            name: "Planning", dependencies: ["CCTS", "Simulation", "Statistics", "WorkSharing"],
            exclude: ["README.md"]),

        // MARK: Optimisation: linear and mixed-integer programmes, solved by GLPK
        .target(name: "Optimisation", dependencies: ["CGLPK"], exclude: ["README.md"]),

        // MARK: Run store: every run in SQLite (GRDB on the system SQLite)
        .target(name: "RunStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")], exclude: ["README.md"]),

        // MARK: Requests: what can be asked (each workflow's request, a server job), with no engine behind it
        .target(name: "Requests", exclude: ["README.md"]),

        // MARK: Workflows: what-if workflows as request -> result, for the command line, re-runs and merges
        .target(
            name: "Workflows",
            dependencies: [
                "CCTS", "Loading", "LuaSandbox", "Market", "Optimisation", "Planning", "Requests", "Simulation",
                "Statistics", "WorkSharing",
            ],
            exclude: ["README.md"]),

        // MARK: Output
        // Report pages are Mustache templates (Templates/) filled from a ReportDocument.
        .target(
            name: "Reports",
            dependencies: [
                "CCTS", "Market", "Optimisation", "Planning", "Simulation", "Statistics", "Workflows",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["README.md"],
            resources: [.embedInCode("Templates")]
        ),

        // MARK: Spreadsheets: workbooks written with libxlsxwriter
        .target(name: "Spreadsheets", dependencies: ["CXlsxWriter"], exclude: ["README.md"]),

        // MARK: Command line
        // The commit a build was made from (make writes Sources/CBuildInfo/commit.h).
        .target(name: "CBuildInfo"),
        // What both executables' command layers share: exit codes, messages, the store option, the version.
        .target(
            name: "CommandSupport",
            dependencies: ["CBuildInfo", "RunStore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The commands as a library: options, rendering, the store; what the binary and the tests call.
        .target(
            name: "Commands",
            dependencies: [
                "CCTS", "CLua", "CommandSupport", "Examples", "Loading", "LuaSandbox", "Market", "Optimisation",
                "Planning", "Reports", "Requests", "Simulation", "RunStore", "Spreadsheets", "Statistics",
                "Workflows", "WorkSharing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"]
        ),
        // The binary: its main calls Commands, with the process's arguments, output and environment.
        .executableTarget(name: "ccts", dependencies: ["Commands"]),

        // MARK: The HTTP server: ccts-serve, which `ccts serve` starts (built only where it is needed)
        .target(
            name: "Server",
            dependencies: [
                "CommandSupport", "Examples", "Requests", "RunStore", "ServeSite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            exclude: ["README.md"]
        ),
        .executableTarget(name: "ccts-serve", dependencies: ["CommandSupport", "Server"]),
        // The site the server serves: its OpenAPI document and run browser, embedded
        .target(name: "ServeSite", exclude: ["README.md"], resources: [.embedInCode("Site")]),

        // MARK: Fuzzing: mutants of the shipped files through every command, judged by an oracle
        .target(
            name: "Fuzzing",
            dependencies: [
                "CCTS", "Loading", "LuaSandbox", "Market", "Planning", "Reports", "Simulation",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["README.md"]),
        .executableTarget(name: "ccts-fuzz", dependencies: ["Fuzzing"]),

        // MARK: Tests
        // Inputs worked out by hand that more than one test target checks.
        .target(name: "TestSupport", dependencies: ["CCTS", "Loading", "Simulation"], path: "Tests/TestSupport"),
        .testTarget(name: "LuaSandboxTests", dependencies: ["LuaSandbox"]),
        .testTarget(name: "CCTSTests", dependencies: ["CCTS"]),
        .testTarget(name: "OptimisationTests", dependencies: ["Optimisation"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "Simulation"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "CCTS", "Loading", "Statistics"]),
        // The lifecycle's arithmetic by hand, and its three callers (a run, the market, procurement)
        // agreeing on the one ledger; the sanitizer package runs these too (rule functions called from the worlds).
        .testTarget(
            name: "LifecycleTests",
            dependencies: ["CCTS", "Loading", "Market", "Planning", "Simulation", "TestSupport"]),
        .testTarget(name: "MarketTests", dependencies: ["Market", "CCTS", "Loading", "Simulation"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "CCTS", "Loading", "Simulation"]),
        .testTarget(
            name: "LoadingTests",
            dependencies: [
                "Loading", "CCTS", "LuaSandbox", "DefaultRules", "Simulation", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]),
        // Reports shows optimisation results, so its tests need GLPK's module map (CGLPK, through Optimisation).
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "CCTS", "Optimisation"]),
        .testTarget(name: "RunStoreTests", dependencies: ["RunStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "Commands", "CommandSupport", "Requests", "RunStore", "Examples", "Spreadsheets", "Reports",
                "TestSupport",
            ]),
        .testTarget(
            name: "WorkflowsTests",
            dependencies: [
                "Workflows", "CCTS", "Loading", "Market", "Planning", "Requests", "Simulation", "Statistics",
                "TestSupport",
            ]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Requests", "RunStore"]),
        .testTarget(name: "FuzzTests", dependencies: ["Fuzzing", "Loading"], exclude: ["Regressions"]),
    ]
)
