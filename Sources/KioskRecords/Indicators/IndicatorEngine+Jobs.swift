import KioskDomain
import GRDB
import KioskPluginKit
import KioskStore

/// The work of one or more indicators in a report: their definitions and how to count every
/// grouping the request needs, in one read transaction (by indicator id, then grouping).
struct Job: Sendable {
    var definitions: [IndicatorDefinition]
    var count: @Sendable (IndicatorRequest, Database) throws -> [String: [Aggregation: [IndicatorValue]]]
}

extension IndicatorEngine {
    /// The jobs of every indicator, in report order.
    var jobs: [Job] {
        let core = self.core
        let workflow = core.applicationKinds.map(CoreIndicators.applications(of:)) + [core.decisionDays]
        return [self.job(CoreIndicators.registered, provider: "core", core, confinedTo: nil), Self.visitJob]
            + [self.job(CoreIndicators.byCategory, provider: "core", core, confinedTo: nil), self.supportJob]
            + self.plugins.flatMap { plugin in
                plugin.provider.indicators.map { self.job($0, provider: plugin.id, plugin.provider, confinedTo: plugin.id) }
            }
            + workflow.map { self.job($0, provider: "core", core, confinedTo: nil) }
    }

    private func job(_ indicator: ReportIndicator, provider name: String, _ provider: any IndicatorProvider, confinedTo pluginID: String?) -> Job {
        Job(definitions: [IndicatorDefinition(indicator, provider: name)]) { request, db in
            var results: [Aggregation: [IndicatorValue]] = [:]
            for aggregation in request.aggregations where indicator.levels.contains(aggregation.level) {
                let query = Self.query(request, aggregation)
                results[aggregation] = try Self.guarded(indicator.id, provider: name, pluginID: pluginID, db) {
                    try provider.values(of: indicator, for: query, in: db)
                }
            }
            return [indicator.id: results]
        }
    }

    /// Children monitored and visits overdue: one pass over the visits at the finest area asked
    /// for serves every grouping (``VisitPass``).
    private static var visitJob: Job {
        let monitored = CoreIndicators.monitored
        let overdue = CoreIndicators.visitsOverdue
        return Job(definitions: [IndicatorDefinition(monitored, provider: "core"), IndicatorDefinition(overdue, provider: "core")]) { request, db in
            let finest = request.aggregations.map(\.digits).max() ?? request.division.digits.count
            var pass = VisitPass(Self.query(request, Aggregation(digits: finest, byMonth: true)))
            try Self.guarded(monitored.id, provider: "core", pluginID: nil, db) { try pass.run(in: db) }
            var results: [String: [Aggregation: [IndicatorValue]]] = [:]
            for aggregation in request.aggregations {
                let values = pass.values(digits: aggregation.digits, byMonth: aggregation.byMonth)
                results[monitored.id, default: [:]][aggregation] = values.monitored
                results[overdue.id, default: [:]][aggregation] = values.overdue
            }
            return results
        }
    }

    /// The combined indicator: every contributor's supported children, read once by month.
    private var supportJob: Job {
        let contributors = self.plugins.filter { $0.provider.supportRule != nil }
        let indicator = SupportedChildren.indicator(
            contributors: contributors.map { .init(pluginID: $0.id, displayName: $0.displayName, supportRule: $0.provider.supportRule ?? "") }
        )
        return Job(definitions: [IndicatorDefinition(indicator, provider: "core")]) { request, db in
            let query = Self.query(request, Aggregation(digits: request.division.digits.count, byMonth: true))
            var support: [String: [SupportedChild]] = [:]
            for plugin in contributors {
                support[plugin.id] = try Self.guarded(indicator.id, provider: plugin.id, pluginID: plugin.id, db) {
                    try plugin.provider.supportedChildren(for: query, in: db)
                }
            }
            let eligible = try SupportedChildren.eligible(in: query.villages, db)
            var results: [Aggregation: [IndicatorValue]] = [:]
            for aggregation in request.aggregations where indicator.levels.contains(aggregation.level) {
                results[aggregation] = SupportedChildren.values(support, eligible: eligible, areaDigits: aggregation.digits, byMonth: aggregation.byMonth)
            }
            return [indicator.id: results]
        }
    }

    static func query(_ request: IndicatorRequest, _ aggregation: Aggregation) -> IndicatorQuery {
        IndicatorQuery(
            villages: request.division.villageRange, from: request.period.from, through: request.period.through,
            areaDigits: aggregation.digits, byMonth: aggregation.byMonth
        )
    }

    /// Runs a provider's `body`, confined to the plugin's tables when `pluginID` is set; any error
    /// becomes an ``IndicatorEngineError`` naming the indicator and the provider.
    static func guarded<T>(_ indicatorID: String, provider: String, pluginID: String?, _ db: Database, _ body: () throws -> T) throws -> T {
        do {
            guard let pluginID else { return try body() }
            return try SQLGuard.confine(db, toTablesPrefixed: PluginMetadata.tablePrefix(of: pluginID), body)
        } catch {
            throw IndicatorEngineError(indicatorID: indicatorID, provider: provider, cause: "\(error)")
        }
    }
}
