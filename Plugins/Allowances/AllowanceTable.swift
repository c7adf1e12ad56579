import KioskPluginKit
import Foundation
import GRDB
import KioskDomain

/// Where an allowance stands; kept in step with its application by the hooks.
enum AllowanceStatus: String, Sendable, Hashable {
    case active, suspended, closed
}

/// An allowance granted by an activated application (its id is the application's).
struct AllowanceRow: Sendable, Hashable {
    var allowanceID: String
    var childID: String
    var village: String
    var county: String
    var kind: AllowanceKind
    var status: AllowanceStatus
    var startMonth: Month
    var statusReason: String
    /// The child's 18th birthday as last read from the registry (nil for allowances activated before
    /// it was kept, until the next automatic check reads it).
    var turns18On: CalendarDate?
    /// While suspended, the first month not paid; nil for suspensions recorded before it was kept
    /// (no month paid).
    var suspendedFrom: Month?
}

/// The plugin's allowances table.
enum AllowanceTable {
    static func insert(_ row: AllowanceRow, at date: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO allowances_allowance (allowance_id, child_id, village, county, allowance_type, status, start_month,
                    status_reason, turns_18_on, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                row.allowanceID, row.childID, row.village, row.county, row.kind.rawValue, row.status.rawValue,
                row.startMonth.description, row.statusReason, row.turns18On?.isoString, date,
            ]
        )
    }

    /// Sets the status and its reason; `suspendedFrom` is the first month not paid while suspended.
    static func setStatus(
        _ allowanceID: String, _ status: AllowanceStatus, reason: String, suspendedFrom: Month? = nil, at date: Date, in db: Database
    ) throws {
        try db.execute(
            sql: "UPDATE allowances_allowance SET status = ?, status_reason = ?, suspended_from = ?, updated_at = ? WHERE allowance_id = ?",
            arguments: [status.rawValue, reason, suspendedFrom?.description, date, allowanceID]
        )
    }

    /// Keeps the child's 18th birthday as the registry has it now.
    static func setTurns18On(_ allowanceID: String, _ date: CalendarDate, in db: Database) throws {
        try db.execute(
            sql: "UPDATE allowances_allowance SET turns_18_on = ? WHERE allowance_id = ?",
            arguments: [date.isoString, allowanceID]
        )
    }

    /// The kinds of the child's active or suspended allowances, other than `excluding`.
    static func grantedKinds(childID: String, excluding allowanceID: String?, in db: Database) throws -> [AllowanceKind] {
        try String.fetchAll(
            db,
            sql: """
                SELECT allowance_type FROM allowances_allowance
                WHERE child_id = ? AND status IN ('active', 'suspended') AND allowance_id IS NOT ?
                """,
            arguments: [childID, allowanceID]
        ).compactMap(AllowanceKind.init(rawValue:))
    }

    /// Allowances in `villages`, optionally of one child or status, by id.
    static func list(
        villages: VillageRange, childID: String?, status: AllowanceStatus?, in db: Database
    ) throws -> [AllowanceRow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM allowances_allowance WHERE village BETWEEN ? AND ? AND (? IS NULL OR child_id = ?)
                AND (? IS NULL OR status = ?) ORDER BY allowance_id
                """,
            arguments: [villages.lowest, villages.highest, childID, childID, status?.rawValue, status?.rawValue]
        ).compactMap(self.allowance(from:))
    }

    static func allowance(from row: Row) -> AllowanceRow? {
        guard let kind = AllowanceKind(rawValue: row["allowance_type"]), let status = AllowanceStatus(rawValue: row["status"]),
            let start = Month(row["start_month"])
        else { return nil }
        return AllowanceRow(
            allowanceID: row["allowance_id"], childID: row["child_id"], village: row["village"], county: row["county"],
            kind: kind, status: status, startMonth: start, statusReason: row["status_reason"],
            turns18On: (row["turns_18_on"] as String?).flatMap { try? CalendarDate(iso: $0) },
            suspendedFrom: (row["suspended_from"] as String?).flatMap(Month.init)
        )
    }
}
