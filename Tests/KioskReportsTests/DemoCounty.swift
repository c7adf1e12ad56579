import Foundation
import InstalledPlugins
import KioskDemoData
import KioskDomain
import KioskHost
import KioskRecords
import KioskStore
import Logging

/// A small generated county on a fresh database with this build's plugins, for the tests that need
/// realistic records: 2 townships of 3 villages, 1,500 children, 12 months ending 2026-11-30.
enum DemoCounty {
    static let spec = CountySpec(seed: 7, childrenPerCounty: 1_500, townshipsPerCounty: 2, villagesPerTownship: 3, months: 12)

    /// Runs `body` with a migrated database holding the generated county, and the generation's summary.
    static func with<T>(_ spec: CountySpec = Self.spec, _ body: (KioskDatabase, DemoSummary) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try KioskDatabase(configuration: StoreConfiguration(path: directory.appendingPathComponent("demo.sqlite").path))
        defer { try? database.close() }
        try KioskHost.migrator(for: InstalledPlugins.all).migrate(database)
        let summary = try await CountyGenerator(spec: spec).generate(into: database)
        return try await body(database, summary)
    }

    /// The report of the whole county over the generated months, by township and month.
    static func report(_ database: KioskDatabase, spec: CountySpec = Self.spec) async throws -> IndicatorReport {
        let settings = try KioskHost.settings(file: SettingsFile(), environment: [:], plugins: InstalledPlugins.all)
        let engine = try await KioskHost.indicatorEngine(database: database, plugins: InstalledPlugins.all, settings: settings, logger: Logger(label: "test"))
        let period = try IndicatorPeriod(from: String(spec.start.isoString.prefix(7)), through: String(spec.until.isoString.prefix(7)))
        return try await engine.report(IndicatorRequest(division: try .init(spec.countyCode(0)), period: period, breakdown: [.areas, .months]), in: database)
    }
}
