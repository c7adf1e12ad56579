import Foundation
import KioskCore
public import KioskPluginKit
public import KioskRecords
public import KioskStore
public import Logging

extension KioskHost {
    /// Builds one plugin with its context: its confined store, settings, logger, clock and core APIs.
    static func makePlugin(
        _ pluginType: any KioskPlugin.Type, database: KioskDatabase, settings: HostSettings, records: CoreRecords,
        installed: [PluginMetadata], logger: Logger
    ) async throws -> any KioskPlugin {
        let id = pluginType.metadata.id
        var pluginLogger = logger
        pluginLogger[metadataKey: "kiosk.plugin"] = "\(id)"
        let context = PluginContext(
            pluginID: id,
            store: PluginStore(database: database, clock: records.clock, pluginID: id),
            settings: settings[section: id],
            logger: pluginLogger,
            clock: records.clock,
            core: records.services(for: CoreGrants(holder: id, access: pluginType.metadata.coreData), installedPlugins: installed)
        )
        return try await pluginType.init(context: context)
    }

    /// The report engine over the core's indicators and `providers` (plugin id → provider), with the
    /// `[core]` settings' small-count threshold.
    static func indicatorEngine(plugins: [PluginMetadata], providers: [String: any IndicatorProvider], settings: HostSettings) -> IndicatorEngine {
        IndicatorEngine(
            installedPlugins: plugins,
            plugins: plugins.compactMap { plugin in
                providers[plugin.id].map { IndicatorEngine.Plugin(id: plugin.id, displayName: plugin.displayName, provider: $0) }
            },
            smallCountThreshold: settings[section: CoreSettings.section][CoreSettings.reportSmallCountThreshold]
        )
    }

    /// The report engine of a database outside a running server (`kioskctl report`): builds each of
    /// `pluginTypes` on `database` (not started) for its indicator provider, with `settings`.
    public static func indicatorEngine(
        database: KioskDatabase, plugins pluginTypes: [any KioskPlugin.Type], settings: HostSettings, logger: Logger
    ) async throws -> IndicatorEngine {
        let metadata = try Self.checkPlugins(pluginTypes)
        let records = CoreRecords(clock: SystemWallClock())
        var providers: [String: any IndicatorProvider] = [:]
        for pluginType in pluginTypes {
            let plugin = try await Self.makePlugin(pluginType, database: database, settings: settings, records: records, installed: metadata, logger: logger)
            providers[pluginType.metadata.id] = plugin.indicators
        }
        return Self.indicatorEngine(plugins: metadata, providers: providers, settings: settings)
    }

    /// The indicators a server with `pluginTypes` reports, with default settings: each plugin is
    /// built on a scratch database (deleted after) for its provider. For `kioskctl report definitions`
    /// and the check that `docs/INDICATORS.md` matches the code.
    public static func indicatorDefinitions(plugins pluginTypes: [any KioskPlugin.Type]) async throws -> [IndicatorDefinition] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-definitions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try KioskDatabase(configuration: StoreConfiguration(path: directory.appendingPathComponent("scratch.sqlite").path))
        defer { try? database.close() }
        try Self.migrator(for: pluginTypes).migrate(database)
        let settings = try Self.settings(file: SettingsFile(), environment: [:], plugins: pluginTypes)
        return try await Self.indicatorEngine(database: database, plugins: pluginTypes, settings: settings, logger: Logger(label: "kiosk.definitions")).definitions
    }
}
