import GRDB
import KioskPluginKit

/// The plugin's schema. Never edit a released migration; add a new one.
enum AllowancesMigrations {
    static func register(in migrations: inout PluginMigrations) throws {
        try migrations.add("v1.tables") { db in
            try db.execute(
                sql: """
                    CREATE TABLE allowances_rate (
                        county TEXT NOT NULL,
                        allowance_type TEXT NOT NULL,
                        effective_month TEXT NOT NULL,
                        amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
                        set_by TEXT NOT NULL,
                        set_at DATETIME NOT NULL,
                        PRIMARY KEY (county, allowance_type, effective_month)
                    );
                    CREATE TABLE allowances_allowance (
                        allowance_id TEXT PRIMARY KEY,
                        child_id TEXT NOT NULL,
                        village TEXT NOT NULL,
                        county TEXT NOT NULL,
                        allowance_type TEXT NOT NULL,
                        status TEXT NOT NULL,
                        start_month TEXT NOT NULL,
                        status_reason TEXT NOT NULL DEFAULT '',
                        updated_at DATETIME NOT NULL
                    );
                    CREATE INDEX allowances_allowance_county ON allowances_allowance (county, status);
                    CREATE INDEX allowances_allowance_child ON allowances_allowance (child_id);
                    CREATE TABLE allowances_payment (
                        payment_id INTEGER PRIMARY KEY AUTOINCREMENT,
                        allowance_id TEXT NOT NULL REFERENCES allowances_allowance (allowance_id),
                        child_id TEXT NOT NULL,
                        village TEXT NOT NULL,
                        county TEXT NOT NULL,
                        allowance_type TEXT NOT NULL,
                        month TEXT NOT NULL,
                        amount_fen INTEGER NOT NULL,
                        run_id TEXT NOT NULL,
                        paid_at DATETIME NOT NULL,
                        UNIQUE (allowance_id, month)
                    );
                    CREATE INDEX allowances_payment_month ON allowances_payment (county, month);
                    CREATE TABLE allowances_decision (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        application_id TEXT NOT NULL,
                        stage TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        at DATETIME NOT NULL,
                        evaluated_on TEXT NOT NULL,
                        checks TEXT NOT NULL
                    );
                    CREATE INDEX allowances_decision_application ON allowances_decision (application_id, seq);
                    """
            )
        }
        // Payments by the child's age in the month paid and suspensions from a month; every SetRate kept.
        try migrations.add("v2.age-limit-and-rate-changes") { db in
            try db.execute(
                sql: """
                    ALTER TABLE allowances_allowance ADD COLUMN turns_18_on TEXT;
                    ALTER TABLE allowances_allowance ADD COLUMN suspended_from TEXT;
                    CREATE TABLE allowances_rate_change (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        county TEXT NOT NULL,
                        allowance_type TEXT NOT NULL,
                        effective_month TEXT NOT NULL,
                        amount_fen INTEGER NOT NULL,
                        previous_amount_fen INTEGER,
                        set_by TEXT NOT NULL,
                        set_at DATETIME NOT NULL
                    );
                    CREATE INDEX allowances_rate_change_county ON allowances_rate_change (county, allowance_type, seq);
                    INSERT INTO allowances_rate_change (county, allowance_type, effective_month, amount_fen, set_by, set_at)
                        SELECT county, allowance_type, effective_month, amount_fen, set_by, set_at FROM allowances_rate ORDER BY set_at;
                    """
            )
        }
    }
}
