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

/// The core APIs available to plugins. Each core service adds a property here when it lands; a
/// plugin sees only what its ``PluginMetadata/coreData`` asked for.
public struct CoreServices: Sendable {
    /// The plugins installed in this server, in registration order.
    public let installedPlugins: [PluginMetadata]

    /// Creates the core APIs.
    public init(installedPlugins: [PluginMetadata]) {
        self.installedPlugins = installedPlugins
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
