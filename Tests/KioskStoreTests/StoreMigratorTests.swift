import Foundation
import GRDB
import KioskStore
import Testing

@Suite("StoreMigrator")
struct StoreMigratorTests {
    /// A migrator with the core's migrations and, for each namespace, migrations that create a table
    /// `<namespace>_<name>` and log their identifier to `log` when they run.
    static func migrator(
        plugins: [(namespace: String, names: [String])] = [],
        log: Recorder<String>? = nil
    ) throws -> StoreMigrator {
        var migrator = try StoreMigrator.core()
        for plugin in plugins {
            for name in plugin.names {
                let table = "\(plugin.namespace)_\(name)".replacingOccurrences(of: ".", with: "_")
                    .replacingOccurrences(of: "-", with: "_")
                try migrator.registerMigration(name, in: plugin.namespace) { db in
                    log?.append("\(plugin.namespace).\(name)")
                    try db.execute(sql: "CREATE TABLE \(table) (id INTEGER PRIMARY KEY)")
                }
            }
        }
        return migrator
    }

    static func appliedIdentifiers(_ database: KioskDatabase) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
    }

    static func tableExists(_ table: String, in database: KioskDatabase) async throws -> Bool {
        try await database.read { db in try db.tableExists(table) }
    }

    @Test("the core registers its migrations under the core namespace")
    func coreIdentifiers() throws {
        let migrator = try StoreMigrator.core()
        #expect(CoreMigrations.namespace == "core")
        #expect(migrator.registeredIdentifiers == ["core.v1.idempotency", "core.v1.kiosks"])
    }

    @Test("plugin migrations come after the core's, in registration order")
    func registrationOrder() throws {
        let migrator = try Self.migrator(plugins: [("nutrition", ["v1.measurements", "v2.notes"]), ("reports", ["v1"])])
        #expect(
            migrator.registeredIdentifiers == [
                "core.v1.idempotency", "core.v1.kiosks", "nutrition.v1.measurements", "nutrition.v2.notes", "reports.v1",
            ]
        )
    }

    @Test("migrate applies everything in order, and running it again is a no-op")
    func migrateAndRerun() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            let log = Recorder<String>()
            let migrator = try Self.migrator(plugins: [("nutrition", ["v1.measurements", "v2.notes"])], log: log)

            let pending = try await database.read { db in try migrator.pendingMigrations(db) }
            #expect(pending == migrator.registeredIdentifiers)

            try migrator.migrate(database)
            #expect(log.elements == ["nutrition.v1.measurements", "nutrition.v2.notes"])
            #expect(try await Self.appliedIdentifiers(database) == migrator.registeredIdentifiers.sorted())
            #expect(try await Self.tableExists("core_idempotency", in: database))
            #expect(try await Self.tableExists("core_kiosk", in: database))
            #expect(try await Self.tableExists("nutrition_v1_measurements", in: database))
            #expect(try await database.read { db in try migrator.pendingMigrations(db) }.isEmpty)

            try migrator.migrate(database)
            try migrator.migrate(database)
            #expect(log.count == 2)
            #expect(try await Self.appliedIdentifiers(database) == migrator.registeredIdentifiers.sorted())
        }
    }

    @Test("the core's tables exist before any plugin migration runs")
    func coreRunsFirst() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            let sawCoreTables = Recorder<Bool>()
            var migrator = try StoreMigrator.core()
            try migrator.registerMigration("v1", in: "plugin") { db in
                sawCoreTables.append(try db.tableExists("core_idempotency") && db.tableExists("core_kiosk"))
            }
            try migrator.migrate(database)
            #expect(sawCoreTables.elements == [true])
        }
    }

    @Test("a plugin installed later gets its migrations applied on the next start")
    func pluginAddedLater() async throws {
        try await withFreshDatabase { database in
            let log = Recorder<String>()
            let migrator = try Self.migrator(plugins: [("attendance", ["v1.visits"])], log: log)
            let pending = try await database.read { db in try migrator.pendingMigrations(db) }
            #expect(pending == ["attendance.v1.visits"])

            try migrator.migrate(database)
            #expect(log.elements == ["attendance.v1.visits"])
            #expect(try await Self.tableExists("attendance_v1_visits", in: database))
        }
    }

    @Test("a database with an unknown migration in a namespace this binary runs is refused", arguments: [
        ("nutrition", "v3.future"),
        ("core", "v9.future"),
    ])
    func newerSchemaRefused(namespace: String, futureName: String) async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            var newerWithFuture = try Self.migrator(plugins: [("nutrition", ["v1"])])
            try newerWithFuture.registerMigration(futureName, in: namespace) { db in
                try db.execute(sql: "CREATE TABLE future_table (id INTEGER PRIMARY KEY)")
            }
            try newerWithFuture.migrate(database)

            let log = Recorder<String>()
            var older = try Self.migrator(plugins: [("nutrition", ["v1"])], log: log)
            try older.registerMigration("v2.new-in-older", in: "nutrition") { _ in log.append("ran") }

            let olderMigrator = older
            let unknown = try await database.read { db in try olderMigrator.unknownAppliedMigrations(db) }
            #expect(unknown == ["\(namespace).\(futureName)"])

            let error = #expect(throws: StoreError.self) { try older.migrate(database) }
            #expect(error?.code == .newerSchema)
            #expect(error?.message.contains("\(namespace).\(futureName)") == true)
            // Refused before anything ran.
            #expect(log.elements.isEmpty)
            #expect(try await Self.appliedIdentifiers(database).contains("nutrition.v2.new-in-older") == false)
        }
    }

    @Test("migrations of a namespace this binary does not run are left alone")
    func unknownNamespaceTolerated() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try Self.migrator(plugins: [("reports", ["v1", "v2"]), ("nutrition", ["v1"])]).migrate(database)

            // A build without the reports plugin still opens the database.
            let log = Recorder<String>()
            let withoutReports = try Self.migrator(plugins: [("nutrition", ["v1", "v2"])], log: log)
            #expect(try await database.read { db in try withoutReports.unknownAppliedMigrations(db) }.isEmpty)
            try withoutReports.migrate(database)
            #expect(log.elements == ["nutrition.v2"])
            #expect(try await Self.appliedIdentifiers(database).contains("reports.v2"))
        }
    }

    @Test("a namespace that merely starts like a registered one is not mistaken for it")
    func namespacePrefixIsExact() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            try Self.migrator(plugins: [("nutrition-extra", ["v1"]), ("nutrition", ["v1"])]).migrate(database)
            let migrator = try Self.migrator(plugins: [("nutrition", ["v1"])])
            #expect(try await database.read { db in try migrator.unknownAppliedMigrations(db) }.isEmpty)
            try migrator.migrate(database)
        }
    }

    @Test("registering the same migration twice is refused")
    func duplicateIdentifier() throws {
        var migrator = try StoreMigrator.core()
        let error = #expect(throws: StoreError.self) {
            try migrator.registerMigration("v1.idempotency", in: "core") { _ in }
        }
        #expect(error?.code == .invalidMigration)

        try migrator.registerMigration("v1", in: "plugin") { _ in }
        let again = #expect(throws: StoreError.self) { try migrator.registerMigration("v1", in: "plugin") { _ in } }
        #expect(again?.code == .invalidMigration)
        #expect(migrator.registeredIdentifiers == ["core.v1.idempotency", "core.v1.kiosks", "plugin.v1"])
    }

    @Test("the same name in two namespaces is two migrations")
    func sameNameInTwoNamespaces() throws {
        var migrator = StoreMigrator()
        try migrator.registerMigration("v1", in: "a") { _ in }
        try migrator.registerMigration("v1", in: "b") { _ in }
        #expect(migrator.registeredIdentifiers == ["a.v1", "b.v1"])
    }

    @Test("a bad namespace is refused", arguments: ["", "Core", "nutrition.v1", "has space", "slash/ed", "ümlaut", "tab\t"])
    func badNamespace(namespace: String) {
        var migrator = StoreMigrator()
        let error = #expect(throws: StoreError.self) { try migrator.registerMigration("v1", in: namespace) { _ in } }
        #expect(error?.code == .invalidMigration)
        #expect(migrator.registeredIdentifiers.isEmpty)
    }

    @Test("good namespaces are accepted", arguments: ["core", "nutrition", "a_b", "a-b", "plugin9", "9"])
    func goodNamespace(namespace: String) throws {
        var migrator = StoreMigrator()
        try migrator.registerMigration("v1", in: namespace) { _ in }
        #expect(migrator.registeredIdentifiers == ["\(namespace).v1"])
    }

    @Test("an empty migration name is refused")
    func emptyName() {
        var migrator = StoreMigrator()
        let error = #expect(throws: StoreError.self) { try migrator.registerMigration("", in: "core") { _ in } }
        #expect(error?.code == .invalidMigration)
    }

    @Test("a migration that throws leaves the database without it")
    func failingMigration() async throws {
        try await withFreshDatabase(coreMigrations: false) { database in
            var migrator = try StoreMigrator.core()
            try migrator.registerMigration("v1", in: "broken") { db in
                try db.execute(sql: "CREATE TABLE broken_v1 (id INTEGER PRIMARY KEY)")
                throw TestFailure(tag: "migration")
            }
            #expect(throws: TestFailure(tag: "migration")) { try migrator.migrate(database) }
            #expect(try await Self.tableExists("broken_v1", in: database) == false)
            let brokenMigrator = migrator
            let pending = try await database.read { db in try brokenMigrator.pendingMigrations(db) }
            #expect(pending.contains("broken.v1"))
        }
    }
}
