import KioskStore
public import KioskPluginKit

/// The core's implementation of the APIs in `KioskPluginKit`: the child registry, the workflow and
/// the work list over the core's tables, with jurisdiction, roles and the audit log.
///
/// The host makes one for the server and hands each plugin the services its metadata declared.
public struct CoreRecords: Sendable {
    /// The server's time source.
    public let clock: any WallClock
    /// Wakes the streams that follow applications.
    public let events: ApplicationEvents
    /// The plugins' workflow hooks, filled in as the host builds the plugins.
    public let hooks: ApplicationHookTable

    /// Creates the implementation.
    public init(clock: any WallClock, events: ApplicationEvents = ApplicationEvents(), hooks: ApplicationHookTable = ApplicationHookTable()) {
        self.clock = clock
        self.events = events
        self.hooks = hooks
    }

    /// The core APIs for the holder of `grants`.
    public func services(for grants: CoreGrants, installedPlugins: [PluginMetadata]) -> CoreServices {
        CoreServices(
            installedPlugins: installedPlugins,
            children: CoreChildRegistry(grants: grants, clock: self.clock),
            applications: CoreApplicationWorkflow(grants: grants, clock: self.clock, events: self.events, hooks: self.hooks),
            workList: CoreWorkList(grants: grants, clock: self.clock)
        )
    }
}
