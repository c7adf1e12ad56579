import GRPCCore
import KioskCore
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

        let database = try KioskDatabase(
            configuration: StoreConfiguration(path: configuration.databasePath, maximumBatchSize: configuration.maxWriteBatch),
            logger: logger
        )
        do {
            try Self.migrate(database, plugins: pluginTypes)
            let events = ApplicationEvents()
            let hooks = ApplicationHookTable()
            let store = PluginStore(database: database, clock: clock)
            let core = CoreServices(installedPlugins: metadata, grants: .core, clock: clock, events: events, hooks: hooks)
            let directory = WorkerDirectory(database: database, configuration: configuration.access, clock: clock)
            var rpcServices: [any RegistrableRPCService] = [
                HostService(plugins: metadata),
                SessionService(directory: directory),
                ChildrenService(store: store, core: core, clock: clock),
                ApplicationsService(store: store, core: core, clock: clock),
                WorkListService(store: store, core: core),
            ]
            var background: [any Service] = [
                IdempotencyPruner(database: database, retention: configuration.idempotencyRetention, clock: clock)
            ]
            for pluginType in pluginTypes {
                let id = pluginType.metadata.id
                var pluginLogger = logger
                pluginLogger[metadataKey: "kiosk.plugin"] = "\(id)"
                let context = PluginContext(
                    pluginID: id,
                    store: store,
                    logger: pluginLogger,
                    clock: clock,
                    core: CoreServices(
                        installedPlugins: metadata,
                        grants: CoreGrants(holder: id, access: pluginType.metadata.coreData),
                        clock: clock,
                        events: events,
                        hooks: hooks
                    )
                )
                let plugin = try await pluginType.init(context: context)
                if let pluginHooks = plugin.applicationHooks { hooks.set(pluginHooks, for: id) }
                rpcServices += plugin.services
                background += plugin.backgroundServices
            }
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
                authenticator: authenticator ?? KioskRegistry(database: database),
                logger: logger
            )
            self.database = database
            self.transport = transport
            self.plugins = metadata
            self.services = background + [RPCServerService(server: GRPCServer(transport: transport, router: router))]
        } catch {
            try? database.close()
            throw error
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

    static func checkPlugins(_ plugins: [any KioskPlugin.Type]) throws -> [PluginMetadata] {
        var seen: Set<String> = [CoreMigrations.namespace]
        return try plugins.map { plugin in
            let metadata = plugin.metadata
            if let problem = metadata.idProblem { throw HostError(problem) }
            guard seen.insert(metadata.id).inserted else {
                throw HostError(
                    metadata.id == CoreMigrations.namespace
                        ? "plugin id '\(metadata.id)' is reserved for the core"
                        : "two installed plugins have the id '\(metadata.id)'"
                )
            }
            return metadata
        }
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
