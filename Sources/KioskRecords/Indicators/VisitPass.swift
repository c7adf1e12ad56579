import GRDB
import KioskDomain
import KioskPluginKit

/// `core.children-monitored` and `core.visits-overdue` from one ordered pass over the children of
/// the villages and their visits, the largest table of the registry (about ten visits per child
/// over two years).
///
/// SQL walks `core_child` by its village index and each child's visits by `core_visit`'s
/// `(child_id, visit_date)` index, so the rows come grouped by child and in date order without a
/// sort; each child is then counted here once, at the finest area asked for. A child lives in one
/// village, so coarser areas are sums of finer ones, and one pass serves every grouping of a report.
///
/// Monitored: the months of the period with a visit, and whether there was one in the period.
/// Overdue (the registry's rule): a child is overdue from its registration day until its first visit,
/// and from the day after each visit's follow-up date until the next visit; counted on each as-of day.
struct VisitPass {
    let query: IndicatorQuery
    private let months: [String]
    private let fromMonthIndex: Int
    private let fromDay: Int
    private let throughDay: Int

    /// Per area: children monitored in each month (and the period, last), and the changes of the
    /// overdue count on each as-of day.
    private(set) var monitored: [String: [Int]] = [:]
    private(set) var overdueChanges: [String: [Int]] = [:]

    /// A pass for `query`'s villages and period, grouping by `query.areaDigits`, always by month.
    init(_ query: IndicatorQuery) {
        var monthly = query
        monthly.byMonth = true
        self.query = monthly
        self.months = monthly.asOfDays.map(\.month)
        self.fromMonthIndex = query.from.year * 12 + query.from.month - 1
        self.fromDay = query.from.dayNumber
        self.throughDay = query.through.dayNumber
    }

    /// Reads the rows and counts every child.
    mutating func run(in db: Database) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT c.rowid, c.village, c.created_at, v.visit_date, v.follow_up_date
                FROM core_child c LEFT JOIN core_visit v ON v.child_id = c.child_id AND v.visit_date <= ?3
                WHERE c.village BETWEEN ?1 AND ?2 AND c.created_at < ?4
                ORDER BY c.village, c.rowid, v.visit_date
                """,
            arguments: [query.villages.lowest, query.villages.highest, query.through.isoString, ChinaTime.end(of: query.through)]
        )
        var current: Int64 = -1
        var child = Child(area: "", registered: 0)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if id != current {
                if current >= 0 { self.count(child) }
                current = id
                let village: String = row[1]
                child = Child(area: String(village.prefix(self.query.areaDigits)), registered: Self.chinaDay(ofInstant: row[2]))
            }
            if let visit = (row[3] as String?).flatMap(Self.day) {
                child.visits.append((visit, (row[4] as String?).flatMap(Self.day)))
            }
        }
        if current >= 0 { self.count(child) }
    }

    private struct Child {
        var area: String
        var registered: Int
        var visits: [(day: Int, followUp: Int?)] = []
    }

    private mutating func count(_ child: Child) {
        var seen = [Bool](repeating: false, count: self.months.count + 1)
        for visit in child.visits where visit.day >= self.fromDay {
            seen[self.bucket(visit.day) ?? self.months.count] = true
            seen[self.months.count] = true
        }
        if seen.contains(true) {
            var counts = self.monitored[child.area] ?? [Int](repeating: 0, count: self.months.count + 1)
            for (index, flag) in seen.enumerated() where flag { counts[index] += 1 }
            self.monitored[child.area] = counts
        }
        var changes = self.overdueChanges[child.area] ?? [Int](repeating: 0, count: self.months.count + 1)
        self.addInterval(from: child.registered, to: child.visits.first?.day, into: &changes)
        for (index, visit) in child.visits.enumerated() {
            guard let followUp = visit.followUp else { continue }
            self.addInterval(from: followUp + 1, to: index + 1 < child.visits.count ? child.visits[index + 1].day : nil, into: &changes)
        }
        self.overdueChanges[child.area] = changes
    }

    /// Counts `[start, end)` (an open end when nil) on the as-of days it covers.
    private func addInterval(from start: Int, to end: Int?, into changes: inout [Int]) {
        if let end, end <= start { return }
        guard let first = self.bucket(start) else { return }
        changes[first] += 1
        if let end, let last = self.bucket(end) { changes[last] -= 1 }
    }

    /// The index of the month of the first as-of day on or after `day` (0 before the period), nil after it.
    private func bucket(_ day: Int) -> Int? {
        if day > self.throughDay { return nil }
        if day < self.fromDay { return 0 }
        let date = CalendarDate(dayNumber: day)
        return date.year * 12 + date.month - 1 - self.fromMonthIndex
    }

    /// The values of each indicator grouped as `aggregation` asks (areas of at most the pass's digits).
    func values(digits: Int, byMonth: Bool) -> (monitored: [IndicatorValue], overdue: [IndicatorValue]) {
        var monitored: [String: [Int]] = [:]
        for (area, counts) in self.monitored { monitored[String(area.prefix(digits)), default: Array(repeating: 0, count: counts.count)].add(counts) }
        var overdue: [String: [Int]] = [:]
        for (area, changes) in self.overdueChanges {
            var running = 0
            let levels = changes.dropLast().map { running += $0; return running }
            overdue[String(area.prefix(digits)), default: Array(repeating: 0, count: levels.count)].add(levels)
        }
        return (self.flatten(monitored, byMonth: byMonth, periodIndex: self.months.count), self.flatten(overdue, byMonth: byMonth, periodIndex: self.months.count - 1))
    }

    /// Values by month, or the one at `periodIndex` (the period's count, or the last as-of day's).
    private func flatten(_ table: [String: [Int]], byMonth: Bool, periodIndex: Int) -> [IndicatorValue] {
        var values: [IndicatorValue] = []
        for (area, counts) in table {
            if byMonth {
                for (index, month) in self.months.enumerated() where counts[index] != 0 {
                    values.append(IndicatorValue(area: area, month: month, value: Double(counts[index])))
                }
            } else if counts[periodIndex] != 0 {
                values.append(IndicatorValue(area: area, month: "", value: Double(counts[periodIndex])))
            }
        }
        return values
    }

    /// The day number of `YYYY-MM-DD` (or its first ten characters), read without validation
    /// beyond the digits: the store writes these columns.
    static func day(_ text: String) -> Int? {
        var parts = [0, 0, 0]
        var index = 0
        for byte in text.utf8.prefix(10) {
            if byte == UInt8(ascii: "-") { index += 1; continue }
            guard index < 3, (48...57).contains(byte) else { return nil }
            parts[index] = parts[index] * 10 + Int(byte - 48)
        }
        guard index == 2, let date = try? CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else { return nil }
        return date.dayNumber
    }

    /// The China Standard Time day of a stored UTC instant (`YYYY-MM-DD HH:MM:SS.SSS`).
    static func chinaDay(ofInstant text: String) -> Int {
        let utcDay = self.day(text) ?? 0
        let hour = text.utf8.dropFirst(11).prefix(2).reduce(0) { $0 * 10 + Int($1) - 48 }
        return hour >= 16 ? utcDay + 1 : utcDay
    }
}

extension Array where Element == Int {
    fileprivate mutating func add(_ other: [Int]) {
        for index in self.indices where index < other.count { self[index] += other[index] }
    }
}
