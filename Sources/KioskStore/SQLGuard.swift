import CSQLiteGuard
public import GRDB

/// Confines the SQL that a plugin's code runs to the plugin's own tables.
///
/// While ``confine(_:toTablesPrefixed:_:)`` runs its body, every statement compiled on the connection
/// may read, write, create or drop only tables (and their indexes and triggers) whose names start with
/// the prefix, plus read the schema itself. Everything else fails as the statement is compiled,
/// before it runs: another table, `ATTACH`, `BEGIN`/`COMMIT`, any pragma but the few that describe the
/// schema. The core's own code, called from a plugin's body through the core APIs, runs in
/// ``lift(_:_:)`` and is not confined. Guards nest: each restores the one it replaced.
///
/// This is SQLite's authorizer, chained in front of GRDB's own (`Sources/CSQLiteGuard`). It catches
/// mistakes; it is not a sandbox against code that means harm, which runs in the same process.
public enum SQLGuard {
    /// Runs `body` with `db` confined to tables whose names start with `prefix`.
    ///
    /// A statement the guard refuses throws ``SQLGuardViolation`` naming what was refused.
    public static func confine<T>(_ db: Database, toTablesPrefixed prefix: String, _ body: () throws -> T) throws -> T {
        let previous = self.current(db)
        guard kiosk_sql_guard_begin(db.sqliteConnection, prefix) == 0 else {
            throw SQLGuardViolation(prefix: prefix, refused: "cannot be guarded (prefix too long, or a connection not opened by the store)")
        }
        defer { self.restore(previous, on: db) }
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_AUTH {
            throw SQLGuardViolation(prefix: prefix, refused: self.lastDenial(db))
        }
    }

    /// Runs `body` without the guard, for the core's own code; the previous guard comes back after.
    public static func lift<T>(_ db: Database, _ body: () throws -> T) rethrows -> T {
        let previous = self.current(db)
        kiosk_sql_guard_end(db.sqliteConnection)
        defer { self.restore(previous, on: db) }
        return try body()
    }

    /// The prefix `db` is confined to, or nil when it is not.
    public static func current(_ db: Database) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(KIOSK_SQL_GUARD_PREFIX_MAX))
        guard kiosk_sql_guard_current(db.sqliteConnection, &buffer, Int32(buffer.count)) == 1 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func restore(_ prefix: String?, on db: Database) {
        if let prefix {
            _ = kiosk_sql_guard_begin(db.sqliteConnection, prefix)
        } else {
            kiosk_sql_guard_end(db.sqliteConnection)
        }
    }

    private static func lastDenial(_ db: Database) -> String {
        var buffer = [CChar](repeating: 0, count: 160)
        kiosk_sql_guard_last_denial(db.sqliteConnection, &buffer, Int32(buffer.count))
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.isEmpty ? "a statement the guard does not allow" : text
    }
}

/// A statement refused by ``SQLGuard``: code confined to its own tables reached for something else.
public struct SQLGuardViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// The prefix the code was confined to, e.g. `nutrition_`.
    public var prefix: String
    /// What was refused, e.g. `reads table core_child`.
    public var refused: String

    /// Creates a violation.
    public init(prefix: String, refused: String) {
        self.prefix = prefix
        self.refused = refused
    }

    public var description: String {
        "code confined to tables '\(self.prefix)…' \(self.refused); use the core APIs for core data"
    }
}

extension SQLGuard {
    /// The guard of a connection, lifted until ``restore()``: `let lifted = SQLGuard.suspend(db); defer { lifted.restore() }`.
    public struct Suspension {
        private let db: Database
        private let previous: String?

        fileprivate init(_ db: Database) {
            self.db = db
            self.previous = SQLGuard.current(db)
            kiosk_sql_guard_end(db.sqliteConnection)
        }

        /// Puts back the guard that was lifted.
        public func restore() {
            if let previous = self.previous { _ = kiosk_sql_guard_begin(self.db.sqliteConnection, previous) }
        }
    }

    /// Lifts the guard on `db` until the returned suspension is restored; for the core's own code.
    public static func suspend(_ db: Database) -> Suspension {
        Suspension(db)
    }
}
