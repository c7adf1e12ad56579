public import Foundation
public import GRPCCore
public import KioskCore
public import KioskHost
public import KioskPluginKit
import KioskCertificates
import KioskRecords
import KioskProtos
public import KioskTransport
public import Logging
import NIOCore
import ServiceLifecycle

/// A kioskd running in this process on a loopback port, for tests of the core and of plugins.
///
/// It speaks TLS, as a county's kioskd does, with the test CA of ``TestCertificates/shared``; its
/// clients trust that CA. `security: .plaintext` starts one without TLS.
///
/// ```swift
/// try await LiveKioskHost.with(plugins: [NutritionPlugin.self]) { host in
///     let kiosk = try await host.registerKiosk("k1")
///     try await host.withClient(kiosk: kiosk) { client in
///         let growth = Kiosk_Plugins_Nutrition_V1_Growth.Client(wrapping: client)
///         …
///     }
/// }
/// ```
public final class LiveKioskHost: Sendable {
    /// The running host.
    public let host: KioskHost
    /// The loopback port it listens on.
    public let port: Int
    /// Its database file.
    public let databasePath: String
    /// The host's workers and sessions.
    public let directory: WorkerDirectory
    /// What its clients trust (the test CA), or nil when the host speaks plaintext.
    public let clientTLS: ClientTLS?
    /// The PEM file of the CA its clients trust (for the C client's `ca_file`), or nil for plaintext.
    public let caFile: String?
    private let group: ServiceGroup

    /// Whether a live host speaks TLS.
    public enum Security: Sendable, Hashable {
        /// TLS with the test CA's certificate for the loopback names (unless `configure` names other files).
        case tls
        /// Plaintext on loopback.
        case plaintext
    }

