import ArgumentParser
import Foundation
import InstalledPlugins
import KioskHost
import Logging
import KioskPluginKit
import ServiceLifecycle
import UnixSignals

/// `kioskd`: the kiosk server.
@main
struct Kioskd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kioskd",
        abstract: "Serves township kiosks over the kiosk wire, on an embedded SQLite database.",
        discussion: """
            Flags override environment variables, which override the defaults:
            \(KioskServerConfiguration.environmentVariables.map { "  \($0.name): \($0.meaning)" }.joined(separator: "\n"))
            """
    )

    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on (0 picks a free port).") var port: Int?
    @Option(help: "SQLite database file; created and migrated if missing.") var database: String?
    @Option(help: "Settings file of the core and the plugins ([section] and key = value lines; kioskctl settings lists them).")
    var settings: String?
    @Option(help: "The server's certificate chain, PEM, server first (kioskctl tls init writes server.pem). Read again on SIGHUP.")
    var tlsCertificate: String?
    @Option(help: "The server's private key, PEM (kioskctl tls init writes server-key.pem). Read again on SIGHUP.")
    var tlsKey: String?
    @Flag(help: "Allow plaintext on a non-loopback address. Closed test networks only: everything crosses the network readable.")
    var insecurePlaintext = false
    @Option(help: "Largest frame accepted, in bytes.") var maxFrameBytes: Int?
    @Option(help: "Most open connections.") var maxConnections: Int?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel: String = "info"

    func run() async throws {
        var configuration = try KioskServerConfiguration(environment: ProcessInfo.processInfo.environment)
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let database { configuration.databasePath = database }
        if let settings { configuration.settingsPath = settings }
        if let tlsCertificate { configuration.tlsCertificatePath = tlsCertificate }
        if let tlsKey { configuration.tlsKeyPath = tlsKey }
        if self.insecurePlaintext { configuration.insecurePlaintext = true }
        if let maxFrameBytes { configuration.maxFrameBytes = maxFrameBytes }
        if let maxConnections { configuration.maxConnections = maxConnections }
        guard let level = Logger.Level(rawValue: self.logLevel) else {
            throw ValidationError("unknown log level '\(self.logLevel)'")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "kioskd")

        let host: KioskHost
        do {
            host = try await KioskHost(configuration: configuration, plugins: InstalledPlugins.all, logger: logger)
        } catch {
            logger.critical("kioskd cannot start: \(error)")
            throw ExitCode(78)  // EX_CONFIG
        }
        logger.info(
            "kioskd starting",
            metadata: [
                "kiosk.version": "\(KioskHost.version)",
                "kiosk.database": "\(configuration.databasePath)",
                "kiosk.plugins": "\(host.plugins.map(\.id).joined(separator: ","))",
                "kiosk.security": "\(configuration.security)",
            ]
        )
        // SIGHUP re-reads the certificate and key (kioskctl tls renew, then kill -HUP).
        let reloader: [any Service] = host.certificateReloader(logger: logger).map { [$0] } ?? []
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: (reloader + host.services).map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch {
            logger.error("kioskd stopped with an error: \(error)")
            try? host.close()
            throw ExitCode.failure
        }
        try host.close()
        logger.info("kioskd stopped; database closed")
    }
}
