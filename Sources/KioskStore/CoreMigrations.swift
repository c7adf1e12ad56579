import GRDB

/// The core's own schema, namespace `core`.
public enum CoreMigrations {
    /// The namespace of the core's migrations.
    public static let namespace = "core"

    /// Registers the core's migrations; call before any plugin's.
    public static func register(in migrator: inout StoreMigrator) throws {
        try migrator.registerMigration("v1.idempotency", in: namespace) { db in
            try db.execute(
                sql: """
                    CREATE TABLE core_idempotency (
                        scope TEXT NOT NULL,
                        key TEXT NOT NULL,
                        method TEXT NOT NULL,
                        request_digest BLOB NOT NULL,
                        response BLOB NOT NULL,
                        created_at DATETIME NOT NULL,
                        PRIMARY KEY (scope, key)
                    ) WITHOUT ROWID;
                    CREATE INDEX core_idempotency_created_at ON core_idempotency (created_at);
                    """
            )
        }
        try migrator.registerMigration("v1.kiosks", in: namespace) { db in
            try db.execute(
                sql: """
                    CREATE TABLE core_kiosk (
                        kiosk_id TEXT PRIMARY KEY NOT NULL,
                        label TEXT NOT NULL,
                        credential_sha256 BLOB NOT NULL,
                        created_at DATETIME NOT NULL,
                        revoked_at DATETIME
                    );
                    """
            )
        }
    }
}
