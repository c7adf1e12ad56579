import KioskStore
public import KioskPluginKit

/// The core's implementation of the APIs in `KioskPluginKit`: the child registry, the workflow, the
/// work list and the consent register over the core's tables, with jurisdiction, roles and the
/// audit log.
///
/// The host makes one for the server and hands each plugin the services its metadata declared.
public struct CoreRecords: Sendable {
    /// The server's time source.
    public let clock: any WallClock
    /// Wakes the streams that follow applications.
    public let events: ApplicationEvents
    /// The plugins' workflow hooks, filled in as the host builds the plugins.
    public let hooks: ApplicationHookTable
    /// The `[core]` section of the settings (``CoreSettings``).
    public let settings: PluginSettings

    /// Creates the implementation.
    public init(
        clock: any WallClock,
        settings: PluginSettings = PluginSettings(section: CoreSettings.section),
        events: ApplicationEvents = ApplicationEvents(),
        hooks: ApplicationHookTable = ApplicationHookTable()
    ) {
        self.clock = clock
        self.settings = settings
        self.events = events
        self.hooks = hooks
    }

    /// The core APIs for the holder of `grants`.
    public func services(for grants: CoreGrants, installedPlugins: [PluginMetadata]) -> CoreServices {
        let consent = self.consent(for: grants, installedPlugins: installedPlugins)
        return CoreServices(
            installedPlugins: installedPlugins,
            children: CoreChildRegistry(grants: grants, clock: self.clock),
            applications: CoreApplicationWorkflow(grants: grants, clock: self.clock, events: self.events, hooks: self.hooks, consent: consent),
            workList: CoreWorkList(grants: grants, clock: self.clock),
            consent: consent
        )
    }

    /// The consent register for the holder of `grants`; the core's `Consent` service uses its
    /// recording functions, which plugins do not get.
    public func consent(for grants: CoreGrants, installedPlugins: [PluginMetadata]) -> CoreConsentRegistry {
        CoreConsentRegistry(
            grants: grants,
            clock: self.clock,
            purposes: ConsentPurposes(installedPlugins: installedPlugins),
            overrideValidity: .seconds(3600 * self.settings[CoreSettings.urgentOverrideHours])
        )
    }
}
