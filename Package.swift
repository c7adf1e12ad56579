// swift-tools-version:6.1
import PackageDescription

/// Settings every target shares: Swift 6 mode plus the strict upcoming features of our style guide.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// A domain plugin in `Plugins/<folder>`: module `<name>Plugin`, package trait `<name>` (on by default),
/// tests in `Tests/<name>PluginTests`, messages in `Protos/kiosk/plugins/<protos>/`. Adding a plugin is
/// one line in `plugins` below and one in `Sources/InstalledPlugins/InstalledPlugins.swift`
/// (`Tools/new-plugin` writes both). Keep each plugin on one line: `Tools/generate-protos` reads them.
struct DomainPlugin {
    /// The trait, and the stem of the module and test target names, e.g. `Nutrition`.
    var name: String
    /// The folder under `Plugins/`; the name by default.
    var folder: String
    /// The folder under `Protos/kiosk/plugins/` whose Swift code `Tools/generate-protos` writes to
    /// `Plugins/<folder>/Generated`; the name in lower case by default.
    var protos: String
    /// Resources shipped with the module, e.g. `.copy("Resources/who")`.
    var resources: [Resource]

    init(_ name: String, folder: String? = nil, protos: String? = nil, resources: [Resource] = []) {
        self.name = name
        self.folder = folder ?? name
        self.protos = protos ?? name.lowercased()
        self.resources = resources
    }

    var module: String { "\(self.name)Plugin" }
}

/// The installed domain plugins, in registration order.
let plugins: [DomainPlugin] = [
    DomainPlugin("Nutrition", resources: [.copy("Resources/who")]),
    DomainPlugin("Guardianship"),
    DomainPlugin("Allowances"),
    DomainPlugin("CivilRegistration"),
]

/// What every plugin module may use: the plugin API and the libraries its services are built with.
let pluginDependencies: [Target.Dependency] = [
    "KioskPluginKit",
    "KioskDomain",
    .product(name: "GRDB", package: "GRDB.swift"),
    .product(name: "GRPCCore", package: "grpc-swift-2"),
    .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
    .product(name: "SwiftProtobuf", package: "swift-protobuf"),
    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    .product(name: "Logging", package: "swift-log"),
]

/// What every plugin's tests may use: the shipped test support (live host, county fixture), the core's messages,
/// and the host's configuration (`TestCounty.with(plugins:configure:)` sets settings through it).
let pluginTestDependencies: [Target.Dependency] = [
    "KioskTesting", "KioskPluginKit", "KioskDomain", "KioskProtos", "KioskTransport", "KioskHarness", "KioskHost",
    .product(name: "GRPCCore", package: "grpc-swift-2"),
    .product(name: "SwiftProtobuf", package: "swift-protobuf"),
    .product(name: "GRDB", package: "GRDB.swift"),
]

