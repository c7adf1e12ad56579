import GRDB
import KioskDomain

/// Inserts generated rows with one cached statement per table, inside the caller's transaction,
/// and counts them per table.
///
/// The statements name every column they fill, so a column the schema lost or renamed fails the
/// insert with SQLite's message naming it, and a new NOT NULL column without a default fails too:
/// the generator is checked against the migrated schema each time it runs (and by its test).
final class DemoWriter {
    let db: Database
    private(set) var counts: [String: Int] = [:]
    private var statements: [String: Statement] = [:]

    init(_ db: Database) {
        self.db = db
    }

    /// Inserts one row into `table`; `columns` and `values` in the same order.
    func insert(_ table: String, _ columns: String, _ values: [(any DatabaseValueConvertible)?]) throws {
        let statement = try self.statement(table, columns, count: values.count)
        try statement.execute(arguments: StatementArguments(values))
        self.counts[table, default: 0] += 1
    }

    private func statement(_ table: String, _ columns: String, count: Int) throws -> Statement {
        let key = table + "(" + columns + ")"
        if let statement = self.statements[key] { return statement }
        let marks = Array(repeating: "?", count: count).joined(separator: ", ")
        let statement = try self.db.makeStatement(sql: "INSERT INTO \(table) (\(columns)) VALUES (\(marks))")
        self.statements[key] = statement
        return statement
    }
}

/// Instants as the store writes them (`YYYY-MM-DD HH:MM:SS.SSS`, UTC) for a day in China Standard
/// Time and a time of that day.
enum DemoTime {
    /// The UTC instant of `hour`:`minute` China Standard Time on `day` (office hours keep it on the same UTC day).
    static func instant(_ day: CalendarDate, hour: Int, minute: Int) -> String {
        let utcHour = hour - 8
        guard utcHour >= 0 else { return instant(day.adding(days: -1), hour: hour + 24, minute: minute) }
        return "\(day.isoString) \(CountySpec.twoDigits(utcHour)):\(CountySpec.twoDigits(minute)):00.000"
    }

    /// A random office-hours instant on `day`.
    static func office(_ day: CalendarDate, _ random: inout DemoRandom) -> String {
        self.instant(day, hour: random.int(8...17), minute: random.int(0...59))
    }
}
