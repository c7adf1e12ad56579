import Foundation
import KioskCertificates
import KioskHost
import KioskTransport
import Logging
import NIOCore
import ServiceLifecycle

/// A kioskd in this process on a temporary database (and, for TLS, a temporary county CA).
enum SelfHost {
    static func run(tls: Bool, call: LoadCall, _ body: (Target, LoadTarget) async throws -> String) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-load-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var configuration = KioskServerConfiguration()
        configuration.port = 0
        configuration.databasePath = "\(scratch)/kiosk.sqlite"
        configuration.maxConnections = 4096
        var clientTLS: ClientTLS?
        if tls {
            let files = CertificateFiles(directory: "\(scratch)/tls")
            let made = try files.create(authorityName: "kiosk-load CA", names: try ServerNames(hostNames: ["localhost", "127.0.0.1"]))
            configuration.tlsCertificatePath = files.serverCertificate
            configuration.tlsKeyPath = files.serverKey
            clientTLS = ClientTLS(trustRoots: [made.authority.certificate])
        }
        var logger = Logger(label: "kiosk-load")
        logger.logLevel = .error
        let host = try await KioskHost(configuration: configuration, plugins: [], logger: logger)
        let credential = try await KioskRegistry(database: host.database).register(kioskID: "load", label: "load", at: Date())
        if call == .getChild { try await LoadTarget.addWorker(to: host, configuration: configuration) }
        let group = ServiceGroup(configuration: .init(services: host.services.map { .init(service: $0) }, logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try await host.transport.listeningAddress.port ?? 0
            let target = Target(host: "127.0.0.1", port: port, kioskID: "load", credential: credential, tls: clientTLS)
            let calls = call == .getChild ? try await LoadTarget.prepare(target) : LoadTarget()
            print(try await body(target, calls))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try host.close()
    }
}
