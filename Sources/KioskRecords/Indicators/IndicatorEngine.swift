import KioskDomain
import Foundation
import GRDB
public import KioskPluginKit
public import KioskStore

/// Computes the programme's reports: the core's indicators, every installed plugin's, and the
/// combined "supported children" one, for a division and a period.
///
/// Each indicator is counted in one read transaction on a reader connection, several indicators at
/// once (one per processor), so an indicator's numbers are consistent with each other but two
/// indicators may see a few writes apart on a live server. A plugin's provider runs confined to its
/// own tables (``SQLGuard``); the core's run unconfined. Small counts of people in village rows are
/// hidden as the report is assembled, so no caller ever receives them.
public struct IndicatorEngine: Sendable {
    /// A plugin's provider, with what reports call the plugin.
    public struct Plugin: Sendable {
        /// The plugin's id: its tables' prefix and the provider named in definitions.
        public var id: String
        /// A name for people.
        public var displayName: String
        /// The provider.
        public var provider: any IndicatorProvider

        /// Creates an entry.
        public init(id: String, displayName: String, provider: any IndicatorProvider) {
            self.id = id
            self.displayName = displayName
            self.provider = provider
        }
    }

    /// How far a report has got, for progress on a terminal.
    public struct Progress: Sendable {
        /// Indicators counted so far.
        public var completed: Int
        /// Indicators to count.
        public var total: Int
        /// The indicators just counted (ids separated by commas when counted together).
        public var indicatorID: String
        /// How long it took, in seconds.
        public var seconds: Double
    }

    let core: CoreIndicators
    let plugins: [Plugin]
    /// Counts of people from 1 to this minus one are hidden in village rows.
    public let smallCountThreshold: Int
    /// Indicators counted at once (at least 1).
    public let parallelism: Int

    /// Creates the engine for a server with `installedPlugins`, whose providers are `plugins`.
    public init(installedPlugins: [PluginMetadata], plugins: [Plugin], smallCountThreshold: Int, parallelism: Int? = nil) {
        self.core = CoreIndicators(installedPlugins: installedPlugins)
        self.plugins = plugins
        self.smallCountThreshold = smallCountThreshold
        self.parallelism = max(1, parallelism ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Every indicator, in the order reports show them: the registry's, the combined one, the
    /// plugins' (in registration order), the workflow's.
    public var definitions: [IndicatorDefinition] {
        self.jobs.flatMap(\.definitions)
    }

    /// The fingerprint of ``definitions``.
    public var definitionsVersion: String {
        IndicatorCatalog.version(of: self.definitions)
    }

    /// Computes the report of `request` from `database`; `progress` is called after each indicator.
    public func report(
        _ request: IndicatorRequest,
        in database: KioskDatabase,
        progress: (@Sendable (Progress) -> Void)? = nil
    ) async throws -> IndicatorReport {
        let all = self.jobs
        let wanted = { (id: String) in request.indicatorIDs.isEmpty || request.indicatorIDs.contains(id) }
        let jobs = all.filter { $0.definitions.contains { wanted($0.id) } }
        let unknown = request.indicatorIDs.subtracting(all.flatMap(\.definitions).map(\.id))
        if let first = unknown.sorted().first { throw IndicatorRequestError("indicator_ids: no indicator '\(first.prefix(80))'") }
        let areas = try await database.read { db in try Self.areas(of: request, in: db) }
        let results = try await self.run(jobs, request: request, database: database, progress: progress)
        return ReportAssembly(request: request, threshold: self.smallCountThreshold, registryAreas: areas)
            .report(jobs.flatMap(\.definitions).filter { wanted($0.id) }, results: results, version: IndicatorCatalog.version(of: all.flatMap(\.definitions)))
    }

    private func run(
        _ jobs: [Job], request: IndicatorRequest, database: KioskDatabase, progress: (@Sendable (Progress) -> Void)?
    ) async throws -> [String: [Aggregation: [IndicatorValue]]] {
        var results: [String: [Aggregation: [IndicatorValue]]] = [:]
        var completed = 0
        let total = jobs.reduce(0) { $0 + $1.definitions.count }
        try await withThrowingTaskGroup(of: ([String: [Aggregation: [IndicatorValue]]], [String], Double).self) { group in
            var next = 0
            func start() {
                guard next < jobs.count else { return }
                let job = jobs[next]
                next += 1
                group.addTask {
                    let started = ContinuousClock.now
                    let values = try await database.read { db in try job.count(request, db) }
                    let elapsed = ContinuousClock.now - started
                    return (values, job.definitions.map(\.id), Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                }
            }
            for _ in 0..<self.parallelism { start() }
            while let (values, ids, seconds) = try await group.next() {
                results.merge(values) { first, _ in first }
                completed += ids.count
                progress?(Progress(completed: completed, total: total, indicatorID: ids.joined(separator: ", "), seconds: seconds))
                start()
            }
        }
        return results
    }

    /// The area codes one level below the division that hold registered children.
    static func areas(of request: IndicatorRequest, in db: Database) throws -> [String] {
        guard request.breakdown.contains(.areas) else { return [] }
        let range = request.division.villageRange
        return try String.fetchAll(
            db,
            sql: "SELECT DISTINCT substr(village, 1, ?) FROM core_child WHERE village BETWEEN ? AND ? ORDER BY 1",
            arguments: [request.areaDigits, range.lowest, range.highest]
        )
    }
}

/// Why a report could not be computed: a provider failed (the message names the indicator and the
/// plugin, never personal data).
public struct IndicatorEngineError: Error, Sendable, CustomStringConvertible {
    /// The indicator.
    public var indicatorID: String
    /// `core` or the plugin's id.
    public var provider: String
    /// What went wrong, for the server's log.
    public var cause: String

    public var description: String {
        "indicator \(self.indicatorID) (\(self.provider)) could not be counted: \(self.cause)"
    }
}
