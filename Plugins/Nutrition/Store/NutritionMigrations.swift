import GRDB
import KioskPluginKit

/// The plugin's tables.
enum NutritionMigrations {
    static func register(in migrations: inout PluginMigrations) throws {
        try migrations.add("v1.measurements") { db in
            try db.execute(
                sql: """
                    CREATE TABLE nutrition_measurement (
                        measurement_id TEXT PRIMARY KEY,
                        child_id TEXT NOT NULL,
                        village TEXT NOT NULL,
                        measured_on TEXT NOT NULL,
                        age_days INTEGER NOT NULL,
                        weight_kg REAL,
                        length_cm REAL,
                        position TEXT,
                        adjusted_length_cm REAL,
                        muac_mm INTEGER,
                        oedema INTEGER NOT NULL,
                        z_weight_for_age REAL,
                        z_length_height_for_age REAL,
                        z_weight_for_length_height REAL,
                        z_bmi_for_age REAL,
                        z_muac_for_age REAL,
                        implausible TEXT NOT NULL,
                        classifications TEXT NOT NULL,
                        referral_item_id TEXT,
                        recorded_by TEXT NOT NULL,
                        recorded_at DATETIME NOT NULL
                    );
                    CREATE INDEX nutrition_measurement_child ON nutrition_measurement (child_id, measured_on);
                    CREATE INDEX nutrition_measurement_village ON nutrition_measurement (village, measured_on);
                    """
            )
        }
        // Support approved, for the reports (support received); filled by SupportHooks as the county approves.
        try migrations.add("v2.support") { db in
            try db.execute(
                sql: """
                    CREATE TABLE nutrition_support (
                        application_id TEXT PRIMARY KEY,
                        child_id TEXT NOT NULL,
                        village TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        approved_on TEXT NOT NULL
                    );
                    CREATE INDEX nutrition_support_village ON nutrition_support (village, approved_on);
                    """
            )
        }
    }
}
