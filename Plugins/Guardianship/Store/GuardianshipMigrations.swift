import GRDB
import KioskPluginKit

/// The plugin's tables.
enum GuardianshipMigrations {
    static func register(in migrations: inout PluginMigrations) throws {
        try migrations.add("v1.guardianship") { db in
            try db.execute(
                sql: """
                    CREATE TABLE guardianship_situation (
                        child_id TEXT PRIMARY KEY,
                        village TEXT NOT NULL,
                        mother_status TEXT NOT NULL,
                        mother_migrated_to TEXT,
                        mother_migrated_since TEXT,
                        father_status TEXT NOT NULL,
                        father_migrated_to TEXT,
                        father_migrated_since TEXT,
                        caregiver_name TEXT,
                        caregiver_relationship TEXT,
                        caregiver_age INTEGER,
                        recorded_on TEXT NOT NULL,
                        recorded_by TEXT NOT NULL,
                        urgent_item_id TEXT
                    );
                    CREATE TABLE guardianship_assessment (
                        assessment_id TEXT PRIMARY KEY,
                        child_id TEXT NOT NULL,
                        village TEXT NOT NULL,
                        assessed_on TEXT NOT NULL,
                        caregiver_name TEXT NOT NULL,
                        caregiver_age INTEGER NOT NULL,
                        health TEXT NOT NULL,
                        income TEXT NOT NULL,
                        housing TEXT NOT NULL,
                        willing INTEGER NOT NULL,
                        history_of_neglect_or_violence INTEGER NOT NULL,
                        notes TEXT NOT NULL,
                        risk_level TEXT NOT NULL,
                        unfit INTEGER NOT NULL,
                        reasons TEXT NOT NULL,
                        assessed_by TEXT NOT NULL,
                        urgent_item_id TEXT,
                        recorded_at DATETIME NOT NULL
                    );
                    CREATE INDEX guardianship_assessment_child ON guardianship_assessment (child_id, assessed_on);
                    CREATE TABLE guardianship_arrangement (
                        arrangement_id TEXT PRIMARY KEY,
                        child_id TEXT NOT NULL,
                        village TEXT NOT NULL,
                        type TEXT NOT NULL,
                        caregiver_name TEXT NOT NULL,
                        caregiver_relationship TEXT NOT NULL,
                        caregiver_age INTEGER NOT NULL,
                        started_on TEXT NOT NULL,
                        risk_level TEXT,
                        review_interval_months INTEGER NOT NULL,
                        next_review_due TEXT NOT NULL,
                        last_reviewed_on TEXT,
                        ended_on TEXT,
                        end_reason TEXT,
                        end_note TEXT
                    );
                    CREATE INDEX guardianship_arrangement_child ON guardianship_arrangement (child_id, started_on);
                    CREATE INDEX guardianship_arrangement_due ON guardianship_arrangement (village, next_review_due) WHERE ended_on IS NULL;
                    CREATE TABLE guardianship_review (
                        review_id TEXT PRIMARY KEY,
                        arrangement_id TEXT NOT NULL REFERENCES guardianship_arrangement(arrangement_id),
                        reviewed_on TEXT NOT NULL,
                        notes TEXT NOT NULL,
                        reviewed_by TEXT NOT NULL,
                        recorded_at DATETIME NOT NULL
                    );
                    """
            )
        }
        // An arrangement follows its application's suspension (off the overdue list, no reviews).
        try migrations.add("v2.suspension") { db in
            try db.execute(
                sql: """
                    ALTER TABLE guardianship_arrangement ADD COLUMN suspended_on TEXT;
                    ALTER TABLE guardianship_arrangement ADD COLUMN suspension_reason TEXT;
                    """
            )
        }
        // The reports find the last review on or before a day for each arrangement.
        try migrations.add("v3.review-index") { db in
            try db.execute(sql: "CREATE INDEX guardianship_review_arrangement ON guardianship_review (arrangement_id, reviewed_on)")
        }
    }
}
