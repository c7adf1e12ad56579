import GRDB
import KioskPluginKit
import KioskDomain

/// Counts "as of a day" from intervals: a record counts on day D when `start <= D < end` (an open
/// end never ends).
///
/// Instead of testing every record against every as-of day, SQL groups the records by the month of
/// the first as-of day on or after their start and their end (``bucket(_:_:)``), and the counts are
/// accumulated here: on the as-of day of month m, the records started by then minus those ended by
/// then. One pass over the records serves every month of the period.
enum AsOfIntervals {
    /// SQL for the month of the first as-of day on or after the `YYYY-MM-DD` value of `expression`:
    /// the period's first month for a day before the period, NULL for a day after it (or NULL).
    static func bucket(_ expression: String, _ query: IndicatorQuery) -> String {
        let from = query.from.isoString
        let through = query.through.isoString
        return """
            (CASE WHEN (\(expression)) IS NULL OR (\(expression)) > '\(through)' THEN NULL \
            WHEN (\(expression)) < '\(from)' THEN '\(query.fromMonth)' ELSE substr((\(expression)), 1, 7) END)
            """
    }

    /// The counts on the query's as-of days, from rows with the columns `area`, `grp` (the group
    /// key, '' for the total), `a` (the start's bucket), `b` (the end's bucket, NULL for none) and
    /// `n` (how many records). Rows whose start bucket is NULL (starting after the period) are skipped.
    static func values(_ rows: [Row], _ query: IndicatorQuery) -> [IndicatorValue] {
        let months = query.asOfDays.map(\.month)
        let index: (String) -> Int = { bucket in query.byMonth ? (months.firstIndex(of: bucket) ?? months.count) : 0 }
        var deltas: [Key: [Int]] = [:]
        for row in rows {
            guard let start: String = row["a"] else { continue }
            let key = Key(area: row["area"], group: row["grp"] ?? "")
            let count: Int = row["n"]
            var changes = deltas[key] ?? Array(repeating: 0, count: months.count + 1)
            changes[index(start)] += count
            if let end: String = row["b"] { changes[index(end)] -= count }
            deltas[key] = changes
        }
        var values: [IndicatorValue] = []
        for (key, changes) in deltas {
            var running = 0
            for (position, month) in months.enumerated() {
                running += changes[position]
                if running != 0 { values.append(IndicatorValue(area: key.area, month: month, group: key.group, value: Double(running))) }
            }
        }
        return values
    }

    private struct Key: Hashable {
        var area: String
        var group: String
    }
}

/// Days and instants in China Standard Time (UTC+8), the calendar of the services' dates, for SQL
/// over the `DATETIME` columns the store keeps in UTC (`YYYY-MM-DD HH:MM:SS.SSS`).
enum ChinaTime {
    /// SQL for the China Standard Time day (`YYYY-MM-DD`) of a UTC `DATETIME` column.
    static func day(of column: String) -> String {
        "date(\(column), '+8 hours')"
    }

    /// The UTC instant at which the China Standard Time day after `day` begins, as the store writes
    /// instants: `created_at < endOf(day)` means "on or before `day`".
    static func end(of day: CalendarDate) -> String {
        "\(day.isoString) 16:00:00.000"
    }
}
