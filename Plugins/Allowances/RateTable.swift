import Foundation
import GRDB
import GRPCCore
import KioskPluginKit

/// A monthly amount for a county and allowance kind, from a month on.
struct RateRow: Sendable, Hashable {
    var county: String
    var kind: AllowanceKind
    var effectiveMonth: Month
    var amountFen: Int64
    var setBy: String
}

/// One SetRate as kept for audits: the month's amount after, and before when it replaced one.
struct RateChangeRow: Sendable, Hashable {
    var rate: RateRow
    var previousAmountFen: Int64?
    var setAt: Date
}

/// Effective-dated rates: the amount for a month is the latest rate effective on or before it, so a
/// change from a month never alters earlier months.
enum RateTable {
    /// The rate in force for `month`, if any.
    static func rate(county: String, kind: AllowanceKind, month: Month, in db: Database) throws -> RateRow? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT * FROM allowances_rate WHERE county = ? AND allowance_type = ? AND effective_month <= ?
                ORDER BY effective_month DESC LIMIT 1
                """,
            arguments: [county, kind.rawValue, month.description]
        ).flatMap(self.rate(from:))
    }

    /// Sets the rate from its month, or replaces the one set for that month (returned), and keeps the
    /// change; refused when payments for that month or later exist.
    static func set(_ rate: RateRow, at date: Date, in db: Database) throws -> RateRow? {
        if let paid = try String.fetchOne(
            db,
            sql: "SELECT MAX(month) FROM allowances_payment WHERE county = ? AND allowance_type = ? AND month >= ?",
            arguments: [rate.county, rate.kind.rawValue, rate.effectiveMonth.description]
        ) {
            throw RPCError(
                code: .failedPrecondition,
                message: "\(rate.kind.rawValue) in county \(rate.county) is already paid up to \(paid); "
                    + "a new rate can take effect only from a later month"
            )
        }
        let replaced = try Row.fetchOne(
            db,
            sql: "SELECT * FROM allowances_rate WHERE county = ? AND allowance_type = ? AND effective_month = ?",
            arguments: [rate.county, rate.kind.rawValue, rate.effectiveMonth.description]
        ).flatMap(self.rate(from:))
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO allowances_rate (county, allowance_type, effective_month, amount_fen, set_by, set_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [rate.county, rate.kind.rawValue, rate.effectiveMonth.description, rate.amountFen, rate.setBy, date]
        )
        try db.execute(
            sql: """
                INSERT INTO allowances_rate_change (county, allowance_type, effective_month, amount_fen, previous_amount_fen, set_by, set_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [rate.county, rate.kind.rawValue, rate.effectiveMonth.description, rate.amountFen, replaced?.amountFen, rate.setBy, date]
        )
        return replaced
    }

    /// Every SetRate of the county (of one kind when given), oldest first.
    static func changes(county: String, kind: AllowanceKind?, in db: Database) throws -> [RateChangeRow] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM allowances_rate_change WHERE county = ? AND (? IS NULL OR allowance_type = ?) ORDER BY seq",
            arguments: [county, kind?.rawValue, kind?.rawValue]
        ).compactMap { row in
            self.rate(from: row).map { RateChangeRow(rate: $0, previousAmountFen: row["previous_amount_fen"], setAt: row["set_at"]) }
        }
    }

    /// Every rate of the county (of one kind when given), by kind then month.
    static func list(county: String, kind: AllowanceKind?, in db: Database) throws -> [RateRow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM allowances_rate WHERE county = ? AND (? IS NULL OR allowance_type = ?)
                ORDER BY allowance_type, effective_month
                """,
            arguments: [county, kind?.rawValue, kind?.rawValue]
        ).compactMap(self.rate(from:))
    }

    static func rate(from row: Row) -> RateRow? {
        guard let kind = AllowanceKind(rawValue: row["allowance_type"]), let month = Month(row["effective_month"]) else { return nil }
        return RateRow(county: row["county"], kind: kind, effectiveMonth: month, amountFen: row["amount_fen"], setBy: row["set_by"])
    }
}
