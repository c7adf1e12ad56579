public import KioskPluginKit
import Foundation
public import GRDB
public import KioskDomain

/// How long children's records are kept, and which are due for de-identification.
///
/// A child's record is de-identified ``years`` after the later of the child's 18th birthday and the
/// last activity on the record (a change to it, a visit recorded, a step of one of its
/// applications), and never while one of its applications is open (submitted, in review, returned,
/// approved, active or suspended). docs/CORE-SERVICES.md lists what de-identification removes.
public struct RetentionPolicy: Sendable, Hashable {
    /// Years kept after the later of the 18th birthday and the last activity.
    public var years: Int
    /// Children de-identified per transaction.
    public var batchSize: Int

    /// Creates a policy.
    public init(years: Int, batchSize: Int = 100) {
        self.years = years
        self.batchSize = batchSize
    }

    /// The policy of the `[core]` settings.
    public init(settings: PluginSettings) {
        self.init(years: settings[CoreSettings.retentionYears], batchSize: settings[CoreSettings.retentionBatchSize])
    }

    /// The day a record with this birth date and last activity may be de-identified.
    public func expiry(birthDate: CalendarDate, lastActivity: CalendarDate) -> CalendarDate {
        max(birthDate.adding(years: 18), lastActivity).adding(years: self.years)
    }

    /// One child's record as retention sees it.
    public struct Candidate: Sendable, Hashable {
        /// The child.
        public var childID: String
        /// The day the record may be de-identified.
        public var expiry: CalendarDate
        /// Whether an application of the child is open (the record is kept meanwhile).
        public var hasOpenApplication: Bool
    }

    /// Records not yet de-identified, optionally only those born on or before `bornBy`, with their
    /// expiry and birth date; by birth date and id, after `after` (a birth date and id), at most `limit`.
    func candidates(
        bornBy: CalendarDate?, after: (String, String)? = nil, limit: Int?, in db: Database
    ) throws -> [(candidate: Candidate, birthDate: String)] {
        let open = CoreConsentRegistry.openStates.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var sql = """
            SELECT c.child_id, c.birth_date,
                max(substr(c.updated_at, 1, 10),
                    coalesce((SELECT substr(max(a.updated_at), 1, 10) FROM core_application a WHERE a.child_id = c.child_id), ''),
                    coalesce((SELECT substr(max(v.created_at), 1, 10) FROM core_visit v WHERE v.child_id = c.child_id), '')) AS last_activity,
                EXISTS (SELECT 1 FROM core_application a WHERE a.child_id = c.child_id AND a.state IN (\(open))) AS open
            FROM core_child c WHERE c.deidentified_at IS NULL
            """
        var arguments: StatementArguments = []
        if let bornBy {
            sql += " AND c.birth_date <= ?"
            _ = arguments.append(contentsOf: [bornBy.isoString])
        }
        if let after {
            sql += " AND (c.birth_date, c.child_id) > (?, ?)"
            _ = arguments.append(contentsOf: [after.0, after.1])
        }
        sql += " ORDER BY c.birth_date, c.child_id"
        if let limit {
            sql += " LIMIT ?"
            _ = arguments.append(contentsOf: [limit])
        }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row -> (candidate: Candidate, birthDate: String)? in
            guard let birth = try? CalendarDate(iso: row["birth_date"]), let last = try? CalendarDate(iso: row["last_activity"]) else { return nil }
            let candidate = Candidate(childID: row["child_id"], expiry: self.expiry(birthDate: birth, lastActivity: last), hasOpenApplication: row["open"])
            return (candidate, birth.isoString)
        }
    }

    /// Up to ``batchSize`` records due on `today` (expired and without an open application).
    public func due(on today: CalendarDate, in db: Database) throws -> [String] {
        var due: [String] = []
        var after: (String, String)?
        // Only children at least 18 + years old can be due; page through them in birth-date order.
        let bornBy = today.adding(years: -(18 + self.years))
        while due.count < self.batchSize {
            let page = try self.candidates(bornBy: bornBy, after: after, limit: 4 * self.batchSize, in: db)
            guard let last = page.last else { break }
            after = (last.birthDate, last.candidate.childID)
            due += page.map(\.candidate).filter { $0.expiry <= today && !$0.hasOpenApplication }.map(\.childID)
        }
        return Array(due.prefix(self.batchSize))
    }
}
