public import GRPCCore
public import ServiceLifecycle

/// A domain plugin: a set of RPC services, the schema they need, and optional background work,
/// settings, indicators for reports and hooks into the shared workflow.
///
/// The host builds a plugin once at start-up, after migrating the database, and hands it a
/// ``PluginContext``: its store (confined to its own tables), settings, logger, clock and the core
/// APIs it declared. A plugin never reaches for globals.
///
/// ```swift
/// public struct NutritionPlugin: KioskPlugin {
///     public static let metadata = PluginMetadata(
///         id: "nutrition", version: "1.0.0", displayName: "Nutrition", coreData: [.childRegistry]
///     )
///     public static let settings: [any SettingDeclaration] = [NutritionSettings.recentMeasurementDays]
///
///     public static func registerMigrations(in migrations: inout PluginMigrations) throws {
///         try migrations.add("v1.measurements") { db in
///             try db.execute(sql: "CREATE TABLE nutrition_measurement (id INTEGER PRIMARY KEY, ...)")
///         }
///     }
///
///     public let services: [any RegistrableRPCService]
///
///     public init(context: PluginContext) async throws {
///         let recent = context.settings[NutritionSettings.recentMeasurementDays]
///         self.services = [GrowthService(context: context, recentDays: recent)]
///     }
/// }
/// ```
public protocol KioskPlugin: Sendable {
    /// What the plugin is, for registration, logs and `GetServerInfo`.
    static var metadata: PluginMetadata { get }

    /// The settings the plugin reads from its section of the settings file (`[<plugin id>]`).
    static var settings: [any SettingDeclaration] { get }

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

    /// The plugin's indicators for the programme's reports, if it has any.
    var indicators: (any IndicatorProvider)? { get }
}

extension KioskPlugin {
    /// No settings.
    public static var settings: [any SettingDeclaration] { [] }

    /// No migrations.
    public static func registerMigrations(in migrations: inout PluginMigrations) throws {}

    /// No background work.
    public var backgroundServices: [any Service] { [] }

    /// No hooks: the workflow's rules alone decide.
    public var applicationHooks: (any ApplicationHooks)? { nil }

    /// No indicators.
    public var indicators: (any IndicatorProvider)? { nil }
}
