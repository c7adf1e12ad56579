import KioskPluginKit
import GRDB
public import KioskStore

/// The schema of the child registry, the application workflow, the work list and the audit log
/// (namespace `core`), followed by consent, the audit chain and retention (``AccountabilityMigrations``).
public enum RegistryMigrations {
    /// Registers the migrations; the host calls this after the core's store migrations.
    public static func register(in migrator: inout StoreMigrator) throws {
        try migrator.registerMigration("v1.registry", in: CoreMigrations.namespace) { db in
            try db.execute(
                sql: """
                    CREATE TABLE core_household (
                        household_id TEXT PRIMARY KEY NOT NULL,
                        village TEXT NOT NULL,
                        address TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL
                    );
                    CREATE TABLE core_caregiver (
                        caregiver_id TEXT PRIMARY KEY NOT NULL,
                        household_id TEXT NOT NULL REFERENCES core_household (household_id),
                        name TEXT NOT NULL,
                        sex TEXT,
                        birth_year INTEGER,
                        phone TEXT NOT NULL
                    );
                    CREATE INDEX core_caregiver_household ON core_caregiver (household_id);
                    CREATE TABLE core_child (
                        child_id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        name_pinyin TEXT NOT NULL,
                        name_pinyin_compact TEXT NOT NULL,
                        sex TEXT NOT NULL,
                        birth_date TEXT NOT NULL,
                        village TEXT NOT NULL,
                        identity_number TEXT,
                        hukou_status TEXT NOT NULL,
                        household_id TEXT REFERENCES core_household (household_id),
                        version INTEGER NOT NULL,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL
                    );
                    CREATE UNIQUE INDEX core_child_identity_number ON core_child (identity_number)
                        WHERE identity_number IS NOT NULL;
                    CREATE INDEX core_child_village ON core_child (village);
                    CREATE INDEX core_child_birth_date ON core_child (birth_date);
                    CREATE INDEX core_child_pinyin ON core_child (name_pinyin_compact);
                    CREATE TABLE core_child_category (
                        child_id TEXT NOT NULL REFERENCES core_child (child_id),
                        kind TEXT NOT NULL,
                        disability_type TEXT,
                        disability_grade INTEGER,
                        since TEXT,
                        PRIMARY KEY (child_id, kind)
                    ) WITHOUT ROWID;
                    CREATE INDEX core_child_category_kind ON core_child_category (kind, child_id);
                    CREATE TABLE core_child_caregiver (
                        child_id TEXT NOT NULL REFERENCES core_child (child_id),
                        caregiver_id TEXT NOT NULL REFERENCES core_caregiver (caregiver_id),
                        relationship TEXT NOT NULL,
                        is_primary BOOLEAN NOT NULL,
                        PRIMARY KEY (child_id, caregiver_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE core_visit (
                        visit_id TEXT PRIMARY KEY NOT NULL,
                        child_id TEXT NOT NULL REFERENCES core_child (child_id),
                        visit_date TEXT NOT NULL,
                        worker_id TEXT NOT NULL,
                        observations TEXT NOT NULL,
                        risk_level TEXT NOT NULL,
                        follow_up_date TEXT,
                        created_at DATETIME NOT NULL
                    );
                    CREATE INDEX core_visit_child ON core_visit (child_id, visit_date);
                    """
            )
        }
        try migrator.registerMigration("v1.workflow", in: CoreMigrations.namespace) { db in
            try db.execute(
                sql: """
                    CREATE TABLE core_application (
                        application_id TEXT PRIMARY KEY NOT NULL,
                        kind TEXT NOT NULL,
                        child_id TEXT NOT NULL REFERENCES core_child (child_id),
                        village TEXT NOT NULL,
                        state TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        summary TEXT NOT NULL,
                        payload BLOB NOT NULL,
                        payload_type TEXT NOT NULL,
                        checks TEXT NOT NULL,
                        submitted_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL
                    );
                    CREATE INDEX core_application_village ON core_application (village, application_id);
                    CREATE INDEX core_application_child ON core_application (child_id);
                    CREATE INDEX core_application_kind_state ON core_application (kind, state);
                    CREATE TABLE core_application_event (
                        cursor INTEGER PRIMARY KEY AUTOINCREMENT,
                        application_id TEXT NOT NULL REFERENCES core_application (application_id),
                        kind TEXT NOT NULL,
                        child_id TEXT NOT NULL,
                        village TEXT NOT NULL,
                        action TEXT NOT NULL,
                        from_state TEXT,
                        to_state TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        actor_level TEXT NOT NULL,
                        kiosk_id TEXT,
                        reason TEXT NOT NULL,
                        effective_date TEXT,
                        at DATETIME NOT NULL
                    );
                    CREATE INDEX core_application_event_application ON core_application_event (application_id, cursor);
                    CREATE INDEX core_application_event_village ON core_application_event (village, cursor);
                    CREATE TABLE core_work_item (
                        item_id TEXT PRIMARY KEY NOT NULL,
                        child_id TEXT NOT NULL REFERENCES core_child (child_id),
                        village TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        urgency TEXT NOT NULL,
                        summary TEXT NOT NULL,
                        raised_at DATETIME NOT NULL,
                        raised_by TEXT NOT NULL,
                        resolved_at DATETIME,
                        resolved_by TEXT,
                        resolution TEXT
                    );
                    CREATE UNIQUE INDEX core_work_item_open ON core_work_item (kind, child_id) WHERE resolved_at IS NULL;
                    CREATE INDEX core_work_item_village ON core_work_item (village, resolved_at);
                    CREATE TABLE core_audit (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        at DATETIME NOT NULL,
                        actor TEXT NOT NULL,
                        actor_level TEXT NOT NULL,
                        kiosk_id TEXT,
                        action TEXT NOT NULL,
                        child_id TEXT,
                        application_id TEXT,
                        outcome TEXT NOT NULL
                    );
                    CREATE INDEX core_audit_child ON core_audit (child_id, seq);
                    """
            )
        }
        try AccountabilityMigrations.register(in: &migrator)
    }
}
