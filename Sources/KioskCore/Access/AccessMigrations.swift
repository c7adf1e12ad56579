import GRDB
public import KioskStore

/// The schema of workers and sessions, in the core's namespace.
public enum AccessMigrations {
    /// Registers the migrations; after ``CoreMigrations``, before any plugin's.
    public static func register(in migrator: inout StoreMigrator) throws {
        try migrator.registerMigration("v1.workers", in: CoreMigrations.namespace) { db in
            try db.execute(
                sql: """
                    CREATE TABLE core_worker (
                        worker_id TEXT PRIMARY KEY NOT NULL,
                        display_name TEXT NOT NULL,
                        role TEXT NOT NULL,
                        jurisdiction TEXT NOT NULL,
                        pin_digest BLOB NOT NULL,
                        pin_salt BLOB NOT NULL,
                        pin_rounds INTEGER NOT NULL,
                        active INTEGER NOT NULL DEFAULT 1,
                        failed_attempts INTEGER NOT NULL DEFAULT 0,
                        locked_until DATETIME,
                        created_at DATETIME NOT NULL
                    );
                    CREATE TABLE core_session (
                        token_sha256 BLOB PRIMARY KEY NOT NULL,
                        worker_id TEXT NOT NULL REFERENCES core_worker(worker_id),
                        kiosk_id TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        expires_at DATETIME NOT NULL,
                        ended_at DATETIME
                    ) WITHOUT ROWID;
                    CREATE INDEX core_session_expires_at ON core_session (expires_at);
                    """
            )
        }
    }
}
