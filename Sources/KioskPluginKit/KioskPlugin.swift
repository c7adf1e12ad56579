public import GRPCCore
public import ServiceLifecycle

/// A domain plugin: a set of RPC services, the schema they need, and optional background work.
///
/// The host builds a plugin once at start-up, after migrating the database, and hands it a
/// ``PluginContext``: its store, logger, clock and the core APIs. A plugin never reaches for globals.
///
/// ```swift
/// struct NutritionPlugin: KioskPlugin {
///     static let metadata = PluginMetadata(
///         id: "nutrition", version: "1.0.0", displayName: "Nutrition", coreData: [.childRegistry]
///     )
///
///     static func registerMigrations(in migrations: inout PluginMigrations) throws {
///         try migrations.add("v1.measurements") { db in
///             try db.execute(sql: "CREATE TABLE nutrition_measurement (id INTEGER PRIMARY KEY, ...)")
///         }
///     }
///
///     let services: [any RegistrableRPCService]
///
///     init(context: PluginContext) throws {
///         self.services = [GrowthService(context: context)]
///     }
/// }
/// ```
public protocol KioskPlugin: Sendable {
    /// What the plugin is, for registration, logs and `GetServerInfo`.
    static var metadata: PluginMetadata { get }

    /// Registers the plugin's migrations; identifiers are namespaced by the plugin's id.
    static func registerMigrations(in migrations: inout PluginMigrations) throws

    /// Builds the plugin from its context, after all migrations have run.
    init(context: PluginContext) async throws

    /// The RPC services the plugin offers.
    var services: [any RegistrableRPCService] { get }

    /// Long-running work (schedulers, reminders), run in the server's service group.
    var backgroundServices: [any Service] { get }

    /// The plugin's say in transitions of its own applications, if it needs one.
    var applicationHooks: (any ApplicationHooks)? { get }
}

extension KioskPlugin {
    /// No migrations.
    public static func registerMigrations(in migrations: inout PluginMigrations) throws {}

    /// No background work.
    public var backgroundServices: [any Service] { [] }

    /// No hooks: the workflow's rules alone decide.
    public var applicationHooks: (any ApplicationHooks)? { nil }
}
