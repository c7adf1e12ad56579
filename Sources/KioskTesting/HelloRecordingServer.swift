import GRPCCore
public import KioskTransport
import Logging
import NIOCore
import Synchronization

/// A kiosk listener with no services that counts every hello it is sent, for tests that a kiosk
/// sends nothing (no credential) to a server it does not trust. It admits kiosk `kiosk-r` with
/// credential `secret`.
public final class HelloRecordingServer: Sendable {
    /// The loopback port it listens on.
    public let port: Int
    private let authenticator: CountingAuthenticator

    /// The kiosk it admits.
    public static let kioskID = "kiosk-r"
    /// That kiosk's credential.
    public static let credential = "secret"

    private init(port: Int, authenticator: CountingAuthenticator) {
        self.port = port
        self.authenticator = authenticator
    }

    /// How many hellos reached it.
    public var hellos: Int { self.authenticator.count }

    /// Runs a server (in TLS with `tls`) for the duration of `body`.
    public static func with<T: Sendable>(
        tls: ServerTLS?,
        configure: (inout KioskServerTransport.Configuration) -> Void = { _ in },
        _ body: (HelloRecordingServer) async throws -> T
    ) async throws -> T {
        var configuration = KioskServerTransport.Configuration(port: 0)
        configure(&configuration)
        let authenticator = CountingAuthenticator()
        var logger = Logger(label: "kiosk.test.hellos")
        logger.logLevel = .critical
        let transport = KioskServerTransport(configuration: configuration, tls: tls, authenticator: authenticator, logger: logger)
        let server = GRPCServer(transport: transport, services: [])
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            let outcome: Result<T, any Error>
            do {
                let port = try await transport.listeningAddress.port ?? 0
                outcome = .success(try await body(HelloRecordingServer(port: port, authenticator: authenticator)))
            } catch {
                outcome = .failure(error)
            }
            server.beginGracefulShutdown()
            try await group.waitForAll()
            return try outcome.get()
        }
    }
}

/// Counts hellos; admits the one test kiosk.
final class CountingAuthenticator: KioskAuthenticator {
    private let hellos = Mutex(0)

    var count: Int { self.hellos.withLock { $0 } }

    func authenticate(kioskID: String, credential: String) async throws -> KioskIdentity {
        self.hellos.withLock { $0 += 1 }
        guard kioskID == HelloRecordingServer.kioskID, credential == HelloRecordingServer.credential else {
            throw KioskAuthenticationError("unknown kiosk or wrong credential")
        }
        return KioskIdentity(kioskID: kioskID)
    }
}
