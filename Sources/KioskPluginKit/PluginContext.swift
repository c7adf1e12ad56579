public import Foundation
public import KioskDomain
public import Logging

/// Everything a plugin receives from the host. Passed in, never global.
public struct PluginContext: Sendable {
    /// The plugin's id.
    public let pluginID: String
    /// Store access, confined to the plugin's tables: reads, and durable group-committed writes
    /// that honour idempotency keys.
    public let store: PluginStore
    /// The plugin's section of the settings, validated against ``KioskPlugin/settings`` at start.
    public let settings: PluginSettings
    /// A logger labelled for the plugin. Never log personal data or payloads.
    public let logger: Logger
    /// The time source: the system clock in production, a fixed or stepped one in tests.
    public let clock: any WallClock
    /// The core APIs the plugin declared in its metadata.
    public let core: CoreServices

    /// Creates a context; the host does this for each plugin.
    public init(pluginID: String, store: PluginStore, settings: PluginSettings, logger: Logger, clock: any WallClock, core: CoreServices) {
        self.pluginID = pluginID
        self.store = store
        self.settings = settings
        self.logger = logger
        self.clock = clock
        self.core = core
    }
}

/// The core APIs available to plugins: the child registry, the shared application workflow, the
/// work list and the consent register. Each checks that the plugin declared the matching
/// ``CoreDataAccess`` in its metadata, confines every read and write to the acting worker's
/// jurisdiction and writes the audit log.
public struct CoreServices: Sendable {
    /// The plugins installed in this server, in registration order.
    public let installedPlugins: [PluginMetadata]
    /// Children, households, caregivers and visits.
    public let children: any ChildRegistry
    /// Applications through the shared workflow.
    public let applications: any ApplicationWorkflow
    /// Items for the township's work list.
    public let workList: any WorkList
    /// Guardians' consents, to read.
    public let consent: any ConsentRegistry

    /// Bundles the core APIs; the host builds them for each plugin from the core's implementation.
    public init(
        installedPlugins: [PluginMetadata],
        children: any ChildRegistry,
        applications: any ApplicationWorkflow,
        workList: any WorkList,
        consent: any ConsentRegistry
    ) {
        self.installedPlugins = installedPlugins
        self.children = children
        self.applications = applications
        self.workList = workList
        self.consent = consent
    }
}

/// A source of the current date, so that rules about ages and due dates can be tested.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

extension WallClock {
    /// Today in China Standard Time, the calendar the services' dates are in.
    public func today() -> CalendarDate {
        CalendarDate(self.now(), in: chinaStandardTime)
    }
}

private let chinaStandardTime = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

/// The system's clock.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Date { Date() }
}