    private init(host: KioskHost, port: Int, databasePath: String, group: ServiceGroup, directory: WorkerDirectory, certificates: TestCertificates?) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.group = group
        self.directory = directory
        self.clientTLS = certificates?.clientTLS
        self.caFile = certificates?.files.caCertificate
    }

    /// Re-reads the TLS certificate and key files, as kioskd does on SIGHUP; returns whether the new ones are served.
    @discardableResult
    public func reloadCertificates(logger: Logger = Logger(label: "kiosk.test")) -> Bool {
        self.host.certificateReloader(logger: logger)?.reload() ?? false
    }

    /// A worker id and PIN.
    public struct Worker: Sendable, Hashable {
        /// The worker's id.
        public var id: String
        /// The worker's PIN.
        public var pin: String

        /// Creates a worker identity (e.g. with a wrong PIN, for tests of refusals).
        public init(id: String, pin: String) {
            self.id = id
            self.pin = pin
        }
    }

    /// Adds a worker to the host's directory.
    public func addWorker(
        _ id: String,
        role: WorkerRole = .villageDirector,
        jurisdiction: String = "530102001001",
        pin: String = "246810"
    ) async throws -> Worker {
        try await self.directory.add(workerID: id, displayName: "Test worker \(id)", role: role, jurisdiction: jurisdiction, pin: pin)
        return Worker(id: id, pin: pin)
    }

    /// Signs `worker` in at `kiosk`, then runs `body` with a client whose calls carry the session.
    public func withSignedInClient<T: Sendable>(
        kiosk: Kiosk,
        worker: Worker,
        _ body: (GRPCClient<KioskClientTransport>) async throws -> T
    ) async throws -> T {
        let session = try await self.withClient(kiosk: kiosk) { client in
            var request = Kiosk_Core_V1_SignInRequest()
            request.workerID = worker.id
            request.pin = worker.pin
            return try await Kiosk_Core_V1_Session.Client(wrapping: client).signIn(request)
        }
        return try await self.withClient(kiosk: kiosk, interceptors: [SessionInterceptor(token: session.sessionToken)], body)
    }

    /// A kiosk id and the credential the registry issued for it.
    public struct Kiosk: Sendable, Hashable {
        /// The kiosk's id.
        public var id: String
        /// Its credential.
        public var credential: String

        /// Creates a kiosk identity (e.g. with a wrong credential, for tests of refusals).
        public init(id: String, credential: String) {
            self.id = id
            self.credential = credential
        }
    }

    private static var defaultLogger: Logger {
        var logger = Logger(label: "kiosk.test")
        // KIOSK_TEST_LOG_LEVEL=debug shows the server's log while debugging a test.
        logger.logLevel = ProcessInfo.processInfo.environment["KIOSK_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }

    /// Starts a host on a free loopback port, runs `body`, then shuts the host down gracefully.
    ///
    /// Without `databasePath` the database is a new temporary file, deleted afterwards; with one, the
    /// file is kept so a later host can reopen it (restart tests). Without `logger` the server logs only
    /// critical messages (`KIOSK_TEST_LOG_LEVEL=debug` shows more); with one, everything goes to it.
    public static func with<T: Sendable>(
        plugins: [any KioskPlugin.Type],
        databasePath: String? = nil,
        clock: any WallClock = SystemWallClock(),
        security: Security = .tls,
        configure: (inout KioskServerConfiguration) -> Void = { _ in },
        logger: Logger? = nil,
        _ body: (LiveKioskHost) async throws -> T
    ) async throws -> T {
        let temporary = databasePath == nil
        let path = databasePath ?? Self.temporaryDatabasePath()
        defer { if temporary { Self.removeDatabase(at: path) } }

        var configuration = KioskServerConfiguration()
        configuration.port = 0
        configuration.databasePath = path
        // Test PINs need no brute-force resistance; keep sign-in fast. (Production default: 210,000.)
        configuration.access.pinHashRounds = 1_000
        let certificates = security == .tls ? try TestCertificates.shared : nil
        if let certificates {
            configuration.tlsCertificatePath = certificates.files.serverCertificate
            configuration.tlsKeyPath = certificates.files.serverKey
        }
        configure(&configuration)
        let logger = logger ?? Self.defaultLogger
        let host = try await KioskHost(configuration: configuration, plugins: plugins, clock: clock, logger: logger)
        let directory = WorkerDirectory(database: host.database, configuration: configuration.access, clock: clock)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: host.services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                logger: logger
            )
        )
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let outcome: Result<T, any Error>
            do {
                let address = try await host.transport.listeningAddress
                let live = LiveKioskHost(
                    host: host,
                    port: address.port ?? 0,
                    databasePath: path,
                    group: group,
                    directory: directory,
                    certificates: certificates
                )
                outcome = .success(try await body(live))
            } catch {
                outcome = .failure(error)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            try host.close()
            return try outcome.get()
        }
    }

    /// Begins the host's graceful shutdown (go-away to every kiosk, in-flight calls finish).
    public func beginShutdown() async {
        await self.group.triggerGracefulShutdown()
    }

    /// Registers a kiosk in the host's registry and returns its credential.
    public func registerKiosk(_ id: String = "kiosk-\(UUID().uuidString.prefix(8))") async throws -> Kiosk {
        let credential = try await KioskRegistry(database: self.host.database).register(kioskID: id, label: "test", at: Date())
        return Kiosk(id: id, credential: credential)
    }

    /// Connects a typed GRPCCore client as `kiosk` over the kiosk wire, runs `body`, and disconnects.
    public func withClient<T: Sendable>(
        kiosk: Kiosk,
        interceptors: [any ClientInterceptor] = [],
        _ body: (GRPCClient<KioskClientTransport>) async throws -> T
    ) async throws -> T {
        let transport = KioskClientTransport(
            configuration: .init(host: "127.0.0.1", port: self.port, kioskID: kiosk.id, credential: kiosk.credential, tls: self.clientTLS)
        )
        return try await withGRPCClient(transport: transport, interceptors: interceptors) { client in
            try await body(client)
        }
    }

    static func temporaryDatabasePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-test-\(UUID().uuidString).sqlite").path
    }

    /// Deletes a database file and its WAL companions.
    public static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A fresh temporary database path, for tests that restart a host on the same file.
    public static func makeTemporaryDatabasePath() -> String { self.temporaryDatabasePath() }
}
