import EchoPlugin
import GRDB
import GRPCCore
import KioskHost
import KioskPluginKit
import KioskProtos
import KioskStore
import KioskTesting
import Synchronization
import Testing

/// A plugin that keeps its context so the tests can run SQL through its store, as its handlers would.
struct IntruderPlugin: KioskPlugin {
    static let metadata = PluginMetadata(id: "intruder", version: "0.0.1", displayName: "Intruder", coreData: [.childRegistry])
    static let context = Mutex<PluginContext?>(nil)

    static func registerMigrations(in migrations: inout PluginMigrations) throws {
        try migrations.add("v1.own") { db in
            try db.execute(sql: "CREATE TABLE intruder_note (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL UNIQUE)")
            try db.execute(sql: "CREATE INDEX intruder_note_text ON intruder_note (text)")
            try db.execute(sql: "CREATE TABLE intruder_child (child_id TEXT PRIMARY KEY NOT NULL)")
        }
    }

    let services: [any RegistrableRPCService] = []

    init(context: PluginContext) async throws {
        Self.context.withLock { $0 = context }
    }
}

/// A plugin whose migration reads the core's children.
struct PeekingMigrationPlugin: KioskPlugin {
    static let metadata = PluginMetadata(id: "peeking", version: "0.0.1", displayName: "Peeking")
    static func registerMigrations(in migrations: inout PluginMigrations) throws {
        try migrations.add("v1.peek") { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM core_child") }
    }
    let services: [any RegistrableRPCService] = []
    init(context: PluginContext) async throws {}
}

@Suite("A plugin's SQL reaches only its own tables", .serialized)
struct PluginIsolationTests {
    @Test(
        "every forbidden statement fails naming what it tried, and changes nothing",
        arguments: [
            ("SELECT name FROM core_child", "reads table core_child"),
            ("UPDATE core_child SET name = 'x', version = version", "updates table core_child"),
            ("INSERT INTO echo_note (id, text) VALUES ('n', 'x')", "inserts into table echo_note"),
            ("DELETE FROM core_audit", "deletes from table core_audit"),
            ("CREATE TABLE core_shadow (x)", "changes the schema of core_shadow"),
            ("CREATE INDEX intruder_idx ON core_child (name)", "changes the schema of core_child"),
            ("DROP TABLE core_audit", "changes the schema of core_audit"),
            ("ALTER TABLE core_child ADD COLUMN note TEXT", "changes the schema of core_child"),
            ("ATTACH DATABASE ':memory:' AS other", "attaches database"),
            ("PRAGMA synchronous = OFF", "pragma synchronous"),
            ("PRAGMA journal_mode = DELETE", "pragma journal_mode"),
            ("PRAGMA writable_schema = ON", "pragma writable_schema"),
            ("COMMIT", "transaction"),
        ]
    )
    func forbidden(sql: String, refusal: String) async throws {
        try await TestCounty.with(plugins: [EchoPlugin.self, IntruderPlugin.self]) { county in
            _ = try await county.registerChild("王小莲")
            let database = county.host.host.database
            let before = try await Self.snapshot(database)
            let store = try #require(IntruderPlugin.context.withLock { $0 }).store
            let error = await rpcError { _ = try await store.writeWithoutResponse { db in try db.execute(sql: sql) } }
            #expect(error?.code == .internalError)
            #expect(error?.message.contains(refusal) == true, "\(error?.message ?? "no error")")
            #expect(error?.message.contains("intruder_") == true)
            #expect(try await Self.snapshot(database) == before)
            #expect(try await database.writerSynchronousSetting() == KioskDatabase.requiredSynchronous)
        }
    }

    @Test("reads on a reader connection are confined too")
    func readsConfined() async throws {
        try await TestCounty.with(plugins: [EchoPlugin.self, IntruderPlugin.self]) { county in
            _ = try await county.registerChild("王小莲")
            let store = try #require(IntruderPlugin.context.withLock { $0 }).store
            let error = await rpcError { _ = try await store.read { db in try String.fetchAll(db, sql: "SELECT name FROM core_child") } }
            #expect(error?.message.contains("reads table core_child") == true)
        }
    }

    @Test("the plugin's own tables, the schema and the core APIs work inside its writes")
    func allowed() async throws {
        try await TestCounty.with(plugins: [EchoPlugin.self, IntruderPlugin.self]) { county in
            let child = try await county.registerChild("王小莲")
            let context = try #require(IntruderPlugin.context.withLock { $0 })
            let children = context.core.children
            let (found, count, columns) = try await context.store.writeWithoutResponse { db in
                try db.execute(sql: "INSERT INTO intruder_note (text) VALUES ('one')")
                try db.inSavepoint {
                    try db.execute(sql: "INSERT INTO intruder_note (text) VALUES ('two')")
                    return .rollback
                }
                let record = try children.child(child.childID, in: db, actor: .system("intruder"), action: "intruder.check")
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM intruder_note") ?? -1
                let columns = try db.columns(in: "intruder_note").map(\.name)
                return (record.childID, count, columns)
            }
            #expect(found == child.childID)
            #expect(count == 1)
            #expect(columns == ["id", "text"])
            // After the core's call the guard is back: the next statement on a core table fails.
            let error = await rpcError {
                _ = try await context.store.writeWithoutResponse { db in
                    _ = try children.child(child.childID, in: db, actor: .system("intruder"), action: "intruder.check")
                    try db.execute(sql: "DELETE FROM core_child")
                }
            }
            #expect(error?.message.contains("deletes from table core_child") == true)
        }
    }

    @Test("a migration that reads core tables stops the host, naming the plugin and the table")
    func migrationConfined() async throws {
        do {
            try await LiveKioskHost.with(plugins: [PeekingMigrationPlugin.self]) { _ in }
            Issue.record("the host started")
        } catch {
            #expect("\(error)".contains("reads table core_child"), "\(error)")
            #expect("\(error)".contains("peeking_"), "\(error)")
        }
    }

    /// What a forbidden statement could have changed: the children, the audit log, the schema.
    static func snapshot(_ database: KioskDatabase) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT child_id || name || version FROM core_child ORDER BY child_id")
                + [String(try Int.fetchOne(db, sql: "SELECT count(*) FROM core_audit") ?? -1)]
                + String.fetchAll(db, sql: "SELECT name || ':' || sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        }
    }
}
