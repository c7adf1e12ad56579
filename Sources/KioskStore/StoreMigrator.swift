public import GRDB

/// One migrator for the core and every plugin, each migration namespaced by its owner's id.
///
/// Identifiers read `"<namespace>.<name>"`, e.g. `"core.v1.idempotency"` or
/// `"nutrition.v1.measurements"`. Migrations run in registration order: the core's first, then each
/// plugin's in the order the plugins are installed. A database that holds migrations this binary does
/// not know, in a namespace it does run, was written by a newer version: opening it is refused rather
/// than guessed at. Migrations of a namespace that is not installed (a plugin built out) are left alone.
public struct StoreMigrator: Sendable {
    private var migrator = DatabaseMigrator()
    private var identifiers: [String] = []
    private var namespaces: [String] = []

    /// Creates an empty migrator.
    public init() {}

    /// The identifiers registered so far, in order.
    public var registeredIdentifiers: [String] { self.identifiers }

    /// Registers a migration `name` in `namespace`.
    public mutating func registerMigration(
        _ name: String,
        in namespace: String,
        migrate: @escaping @Sendable (Database) throws -> Void
    ) throws {
        guard Self.isValidNamespace(namespace) else {
            throw StoreError(code: .invalidMigration, message: "namespace '\(namespace)' must be lower-case letters, digits, '_' or '-'")
        }
        guard !name.isEmpty else {
            throw StoreError(code: .invalidMigration, message: "a migration in '\(namespace)' has an empty name")
        }
        let identifier = "\(namespace).\(name)"
        guard !self.identifiers.contains(identifier) else {
            throw StoreError(code: .invalidMigration, message: "migration '\(identifier)' is registered twice")
        }
        self.identifiers.append(identifier)
        if !self.namespaces.contains(namespace) { self.namespaces.append(namespace) }
        self.migrator.registerMigration(identifier, migrate: migrate)
    }

    /// Applies every registered migration not yet applied, after checking the database is not newer.
    public func migrate(_ database: KioskDatabase) throws {
        try database.pool.read { db in try self.checkNotNewer(db) }
        try self.migrator.migrate(database.pool)
    }

    /// Applies the registered migrations up to and including `identifier`, e.g. to build a database
    /// as an older version left it and test a later migration on it.
    public func migrate(_ database: KioskDatabase, upTo identifier: String) throws {
        try database.pool.read { db in try self.checkNotNewer(db) }
        try self.migrator.migrate(database.pool, upTo: identifier)
    }

    /// Applied migrations this binary does not know, in namespaces it runs.
    public func unknownAppliedMigrations(_ db: Database) throws -> [String] {
        let applied = try self.migrator.appliedIdentifiers(db)
        return applied.filter { identifier in
            guard !self.identifiers.contains(identifier) else { return false }
            return self.namespaces.contains { identifier.hasPrefix("\($0).") }
        }
        .sorted()
    }

    /// Registered migrations not yet applied.
    public func pendingMigrations(_ db: Database) throws -> [String] {
        let applied = try self.migrator.appliedIdentifiers(db)
        return self.identifiers.filter { !applied.contains($0) }
    }

    private func checkNotNewer(_ db: Database) throws {
        let unknown = try self.unknownAppliedMigrations(db)
        guard unknown.isEmpty else {
            throw StoreError(
                code: .newerSchema,
                message: "the database has migrations this kioskd does not know (\(unknown.joined(separator: ", "))); "
                    + "it was written by a newer version: upgrade kioskd or restore a backup"
            )
        }
    }

    private static func isValidNamespace(_ namespace: String) -> Bool {
        !namespace.isEmpty && namespace.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}
