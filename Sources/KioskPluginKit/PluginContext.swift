public import Foundation
public import Logging

/// Everything a plugin receives from the host. Passed in, never global.
public struct PluginContext: Sendable {
    /// The plugin's id.
    public let pluginID: String
    /// Store access: reads, and durable group-committed writes that honour idempotency keys.
    public let store: PluginStore
    /// A logger labelled for the plugin. Never log personal data or payloads.
    public let logger: Logger
    /// The time source: the system clock in production, a fixed or stepped one in tests.
    public let clock: any WallClock
    /// The core APIs the plugin declared in its metadata.
    public let core: CoreServices

    /// Creates a context; the host does this for each plugin.
    public init(pluginID: String, store: PluginStore, logger: Logger, clock: any WallClock, core: CoreServices) {
        self.pluginID = pluginID
        self.store = store
        self.logger = logger
        self.clock = clock
        self.core = core
    }
}

/// The core APIs available to plugins: the child registry, the shared application workflow and
/// the work list. Each checks that the plugin declared the matching ``CoreDataAccess`` in its
/// metadata, confines every read and write to the acting worker's jurisdiction and writes the
/// audit log.
public struct CoreServices: Sendable {
    /// The plugins installed in this server, in registration order.
    public let installedPlugins: [PluginMetadata]
    /// Children, households, caregivers and visits.
    public let children: ChildRegistry
    /// Applications through the shared workflow.
    public let applications: ApplicationWorkflow
    /// Items for the township's work list.
    public let workList: WorkList

    /// Creates the core APIs for the holder of `grants`.
    public init(
        installedPlugins: [PluginMetadata],
        grants: CoreGrants,
        clock: any WallClock,
        events: ApplicationEvents = ApplicationEvents(),
        hooks: ApplicationHookTable = ApplicationHookTable()
    ) {
        self.installedPlugins = installedPlugins
        self.children = ChildRegistry(grants: grants, clock: clock)
        self.applications = ApplicationWorkflow(grants: grants, clock: clock, events: events, hooks: hooks)
        self.workList = WorkList(grants: grants, clock: clock)
    }
}

/// A source of the current date, so that rules about ages and due dates can be tested.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The system's clock.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Date { Date() }
}
