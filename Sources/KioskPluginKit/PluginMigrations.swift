public import GRDB
public import KioskStore

/// The plugin's view of the shared migrator: every migration it adds lands in its own namespace,
/// and runs confined to the plugin's tables (`<plugin id>_…`, see ``SQLGuard``).
public struct PluginMigrations: Sendable {
    /// The plugin's id, the namespace of its migrations.
    public let namespace: String
    private var migrator: StoreMigrator

    /// Wraps `migrator` for the plugin `namespace`.
    public init(namespace: String, migrator: StoreMigrator) {
        self.namespace = namespace
        self.migrator = migrator
    }

    /// The migrator with the plugin's migrations added.
    public var result: StoreMigrator { self.migrator }

    /// Adds a migration named `name` (identifier `"<plugin id>.<name>"`, e.g. `"nutrition.v1.measurements"`).
    public mutating func add(_ name: String, migrate: @escaping @Sendable (Database) throws -> Void) throws {
        let prefix = PluginMetadata.tablePrefix(of: self.namespace)
        try self.migrator.registerMigration(name, in: self.namespace) { db in
            try SQLGuard.confine(db, toTablesPrefixed: prefix) { try migrate(db) }
        }
    }
}
