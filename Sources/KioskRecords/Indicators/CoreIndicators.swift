import KioskDomain
public import GRDB
public import KioskPluginKit

/// The core's indicators: children registered, monitored, by category, visits overdue, applications
/// by kind and state, days to a decision. Counted from the core's tables (the registry's village
/// places a child); the combined "supported children" indicator is ``SupportedChildren``.
///
/// Application indicators are declared per kind the installed plugins submit, so the list depends
/// on the plugins a build installs.
public struct CoreIndicators: IndicatorProvider {
    /// The installed plugins, whose application kinds the application indicators cover.
    public let installedPlugins: [PluginMetadata]

    /// Creates the core's provider for a server with `installedPlugins`.
    public init(installedPlugins: [PluginMetadata]) {
        self.installedPlugins = installedPlugins
    }

    /// Children in the registry.
    public static let registered = ReportIndicator(
        id: "core.children-registered",
        title: LocalizedText(zh: "登记儿童数", en: "Children registered"),
        rule: """
            Children in the registry whose record was created on or before the as-of day (the period's last day; \
            each month's last day by month), placed by the village the registry holds now. Records are never \
            deleted, so children who have turned 18 still count.
            """,
        unit: .children
    )

    /// Children with a monitoring visit in the period.
    public static let monitored = ReportIndicator(
        id: "core.children-monitored",
        title: LocalizedText(zh: "接受走访监测儿童数", en: "Children monitored"),
        rule: """
            Distinct children with at least one monitoring visit dated in the period (in the month, by month), \
            placed by the village the registry holds now.
            """,
        unit: .children
    )

    /// Children by vulnerability category.
    public static let byCategory = ReportIndicator(
        id: "core.children-by-category",
        title: LocalizedText(zh: "分类别儿童数", en: "Children by category"),
        rule: """
            Children registered as of the as-of day (as core.children-registered) by the categories their record \
            holds now (the registry keeps no history of categories); a child with two categories counts in both, \
            and once in the total (children with at least one category).
            """,
        unit: .children,
        groups: ChildCategory.Kind.allCases.map { IndicatorGroup($0.rawValue, title: CoreIndicatorTitles.category($0)) }
    )

    /// Children whose follow-up visit is overdue.
    public static let visitsOverdue = ReportIndicator(
        id: "core.visits-overdue",
        title: LocalizedText(zh: "走访逾期儿童数", en: "Children with a visit overdue"),
        rule: """
            Children registered as of the as-of day whose latest visit dated on or before that day set a follow-up \
            date before that day, or who had no visit dated on or before that day: the rule of the registry's list \
            of overdue visits, applied to the visits recorded so far.
            """,
        unit: .children
    )

    /// Every indicator the core counts itself (the combined one is ``SupportedChildren/indicator(providers:)``).
    public var indicators: [ReportIndicator] {
        [Self.registered, Self.monitored, Self.byCategory, Self.visitsOverdue]
            + self.applicationKinds.map(Self.applications(of:)) + [self.decisionDays]
    }

    /// Counts one of the core's indicators, on a connection that may read the core's tables.
    public func values(of indicator: ReportIndicator, for query: IndicatorQuery, in db: Database) throws -> [IndicatorValue] {
        switch indicator.id {
        case Self.registered.id: return try RegistryCounts.registered(query, in: db)
        case Self.byCategory.id: return try RegistryCounts.byCategory(query, in: db)
        case Self.monitored.id, Self.visitsOverdue.id:
            var pass = VisitPass(query)
            try pass.run(in: db)
            let values = pass.values(digits: query.areaDigits, byMonth: query.byMonth)
            return indicator.id == Self.monitored.id ? values.monitored : values.overdue
        case self.decisionDays.id: return try ApplicationCounts.decisionDays(query, in: db)
        default:
            guard let kind = self.applicationKinds.first(where: { Self.applications(of: $0).id == indicator.id }) else { return [] }
            return try ApplicationCounts.applications(of: kind.kind, query, in: db)
        }
    }
}

/// An application kind as stored (`<plugin id>.<kind>`), with its title.
public struct StoredApplicationKind: Sendable, Hashable {
    /// `<plugin id>.<kind>`, e.g. `allowances.orphan-basic-living`.
    public var kind: String
    /// What reports call it.
    public var title: LocalizedText
}

extension CoreIndicators {
    /// The application kinds of the installed plugins, in registration order.
    public var applicationKinds: [StoredApplicationKind] {
        self.installedPlugins.flatMap { plugin in
            plugin.applicationKinds.map { StoredApplicationKind(kind: "\(plugin.id).\($0.kind)", title: $0.title) }
        }
    }

    /// Applications of one kind, by state.
    public static func applications(of kind: StoredApplicationKind) -> ReportIndicator {
        ReportIndicator(
            id: "core.applications.\(kind.kind)",
            title: LocalizedText(zh: "申请：\(kind.title.zh)", en: "Applications: \(kind.title.en)"),
            rule: """
                Applications of kind \(kind.kind) submitted in the period (by the month of their first submission), \
                by their state at the end of the period from the workflow's history.
                """,
            unit: .events,
            groups: ApplicationState.allCases.map { IndicatorGroup($0.rawValue, title: CoreIndicatorTitles.state($0)) }
        )
    }

    /// Median days from submission to decision, by kind.
    public var decisionDays: ReportIndicator {
        ReportIndicator(
            id: "core.decision-days",
            title: LocalizedText(zh: "申请审批天数（中位数）", en: "Days from submission to decision (median)"),
            rule: """
                For applications whose first decision (approve or reject by the county) was recorded in the period: \
                the median of the days from the day of submission to the day of that decision (China Standard Time), \
                by kind and over all kinds.
                """,
            unit: .days,
            levels: [.township, .county],
            groups: self.applicationKinds.map { IndicatorGroup($0.kind, title: $0.title) }
        )
    }
}
