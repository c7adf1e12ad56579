import KioskStore
public import KioskPluginKit
import Foundation
public import GRDB
import GRPCCore
public import KioskDomain

extension CoreChildRegistry {
    /// The longest observations accepted, in characters.
    public static let maximumObservationsLength = 4000

    /// Records a visit by the actor to a child in the actor's jurisdiction.
    public func recordVisit(
        childID: String,
        date: CalendarDate,
        observations: String,
        riskLevel: Visit.RiskLevel,
        followUpDate: CalendarDate?,
        in db: Database,
        actor: CoreActor
    ) throws -> Visit {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.childRegistryWrite)
        let child = try self.child(childID, in: db, actor: actor, action: "children.record-visit")
        let today = self.clock.today()
        guard date <= today else { throw invalid("visit_date \(date) is in the future (today is \(today))") }
        guard date >= child.details.birthDate else { throw invalid("visit_date \(date) is before the child's birth") }
        if let followUpDate, followUpDate <= date {
            throw invalid("follow_up_date \(followUpDate) must be after visit_date \(date)")
        }
        guard observations.count <= Self.maximumObservationsLength else {
            throw invalid("observations are longer than \(Self.maximumObservationsLength) characters")
        }
        let visit = Visit(
            visitID: RecordID.make("V"),
            childID: childID,
            date: date,
            workerID: actor.name,
            observations: observations,
            riskLevel: riskLevel,
            followUpDate: followUpDate
        )
        try db.execute(
            sql: """
                INSERT INTO core_visit (visit_id, child_id, visit_date, worker_id, observations, risk_level, follow_up_date, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                visit.visitID, childID, date.isoString, visit.workerID, observations, riskLevel.rawValue,
                followUpDate?.isoString, self.clock.now(),
            ]
        )
        return visit
    }

    /// A child's visits, newest first.
    public func visits(childID: String, in db: Database, actor: CoreActor) throws -> [Visit] {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        _ = try self.child(childID, in: db, actor: actor, action: "children.list-visits")
        return try Row.fetchAll(
            db,
            sql: "SELECT * FROM core_visit WHERE child_id = ? ORDER BY visit_date DESC, created_at DESC",
            arguments: [childID]
        ).map(Self.visit(from:))
    }

    /// Children in the actor's jurisdiction (or `division` inside it) whose last visit's follow-up
    /// date has passed, oldest due first, after the children never visited.
    public func overdueVisits(
        division: Jurisdiction?,
        pageSize: Int,
        pageToken: String?,
        in db: Database,
        actor: CoreActor
    ) throws -> (visits: [OverdueVisit], nextPageToken: String?) {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.childRegistry)
        try Self.checkRole(actor, in: db, at: self.clock.now(), action: "children.list-overdue-visits", childID: nil)
        guard (1...100).contains(pageSize) else { throw invalid("page_size must be 1 to 100") }
        let offset = try PageToken.offset(pageToken)
        let range = try ChildSearch.villageRange(actor: actor, division: division)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.*, v.visit_id AS v_visit_id, v.visit_date AS v_visit_date, v.worker_id AS v_worker_id,
                    v.observations AS v_observations, v.risk_level AS v_risk_level, v.follow_up_date AS v_follow_up_date
                FROM core_child c
                LEFT JOIN core_visit v ON v.visit_id = (
                    SELECT visit_id FROM core_visit WHERE child_id = c.child_id ORDER BY visit_date DESC, created_at DESC LIMIT 1)
                WHERE c.village BETWEEN ? AND ? AND (v.visit_id IS NULL OR v.follow_up_date < ?)
                ORDER BY v.visit_id IS NOT NULL, v.follow_up_date, c.child_id
                LIMIT ? OFFSET ?
                """,
            arguments: [range.lowest, range.highest, self.clock.today().isoString, pageSize + 1, offset]
        )
        let page = try rows.prefix(pageSize).map { row in
            var child = try ChildRow.record(from: row)
            child.details.categories = try ChildRow.categories(of: child.childID, in: db)
            let visitID: String? = row["v_visit_id"]
            let visit = try visitID.map { _ in try Self.visit(from: row.scopedVisit, childID: child.childID) }
            return OverdueVisit(child: child, dueDate: visit?.followUpDate, lastVisit: visit)
        }
        try AuditLog.append(in: db, at: self.clock.now(), actor: actor, action: "children.list-overdue-visits", outcome: "\(page.count) results")
        return (page, rows.count > pageSize ? PageToken.encode(offset: offset + pageSize) : nil)
    }

    static func visit(from row: Row) throws -> Visit {
        try self.visit(from: row, childID: row["child_id"])
    }

    static func visit(from row: Row, childID: String) throws -> Visit {
        let followUp: String? = row["follow_up_date"]
        return Visit(
            visitID: row["visit_id"],
            childID: childID,
            date: try CalendarDate(iso: row["visit_date"]),
            workerID: row["worker_id"],
            observations: row["observations"],
            riskLevel: Visit.RiskLevel(rawValue: row["risk_level"]) ?? .low,
            followUpDate: try followUp.map { try CalendarDate(iso: $0) }
        )
    }
}

extension Row {
    /// The `v_`-prefixed columns of an overdue-visit row, renamed to the visit table's columns.
    fileprivate var scopedVisit: Row {
        let columns = ["visit_id", "visit_date", "worker_id", "observations", "risk_level", "follow_up_date"]
        return Row(Dictionary(uniqueKeysWithValues: columns.map { ($0, self["v_" + $0] as DatabaseValue as (any DatabaseValueConvertible)?) }))
    }
}
