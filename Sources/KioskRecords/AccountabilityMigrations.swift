import KioskPluginKit
import GRDB
public import KioskStore

/// The schema of consent, the audit chain and retention (namespace `core`, after the registry's).
public enum AccountabilityMigrations {
    /// Registers the migrations; ``RegistryMigrations`` calls this after its own.
    public static func register(in migrator: inout StoreMigrator) throws {
        try migrator.registerMigration("v2.audit-chain", in: CoreMigrations.namespace) { db in
            try db.execute(
                sql: """
                    ALTER TABLE core_audit ADD COLUMN actor_role TEXT;
                    ALTER TABLE core_audit ADD COLUMN prev_hash TEXT;
                    ALTER TABLE core_audit ADD COLUMN hash TEXT;
                    """
            )
            try Self.chainExistingRows(in: db)
        }
        try migrator.registerMigration("v2.consent", in: CoreMigrations.namespace) { db in
            try db.execute(
                sql: """
                    CREATE TABLE core_consent (
                        consent_id TEXT PRIMARY KEY NOT NULL,
                        child_id TEXT NOT NULL REFERENCES core_child (child_id),
                        purpose TEXT NOT NULL,
                        given_by TEXT NOT NULL,
                        caregiver_id TEXT REFERENCES core_caregiver (caregiver_id),
                        method TEXT NOT NULL,
                        witness_worker_id TEXT,
                        given_on TEXT NOT NULL,
                        recorded_by TEXT NOT NULL,
                        recorded_at DATETIME NOT NULL,
                        withdrawn_on TEXT,
                        withdrawal_reason TEXT,
                        withdrawn_by TEXT,
                        withdrawn_at DATETIME
                    );
                    CREATE INDEX core_consent_child ON core_consent (child_id, purpose);
                    CREATE UNIQUE INDEX core_consent_in_force ON core_consent (child_id, purpose) WHERE withdrawn_on IS NULL;
                    CREATE TABLE core_consent_override (
                        override_id TEXT PRIMARY KEY NOT NULL,
                        child_id TEXT NOT NULL REFERENCES core_child (child_id),
                        village TEXT NOT NULL,
                        purpose TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        recorded_by TEXT NOT NULL,
                        recorded_at DATETIME NOT NULL,
                        valid_until DATETIME NOT NULL,
                        used_by_application_id TEXT,
                        used_at DATETIME,
                        reviewed_by TEXT,
                        reviewed_at DATETIME,
                        review_note TEXT
                    );
                    CREATE INDEX core_consent_override_child ON core_consent_override (child_id, purpose);
                    CREATE INDEX core_consent_override_review ON core_consent_override (village, reviewed_at);
                    """
            )
        }
        try migrator.registerMigration("v2.retention", in: CoreMigrations.namespace) { db in
            try db.execute(sql: "ALTER TABLE core_child ADD COLUMN deidentified_at DATETIME")
        }
    }

    /// Chains the rows written before the chain existed, once, in order, in the migration's transaction.
    static func chainExistingRows(in db: Database) throws {
        var previous = AuditChain.genesis
        var after: Int64 = 0
        let columns = AuditChain.contentColumns.joined(separator: ", ")
        while true {
            let rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM core_audit WHERE seq > ? ORDER BY seq LIMIT 1000", arguments: [after])
            guard let last = rows.last else { return }
            for row in rows {
                let values = (0..<AuditChain.contentColumns.count).map { row[$0] as DatabaseValue }
                let hash = AuditChain.hash(previous: previous, values: values)
                try db.execute(sql: "UPDATE core_audit SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [previous, hash, values[0]])
                previous = hash
            }
            after = Int64.fromDatabaseValue(last[0]) ?? Int64.max
        }
    }
}
