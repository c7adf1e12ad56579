public import GRDB
public import KioskDomain

/// What retention would de-identify on a day, and when the rest falls due, for `kioskctl retention report`.
public struct RetentionReport: Sendable, Hashable {
    /// The day the report is for.
    public var today: CalendarDate
    /// Records due now (expired, no open application), with their expiry.
    public var dueNow: [RetentionPolicy.Candidate]
    /// Records expired but kept because an application is open.
    public var keptOpen: [RetentionPolicy.Candidate]
    /// Records not yet expired, soonest first.
    public var later: [RetentionPolicy.Candidate]
    /// Records already de-identified.
    public var deidentified: Int

    /// Builds the report over every record not yet de-identified.
    public init(policy: RetentionPolicy, today: CalendarDate, in db: Database) throws {
        let all = try policy.candidates(bornBy: nil, limit: nil, in: db).map(\.candidate)
        self.today = today
        self.dueNow = all.filter { $0.expiry <= today && !$0.hasOpenApplication }
        self.keptOpen = all.filter { $0.expiry <= today && $0.hasOpenApplication }
        self.later = all.filter { $0.expiry > today }.sorted { ($0.expiry, $0.childID) < ($1.expiry, $1.childID) }
        self.deidentified = try Int.fetchOne(db, sql: "SELECT count(*) FROM core_child WHERE deidentified_at IS NOT NULL") ?? 0
    }

    /// The records not yet expired, counted by the year they fall due.
    public var laterByYear: [(year: Int, count: Int)] {
        Dictionary(grouping: self.later, by: \.expiry.year).map { (year: $0.key, count: $0.value.count) }.sorted { $0.year < $1.year }
    }
}