let package = Package(
    name: "kiosk-server",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kioskd", targets: ["kioskd"]),
        .executable(name: "kioskctl", targets: ["kioskctl"]),
        .executable(name: "kiosk-load", targets: ["kiosk-load"]),
        .executable(name: "kiosk-store-bench", targets: ["kiosk-store-bench"]),
        .executable(name: "kiosk-registry-bench", targets: ["kiosk-registry-bench"]),
        .executable(name: "kiosk-report-bench", targets: ["kiosk-report-bench"]),
        .library(name: "KioskPluginKit", targets: ["KioskPluginKit"]),
        .library(name: "KioskTesting", targets: ["KioskTesting"]),
        .library(name: "CKioskClient", targets: ["CKioskClient"]),
        .executable(name: "kiosk", targets: ["kiosk"]),
        .executable(name: "kiosk-harness", targets: ["kiosk-harness"]),
    ],
    // Domain plugins, each a trait on by default; a deployment can build without one.
    traits: Set([.default(enabledTraits: Set(plugins.map(\.name)))] + plugins.map { Trait(name: $0.name) }),
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // TLS on the kiosk wire (docs/PROTOCOL.md, "TLS"): BoringSSL under NIO, and X.509 for county certificates.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
    ],
    targets: [
        // Generated protobuf messages and gRPC stubs for everything in Protos/ that the core owns.
        .target(
            name: "KioskProtos",
            dependencies: [
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        // Domain rules with no I/O: resident identity numbers, division codes and jurisdictions, pinyin keys.
        .target(
            name: "KioskDomain",
            swiftSettings: strictSettings
        ),
        // The kiosk wire: framing, frame codec and the per-connection state machines. No sockets.
        .target(
            name: "KioskWire",
            dependencies: [
                "KioskProtos",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        // County certificates: a county CA, server certificates it issues, and what a certificate says.
        .target(
            name: "KioskCertificates",
            dependencies: [
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // GRPCCore server and client transports over the kiosk wire (TLS or loopback plaintext), on SwiftNIO.
        .target(
            name: "KioskTransport",
            dependencies: [
                "KioskWire",
                "KioskProtos",
                "KioskCertificates",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // SQLite's authorizer chained in front of GRDB's: confines plugin SQL to the plugin's tables.
        .target(
            name: "CSQLiteGuard",
            linkerSettings: [.linkedLibrary("sqlite3"), .linkedLibrary("dl")]
        ),
        // SQLite store: durable writer with group commit, migrations, idempotency records, the SQL guard.
        .target(
            name: "KioskStore",
            dependencies: [
                "CSQLiteGuard",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The plugin contract: what a domain plugin declares and receives, and the core APIs it calls.
        .target(
            name: "KioskPluginKit",
            dependencies: [
                "KioskStore",
                "KioskDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // The core's implementation of the core APIs: registry, workflow, work list, consent, audit chain, retention.
        .target(
            name: "KioskRecords",
            dependencies: [
                "KioskPluginKit",
                "KioskStore",
                "KioskDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        // Core services over the wire: who may call (workers, PINs, sessions), the child registry, the workflow.
        .target(
            name: "KioskCore",
            dependencies: [
                "KioskRecords",
                "KioskDomain",
                "KioskPluginKit",
                "KioskStore",
                "KioskProtos",
                "KioskTransport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Scenarios"],
            swiftSettings: strictSettings
        ),
        // The host: configuration, plugin loading, interceptors, the server service.
        .target(
            name: "KioskHost",
            dependencies: [
                "KioskRecords",
                "KioskCore",
                "KioskPluginKit",
                "KioskStore",
                "KioskTransport",
                "KioskProtos",
                "KioskCertificates",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // Reports as files: CSV, and self-contained HTML with inline SVG charts (docs/INDICATORS.md).
        .target(
            name: "KioskReports",
            dependencies: ["KioskRecords", "KioskPluginKit"],
            swiftSettings: strictSettings
        ),
        // A realistic county (or many) generated from a seed straight into the tables, for reports,
        // benchmarks and demos (`kioskctl demo --scale county`); writes a plugin's tables when it is built in.
        .target(
            name: "KioskDemoData",
            dependencies: [
                "KioskStore",
                "KioskDomain",
                "KioskPluginKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ] + plugins.map { .target(name: $0.module, condition: .when(traits: [$0.name])) },
            swiftSettings: strictSettings
        ),
        // The build-time list of installed plugins, shared by kioskd and kioskctl.
        .target(
            name: "InstalledPlugins",
            dependencies: [
                "KioskPluginKit",
            ] + plugins.map { .target(name: $0.module, condition: .when(traits: [$0.name])) },
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kioskctl",
            dependencies: [
                "KioskRecords",
                "KioskHost",
                "KioskCore",
                "KioskDomain",
                "KioskPluginKit",
                "KioskStore",
                "InstalledPlugins",
                "KioskProtos",
                "KioskTransport",
                "KioskReports",
                "KioskDemoData",
                "KioskCertificates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kioskd",
            dependencies: [
                "KioskHost",
                "InstalledPlugins",
                "KioskPluginKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // Test support shipped to plugin authors: an in-process and a live-socket host.
        .target(
            name: "KioskTesting",
            dependencies: [
                "KioskSpawn",
                "KioskRecords",
                "KioskHost",
                "KioskDomain",
                "KioskCore",
                "KioskPluginKit",
                "KioskTransport",
                "KioskWire",
                "KioskProtos",
                "KioskCertificates",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // A tiny plugin used only by tests: proves the plugin API end to end.
        .target(
            name: "EchoPlugin",
            dependencies: [
                "KioskPluginKit",
                "KioskDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/Fixtures/EchoPlugin",
            exclude: ["Scenarios"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kiosk-load",
            dependencies: [
                "KioskTransport",
                "KioskTesting",
                "KioskProtos",
                "KioskHost",
                "KioskCore",
                "KioskPluginKit",
                "KioskCertificates",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tools/kiosk-load",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kiosk-store-bench",
            dependencies: [
                "KioskStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/kiosk-store-bench",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kiosk-report-bench",
            dependencies: [
                "KioskRecords",
                "KioskHost",
                "KioskStore",
                "KioskDomain",
                "KioskDemoData",
                "InstalledPlugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tools/kiosk-report-bench",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kiosk-registry-bench",
            dependencies: [
                "KioskRecords",
                "KioskStore",
                "KioskPluginKit",
                "KioskDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/kiosk-registry-bench",
            swiftSettings: strictSettings
        ),
        // protobuf-c messages for the C kiosk client, generated from Protos/ (Tools/generate-protos).
        .target(
            name: "CKioskProtos",
            path: "Sources/CKioskProtos",
            publicHeadersPath: "generated",
            linkerSettings: [.linkedLibrary("protobuf-c")]
        ),
        // The kiosk client's byte layer in C11: connect, send all, receive exactly, close; plain TCP or TLS
        // (OpenSSL). A leaf: it returns statuses and knows nothing of frames or of the client above it.
        .target(
            name: "CKioskTransport",
            linkerSettings: [.linkedLibrary("ssl"), .linkedLibrary("crypto")]
        ),
        // The thin kiosk client in C11: connection, calls, sign-in, the SQLite outbox (docs/KIOSK-CLIENT.md).
        .target(
            name: "CKioskClient",
            dependencies: ["CKioskProtos", "CKioskTransport"],
            linkerSettings: [.linkedLibrary("sqlite3"), .linkedLibrary("protobuf-c")]
        ),
        // `kiosk`: the command-line kiosk on the C client, for trying the thin-client path by hand.
        .executableTarget(
            name: "kiosk",
            dependencies: ["CKioskClient", "CKioskProtos"]
        ),
        // A C program that drives the C client through a whole kiosk flow; run under valgrind.
        .executableTarget(
            name: "kiosk-client-check",
            dependencies: ["CKioskClient", "CKioskProtos"],
            path: "Tools/kiosk-client-check"
        ),
        // Starting other programs without Foundation's Process (see Sources/KioskSpawn): harness and tests.
        .target(name: "CSpawn"),
        .target(name: "KioskSpawn", dependencies: ["CSpawn"], swiftSettings: strictSettings),
        // The protocol harness: runs scenario files against a live server over the kiosk wire (docs/HARNESS.md).
        .target(
            name: "KioskHarness",
            dependencies: [
                "KioskProtos",
                "KioskSpawn",
                "CKioskTransport",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kiosk-harness",
            dependencies: ["KioskHarness"],
            path: "Tools/kiosk-harness",
            swiftSettings: strictSettings
        ),
        // libFuzzer targets (Tools/fuzz/README.md): Tools/fuzz/run builds them with -sanitize=fuzzer,address.
        .executableTarget(
            name: "kiosk-fuzz-frames",
            dependencies: [
                "KioskWire", "KioskTransport", "KioskProtos", "KioskHarness",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
            ],
            path: "Tools/fuzz/kiosk-fuzz-frames",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kiosk-fuzz-calls",
            dependencies: [
                "KioskTesting", "InstalledPlugins", "EchoPlugin", "KioskHarness", "KioskProtos", "KioskWire",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Tools/fuzz/kiosk-fuzz-calls",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KioskHarnessTests",
            dependencies: ["KioskHarness", "KioskTesting", "EchoPlugin", "KioskPluginKit", "KioskDomain", "InstalledPlugins"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KioskClientTests",
            dependencies: [
                "CKioskClient", "CKioskTransport", "KioskTesting", "KioskHost", "KioskProtos", "KioskStore", "EchoPlugin",
                "KioskCertificates", "KioskTransport", "KioskPluginKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        // The kiosk screen (Sources/kiosk-screen, built with Tools/c-client/Makefile) driven in tmux against a live kioskd.
        .testTarget(
            name: "KioskScreenTests",
            dependencies: [
                "KioskTesting", "KioskHost", "KioskCore", "KioskProtos", "KioskPluginKit", "InstalledPlugins",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KioskReportsTests",
            dependencies: [
                "KioskReports", "KioskRecords", "KioskDemoData", "KioskTesting", "KioskHost", "InstalledPlugins", "KioskPluginKit",
                "KioskStore", "KioskDomain", "KioskProtos",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KioskDomainTests",
            dependencies: ["KioskDomain"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KioskWireTests",
            dependencies: ["KioskWire", "KioskProtos"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KioskStoreTests",
            dependencies: ["KioskStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KioskHostTests",
            dependencies: [
                "KioskHost", "KioskTesting", "KioskTransport", "KioskWire", "KioskProtos", "EchoPlugin", "KioskCore", "KioskRecords", "KioskSpawn",
                "KioskPluginKit", "KioskStore", "KioskDomain", "KioskCertificates",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KioskCertificatesTests",
            dependencies: ["KioskCertificates", .product(name: "X509", package: "swift-certificates")],
            swiftSettings: strictSettings
        ),
    ]
        // Domain plugins (Plugins/<folder>), each behind the package trait of its name, and their tests.
        + plugins.map { plugin in
            .target(
                name: plugin.module,
                dependencies: pluginDependencies,
                path: "Plugins/\(plugin.folder)",
                exclude: ["README.md", "Scenarios"],
                resources: plugin.resources,
                swiftSettings: strictSettings
            )
        }
        + plugins.map { plugin in
            .testTarget(
                name: "\(plugin.module)Tests",
                dependencies: [.target(name: plugin.module)] + pluginTestDependencies,
                swiftSettings: strictSettings
            )
        }
)
