import GRDB
import KioskPluginKit

/// The plugin's schema. Never edit a released migration; add a new one.
enum CivilRegistrationMigrations {
    static func register(in migrations: inout PluginMigrations) throws {
        try migrations.add("v1.cases") { db in
            try db.execute(
                sql: """
                    CREATE TABLE civil_registration_case (
                        case_id TEXT PRIMARY KEY,
                        child_id TEXT NOT NULL,
                        village TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        state TEXT NOT NULL,
                        application_id TEXT,
                        police_station TEXT NOT NULL DEFAULT '',
                        date_sent TEXT,
                        outcome_date TEXT,
                        outcome_note TEXT NOT NULL DEFAULT '',
                        household_booklet_number TEXT NOT NULL DEFAULT '',
                        opened_by TEXT NOT NULL,
                        opened_at DATETIME NOT NULL
                    );
                    CREATE UNIQUE INDEX civil_registration_case_open ON civil_registration_case (child_id)
                        WHERE state IN ('draft', 'submitted', 'with-police');
                    CREATE INDEX civil_registration_case_village ON civil_registration_case (village, state);
                    CREATE TABLE civil_registration_document (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        case_id TEXT NOT NULL REFERENCES civil_registration_case (case_id),
                        type TEXT NOT NULL,
                        number TEXT NOT NULL,
                        seen_by TEXT NOT NULL,
                        seen_on TEXT NOT NULL
                    );
                    CREATE INDEX civil_registration_document_case ON civil_registration_document (case_id, seq);
                    """
            )
        }
        // The open cases, for the core's "children without an open case" filter (ChildQuery.pluginRecords).
        try migrations.add("v2.open-cases") { db in
            try db.execute(
                sql: """
                    CREATE VIEW civil_registration_open_case AS
                        SELECT case_id, child_id FROM civil_registration_case WHERE state IN ('draft', 'submitted', 'with-police');
                    CREATE INDEX civil_registration_case_application ON civil_registration_case (application_id);
                    """
            )
        }
    }
}
