import ArgumentParser
import Foundation
import InstalledPlugins
import KioskDemoData
import KioskDomain
import KioskHost
import KioskRecords
import KioskStore
import Logging

/// Measures the programme's reports at scale: generates counties (or opens a database), then times
/// the full report of a county (every indicator, every month, by township) and of each county of a
/// province with their merge.
@main
struct KioskReportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-report-bench",
        abstract: "Indicator reports at scale: generation time, then full county reports (all indicators, by township and month)."
    )

    @Option(help: "Directory for the generated database (deleted after unless --keep).") var directory = FileManager.default.temporaryDirectory.path
    @Option(help: "Use this database instead of generating one (it is kept).") var database: String?
    @Option(help: "Counties to generate.") var counties = 1
    @Option(help: "Children per county.") var children = 130_000
    @Option(help: "Months of records (the report covers them all).") var months = 24
    @Option(help: "Seed.") var seed: UInt64 = 2026
    @Option(help: "Reports per county (the first reads a cold cache).") var runs = 3
    @Flag(help: "Keep the generated database.") var keep = false

    func run() async throws {
        let spec = CountySpec(seed: self.seed, counties: self.counties, childrenPerCounty: self.children, months: self.months)
        let path = self.database ?? URL(fileURLWithPath: self.directory).appendingPathComponent("kiosk-report-bench-\(self.seed)-\(self.counties)x\(self.children).sqlite").path
        let database = try KioskDatabase(configuration: StoreConfiguration(path: path))
        defer {
            try? database.close()
            if self.database == nil && !self.keep { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        }
        try KioskHost.migrator(for: InstalledPlugins.all).migrate(database)
        if self.database == nil {
            let summary = try await CountyGenerator(spec: spec).generate(into: database)
            let rows = summary.rows.values.reduce(0, +)
            print("generated \(spec.counties) × \(spec.childrenPerCounty) children, \(rows) rows (\(summary.rows["core_visit"] ?? 0) visits) "
                + "in \(String(format: "%.1f", summary.seconds)) s; database \(Self.megabytes(path)) MB")
        }
        let settings = try KioskHost.settings(file: SettingsFile(), environment: [:], plugins: InstalledPlugins.all)
        let engine = try await KioskHost.indicatorEngine(database: database, plugins: InstalledPlugins.all, settings: settings, logger: Logger(label: "bench"))
        let period = try IndicatorPeriod(from: String(spec.start.isoString.prefix(7)), through: String(spec.until.isoString.prefix(7)))
        print("full report: \(engine.definitions.count) indicators, \(period.months.count) months, by township; \(engine.parallelism) at once")
        var reports: [(name: String, report: IndicatorReport)] = []
        for county in 0..<spec.counties {
            let division = try Jurisdiction(spec.countyCode(county))
            var times: [Double] = []
            var slowest: [(String, Double)] = []
            var report: IndicatorReport?
            for _ in 0..<self.runs {
                let steps = Steps()
                let started = ContinuousClock.now
                report = try await engine.report(IndicatorRequest(division: division, period: period, breakdown: [.areas, .months]), in: database) { steps.add($0) }
                times.append(Self.seconds(ContinuousClock.now - started))
                slowest = steps.slowest(3)
            }
            let text = times.map { String(format: "%.2f", $0) }.joined(separator: ", ")
            print("county \(division): \(report?.cells.count ?? 0) values; runs \(text) s; slowest: "
                + slowest.map { "\($0.0) \(String(format: "%.2f", $0.1)) s" }.joined(separator: "; "))
            if let report { reports.append((division.digits, report)) }
        }
        if reports.count > 1 {
            let started = ContinuousClock.now
            let merged = try IndicatorReport.merge(reports)
            print("merged \(reports.count) counties: \(merged.cells.count) values in \(String(format: "%.3f", Self.seconds(ContinuousClock.now - started))) s")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func megabytes(_ path: String) -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return size / 1_000_000
    }
}

/// The progress steps of one report, for the slowest indicators.
final class Steps: @unchecked Sendable {  // every access holds `lock`
    private let lock = NSLock()
    private var steps: [(String, Double)] = []

    func add(_ progress: IndicatorEngine.Progress) {
        self.lock.withLock { self.steps.append((progress.indicatorID, progress.seconds)) }
    }

    func slowest(_ count: Int) -> [(String, Double)] {
        self.lock.withLock { Array(self.steps.sorted { $0.1 > $1.1 }.prefix(count)) }
    }
}
