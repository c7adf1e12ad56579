import Foundation
import GRDB
import KioskPluginKit

/// One payment of one allowance for one month.
struct PaymentRow: Sendable, Hashable {
    var allowanceID: String
    var childID: String
    var village: String
    var kind: AllowanceKind
    var month: Month
    var amountFen: Int64
    var runID: String
}

/// What a payment run did.
struct PaymentRunResult: Sendable, Hashable {
    var runID: String
    var paid: [PaymentRow] = []
    var alreadyPaid = 0
    var skipped: [AllowanceNotice] = []
    var remaining = 0
}

/// The monthly payment run of a county. `UNIQUE (allowance_id, month)` guarantees that a repeated
/// or resumed run pays nobody twice; each call is one transaction, so an interrupted call pays nobody.
///
/// A month is paid by the allowance's state for that month, not on the day of the run: a suspended
/// allowance is paid for the months before its suspension took effect, and no allowance is paid
/// after the last month of the age rule (``AgeLimit``).
enum PaymentRun {
    static func run(
        county: String, month: Month, limit: Int?, runID: String, ageLimit: AgeLimit, at date: Date, in db: Database
    ) throws -> PaymentRunResult {
        var result = PaymentRunResult(runID: runID)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT a.*, EXISTS (SELECT 1 FROM allowances_payment p WHERE p.allowance_id = a.allowance_id AND p.month = ?) AS paid
                FROM allowances_allowance a
                WHERE a.county = ? AND a.status IN ('active', 'suspended') AND a.start_month <= ? ORDER BY a.allowance_id
                """,
            arguments: [month.description, county, month.description]
        )
        for row in rows {
            guard let allowance = AllowanceTable.allowance(from: row) else { continue }
            if row["paid"] as Bool {
                result.alreadyPaid += 1
                continue
            }
            let notice = { (reason: String) in AllowanceNotice(allowanceID: allowance.allowanceID, childID: allowance.childID, reason: reason) }
            if let reason = self.reasonNotDue(allowance, month: month, ageLimit: ageLimit) {
                result.skipped.append(notice(reason))
                continue
            }
            guard let rate = try RateTable.rate(county: county, kind: allowance.kind, month: month, in: db) else {
                result.skipped.append(notice("no rate for \(allowance.kind.rawValue) in county \(county) for \(month)"))
                continue
            }
            if let limit, result.paid.count >= limit {
                result.remaining += 1
                continue
            }
            let payment = PaymentRow(
                allowanceID: allowance.allowanceID, childID: allowance.childID, village: allowance.village, kind: allowance.kind,
                month: month, amountFen: rate.amountFen, runID: runID
            )
            try self.insert(payment, county: county, at: date, in: db)
            result.paid.append(payment)
        }
        return result
    }

    /// Why `allowance` is not due for `month` (suspended from it, or past the age rule), or nil when it is.
    static func reasonNotDue(_ allowance: AllowanceRow, month: Month, ageLimit: AgeLimit) -> String? {
        if allowance.status == .suspended, allowance.suspendedFrom.map({ month >= $0 }) ?? true {
            return "suspended: \(allowance.statusReason)"
        }
        if let eighteenth = allowance.turns18On, month > ageLimit.lastMonthPaid(eighteenth: eighteenth) {
            return "the child turns 18 on \(eighteenth); paid through \(ageLimit.lastMonthPaid(eighteenth: eighteenth))"
        }
        return nil
    }

    static func insert(_ payment: PaymentRow, county: String, at date: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO allowances_payment (allowance_id, child_id, village, county, allowance_type, month, amount_fen, run_id, paid_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                payment.allowanceID, payment.childID, payment.village, county, payment.kind.rawValue, payment.month.description,
                payment.amountFen, payment.runID, date,
            ]
        )
    }

    /// The month's payments of a county, by village then child.
    static func payments(county: String, month: Month, in db: Database) throws -> [PaymentRow] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM allowances_payment WHERE county = ? AND month = ? ORDER BY village, child_id, allowance_type",
            arguments: [county, month.description]
        ).compactMap { row in
            guard let kind = AllowanceKind(rawValue: row["allowance_type"]) else { return nil }
            return PaymentRow(
                allowanceID: row["allowance_id"], childID: row["child_id"], village: row["village"], kind: kind, month: month,
                amountFen: row["amount_fen"], runID: row["run_id"]
            )
        }
    }
}
