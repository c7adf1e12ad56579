import GRPCCore
import KioskCore
import KioskRecords
public import KioskPluginKit
public import KioskStore
public import KioskTransport
public import Logging
public import ServiceLifecycle

/// The assembled server: database migrated, plugins built, transport and services ready to run.
///
/// ```swift
/// let host = try await KioskHost(configuration: config, plugins: InstalledPlugins.all, logger: logger)
/// let group = ServiceGroup(services: host.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
/// try await group.run()
/// try host.close()
/// ```
public final class KioskHost: Sendable {
    /// The server's version, reported in the welcome and by `GetServerInfo`.
    public static let version = "0.1.0"

    /// The database every part of the server shares.
    public let database: KioskDatabase
    /// The kiosk transport (its ``KioskServerTransport/listeningAddress`` tells the bound port).
    public let transport: KioskServerTransport
    /// The installed plugins' metadata, in registration order.
    public let plugins: [PluginMetadata]
    /// The installed plugins' indicator providers, by plugin id.
    public let indicators: [String: any IndicatorProvider]
    /// What to run in the service group: the RPC server last, so that it shuts down first.
    public let services: [any Service]

    /// Opens and migrates the database, builds each plugin and the RPC server.
    ///
    /// Refuses to start on an invalid configuration, an invalid or duplicate plugin id, two services
    /// registering the same method, or a database written by a newer version.
    public init(
        configuration: KioskServerConfiguration,
        plugins pluginTypes: [any KioskPlugin.Type],
        authenticator: (any KioskAuthenticator)? = nil,
        clock: any WallClock = SystemWallClock(),
        logger: Logger
    ) async throws {
        if let problem = configuration.validate() { throw HostError(problem) }
        let metadata = try Self.checkPlugins(pluginTypes)
        let settings = try Self.settings(configuration, plugins: pluginTypes)
        for ignored in settings.ignoredSections {
            logger.warning("the settings file has a section for a plugin this build does not install", metadata: ["kiosk.settings.section": "\(ignored)"])
        }

        let tls = try Self.loadTLS(configuration, logger: logger)
        let database = try KioskDatabase(
            configuration: StoreConfiguration(path: configuration.databasePath, maximumBatchSize: configuration.maxWriteBatch),
            logger: logger
        )
        do {
            try Self.migrate(database, plugins: pluginTypes)
            let coreSettings = settings[section: CoreSettings.section]
            let records = CoreRecords(clock: clock, settings: coreSettings)
            let coreStore = PluginStore(coreDatabase: database, clock: clock)
            let core = records.services(for: .core, installedPlugins: metadata)
            let directory = WorkerDirectory(database: database, configuration: configuration.access, clock: clock)
            var rpcServices: [any RegistrableRPCService] = [
                HostService(plugins: metadata, security: configuration.security, tls: tls),
                SessionService(directory: directory),
                ChildrenService(store: coreStore, core: core, clock: clock),
                ApplicationsService(store: coreStore, core: core, clock: clock),
                WorkListService(store: coreStore, core: core),
                ConsentService(store: coreStore, consent: records.consent(for: .core, installedPlugins: metadata)),
                AuditService(store: coreStore, clock: clock),
            ]
            var background: [any Service] = [
                IdempotencyPruner(database: database, retention: configuration.idempotencyRetention, clock: clock)
            ]
            if coreSettings[CoreSettings.retentionEnabled] {
                background.append(RetentionService(database: database, policy: RetentionPolicy(settings: coreSettings), clock: clock, logger: logger))
            }
            Self.warnAboutUndeclaredKinds(metadata, logger: logger)
            var indicators: [String: any IndicatorProvider] = [:]
            for pluginType in pluginTypes {
                let id = pluginType.metadata.id
                let plugin = try await Self.makePlugin(pluginType, database: database, settings: settings, records: records, installed: metadata, logger: logger)
                if let pluginHooks = plugin.applicationHooks { records.hooks.set(pluginHooks, for: id) }
                if let provider = plugin.indicators { indicators[id] = provider }
                rpcServices += plugin.services
                background += plugin.backgroundServices
            }
            let engine = Self.indicatorEngine(plugins: metadata, providers: indicators, settings: settings)
            rpcServices.append(ReportsService(database: database, engine: engine, clock: clock, logger: logger))
            let router = try Self.makeRouter(
                rpcServices,
                interceptors: [
                    RequestDecodingInterceptor(),
                    AccessInterceptor(directory: directory),
                    IdempotencyInterceptor(database: database),
                ]
            )
            let transport = KioskServerTransport(
                configuration: configuration.transport,
                tls: tls,
                authenticator: authenticator ?? KioskRegistry(database: database),
                logger: logger
            )
            self.database = database
            self.transport = transport
            self.plugins = metadata
            self.indicators = indicators
            self.services = background + [RPCServerService(server: GRPCServer(transport: transport, router: router))]
        } catch {
            try? database.close()
            throw error
        }
    }

