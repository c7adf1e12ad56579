import EchoPlugin
import Foundation
import GRDB
import GRPCCore
import KioskHost
import KioskPluginKit
import KioskStore
import KioskTesting
import Logging
import Testing

/// A second plugin that claims the echo plugin's id.
struct EchoImpostor: KioskPlugin {
    static let metadata = PluginMetadata(id: "echo", version: "0.0.1", displayName: "Impostor")
    let services: [any RegistrableRPCService] = []
    init(context: PluginContext) async throws {}
}

/// A plugin that registers the echo service again under its own id.
struct EchoAgain: KioskPlugin {
    static let metadata = PluginMetadata(id: "echoagain", version: "0.0.1", displayName: "Echo again")
    let services: [any RegistrableRPCService]
    init(context: PluginContext) async throws {
        self.services = try await EchoPlugin(context: context).services
    }
}

struct BadID: KioskPlugin {
    static let metadata = PluginMetadata(id: "Bad ID", version: "0.0.1", displayName: "Bad")
    let services: [any RegistrableRPCService] = []
    init(context: PluginContext) async throws {}
}

/// A plugin whose table prefix `echo_x_` begins with the echo plugin's `echo_`.
struct EchoPrefixed: KioskPlugin {
    static let metadata = PluginMetadata(id: "echo_x", version: "0.0.1", displayName: "Echo x")
    let services: [any RegistrableRPCService] = []
    init(context: PluginContext) async throws {}
}

struct CoreImpostor: KioskPlugin {
    static let metadata = PluginMetadata(id: "core", version: "0.0.1", displayName: "Core?")
    let services: [any RegistrableRPCService] = []
    init(context: PluginContext) async throws {}
}

@Suite("The host refuses to start on a bad plugin list or a newer database")
struct PluginRegistrationTests {
    static func start(_ plugins: [any KioskPlugin.Type], path: String? = nil) async throws {
        try await LiveKioskHost.with(plugins: plugins, databasePath: path) { _ in }
    }

    static func hostError(_ plugins: [any KioskPlugin.Type]) async -> String? {
        do {
            try await self.start(plugins)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("two plugins with one id")
    func duplicateID() async {
        let message = await Self.hostError([EchoPlugin.self, EchoImpostor.self])
        #expect(message == "two installed plugins have the id 'echo'")
    }

    @Test("two plugins whose table prefixes overlap")
    func overlappingPrefixes() async {
        let message = await Self.hostError([EchoPlugin.self, EchoPrefixed.self])
        #expect(message == "plugins 'echo' and 'echo_x' cannot both be installed: one's table prefix begins the other's")
    }

    @Test("two services registering one method")
    func duplicateMethod() async {
        let message = await Self.hostError([EchoPlugin.self, EchoAgain.self])
        #expect(message?.hasPrefix("two services register the method /kiosk.testing.echo.v1.Echo/") == true)
    }

    @Test("an invalid or reserved id", arguments: [(BadID.self as any KioskPlugin.Type, "lower-case"), (CoreImpostor.self, "reserved")])
    func invalidID(plugin: any KioskPlugin.Type, expected: String) async {
        let message = await Self.hostError([plugin])
        #expect(message?.contains(expected) == true)
    }

    @Test("plugin migrations run once, namespaced by the plugin's id, after the core's")
    func namespacedMigrations() async throws {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: path) }
        try await Self.start([EchoPlugin.self], path: path)
        try await Self.start([EchoPlugin.self], path: path)
        let database = try KioskDatabase(configuration: StoreConfiguration(path: path))
        defer { try? database.close() }
        let applied = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        #expect(
            applied == [
                "core.v1.idempotency", "core.v1.kiosks", "core.v1.workers", "core.v1.registry", "core.v1.workflow",
                "core.v2.audit-chain", "core.v2.consent", "core.v2.retention", "echo.v1.notes",
            ]
        )
    }

    @Test("a database migrated by a newer version is refused, and left untouched")
    func newerDatabase() async throws {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: path) }
        try await Self.start([EchoPlugin.self], path: path)
        do {
            let database = try KioskDatabase(configuration: StoreConfiguration(path: path))
            try await database.writer.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('echo.v2.future')")
            }
            try database.close()
        }
        var message: String?
        do { try await Self.start([EchoPlugin.self], path: path) } catch { message = "\(error)" }
        #expect(message?.contains("echo.v2.future") == true)
        #expect(message?.contains("newer version") == true)
        // Without the echo plugin installed, its namespace is not ours to judge: the host starts.
        try await Self.start([], path: path)
    }

    @Test("the store's writer runs with synchronous = FULL in the running host")
    func durability() async throws {
        try await LiveKioskHost.with(plugins: []) { host in
            let synchronous = try await host.host.database.writerSynchronousSetting()
            #expect(synchronous == 2)
        }
    }
}