    /// Reads the TLS certificate and key, when configured; says at start what an operator must know:
    /// plaintext on the network, or a certificate that expires soon.
    static func loadTLS(_ configuration: KioskServerConfiguration, logger: Logger) throws -> ServerTLS? {
        guard let certificate = configuration.tlsCertificatePath, let key = configuration.tlsKeyPath else {
            if configuration.security == .insecurePlaintext {
                logger.warning(
                    "INSECURE: kiosks connect in plaintext on a network address (--insecure-plaintext): credentials, PINs and children's records cross the network readable",
                    metadata: ["kiosk.listen.host": "\(configuration.host)"]
                )
            }
            return nil
        }
        do {
            let tls = try ServerTLS(certificatePath: certificate, keyPath: key)
            CertificateReloader.report(tls.identity, logger: logger)
            return tls
        } catch let error as TLSSetupError {
            throw HostError(error.message)
        }
    }

    /// Closes the database cleanly; call after the service group has finished.
    public func close() throws {
        try self.database.close()
    }

    /// Builds the migrator: the core's migrations, then each plugin's in its namespace.
    public static func migrator(for plugins: [any KioskPlugin.Type]) throws -> StoreMigrator {
        var migrator = StoreMigrator()
        try CoreMigrations.register(in: &migrator)
        try AccessMigrations.register(in: &migrator)
        try RegistryMigrations.register(in: &migrator)
        for plugin in plugins {
            var migrations = PluginMigrations(namespace: plugin.metadata.id, migrator: migrator)
            try plugin.registerMigrations(in: &migrations)
            migrator = migrations.result
        }
        return migrator
    }

    static func migrate(_ database: KioskDatabase, plugins: [any KioskPlugin.Type]) throws {
        try self.migrator(for: plugins).migrate(database)
    }

    /// A plugin that submits applications but declares no kinds is not checked for consent (see
    /// `CoreConsentRegistry.clearance`); say so at start, once per plugin.
    static func warnAboutUndeclaredKinds(_ plugins: [PluginMetadata], logger: Logger) {
        for plugin in plugins where plugin.coreData.contains(.applications) && plugin.applicationKinds.isEmpty {
            logger.warning(
                "the plugin declares no application kinds: its submissions are not checked for consent",
                metadata: ["kiosk.plugin": "\(plugin.id)"]
            )
        }
    }

    static func checkPlugins(_ plugins: [any KioskPlugin.Type]) throws -> [PluginMetadata] {
        var seen: Set<String> = []
        return try plugins.map { plugin in
            let metadata = plugin.metadata
            if let problem = metadata.problem { throw HostError(problem) }
            guard seen.insert(metadata.id).inserted else { throw HostError("two installed plugins have the id '\(metadata.id)'") }
            let prefix = PluginMetadata.tablePrefix(of: metadata.id)
            if let other = seen.first(where: { $0 != metadata.id && (PluginMetadata.tablePrefix(of: $0).hasPrefix(prefix) || prefix.hasPrefix(PluginMetadata.tablePrefix(of: $0))) }) {
                throw HostError("plugins '\(other)' and '\(metadata.id)' cannot both be installed: one's table prefix begins the other's")
            }
            return metadata
        }
    }

    /// The settings file and environment, validated against what the core and each plugin declare.
    static func settings(_ configuration: KioskServerConfiguration, plugins: [any KioskPlugin.Type]) throws -> HostSettings {
        try self.settings(
            file: configuration.settingsPath.map(SettingsFile.init(contentsOf:)) ?? SettingsFile(),
            environment: configuration.environment,
            plugins: plugins
        )
    }

    /// Validates settings from `file` and `environment` against what the core and `plugins` declare.
    public static func settings(file: SettingsFile, environment: [String: String], plugins: [any KioskPlugin.Type]) throws -> HostSettings {
        try HostSettings(
            file: file,
            environment: environment,
            declarations: self.settingDeclarations(plugins: plugins),
            reservedEnvironmentNames: Set(KioskServerConfiguration.environmentVariables.map(\.name))
        )
    }

    /// The settings the core and each of `plugins` declare, by section.
    public static func settingDeclarations(plugins: [any KioskPlugin.Type]) -> [String: [any SettingDeclaration]] {
        var declarations = [CoreSettings.section: CoreSettings.all]
        for plugin in plugins { declarations[plugin.metadata.id] = plugin.settings }
        return declarations
    }

    /// Registers every service in one router, refusing a method registered twice (GRPCCore's router
    /// would silently keep the last).
    static func makeRouter(
        _ services: [any RegistrableRPCService],
        interceptors: [any ServerInterceptor]
    ) throws -> RPCRouter<KioskServerTransport> {
        var router = RPCRouter<KioskServerTransport>()
        for service in services {
            var own = RPCRouter<KioskServerTransport>()
            service.registerMethods(with: &own)
            if let clash = own.methods.first(where: { router.hasHandler(forMethod: $0) }) {
                throw HostError("two services register the method /\(clash.fullyQualifiedMethod)")
            }
            service.registerMethods(with: &router)
        }
        router.registerInterceptors(pipeline: interceptors.map { .apply($0, to: .all) })
        return router
    }
}

/// The host could not start, with the reason for the operator.
public struct HostError: Error, Sendable, CustomStringConvertible {
    /// Why.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
