import KioskDomain
import GRDB
public import KioskPluginKit

/// The programme's headline of support: children without sufficient family care who got support,
/// each counted once however many plugins helped. Defined here and nowhere else.
///
/// Which support counts is each plugin's ``IndicatorProvider/supportRule``; which children count is
/// decided here, from the registry: those whose record holds one of
/// ``withoutSufficientFamilyCare``. A child is placed by the registry's village.
public enum SupportedChildren {
    /// The indicator's id.
    public static let id = "core.supported-children-without-family-care"

    /// The categories that mark a child without sufficient family care.
    public static let withoutSufficientFamilyCare: [ChildCategory.Kind] = [
        .orphan, .deFactoUnattended, .leftBehindBothParents, .leftBehindOneParent,
    ]

    /// A plugin whose support the indicator combines.
    public struct Contributor: Sendable {
        /// The plugin's id, the group's key.
        public var pluginID: String
        /// The plugin's name, for the group's title.
        public var displayName: String
        /// What the plugin counts as support.
        public var supportRule: String

        /// Creates a contributor.
        public init(pluginID: String, displayName: String, supportRule: String) {
            self.pluginID = pluginID
            self.displayName = displayName
            self.supportRule = supportRule
        }
    }

    /// The indicator combining `contributors`, grouped by plugin.
    public static func indicator(contributors: [Contributor]) -> ReportIndicator {
        let categories = self.withoutSufficientFamilyCare.map(\.rawValue).joined(separator: ", ")
        let support = contributors.map { "\($0.pluginID): \($0.supportRule)" }.joined(separator: "; ")
        return ReportIndicator(
            id: self.id,
            title: LocalizedText(zh: "获得支持的缺乏家庭照料儿童数", en: "Supported children without sufficient family care"),
            rule: """
                Distinct children who had support recorded by a plugin in the period (in the month, by month) and whose \
                registry record holds now at least one of the categories \(categories). Support is, by plugin: \
                \(support.isEmpty ? "none installed" : support). A child helped by several plugins counts once in the total \
                and once in each plugin's group; children are placed by the village the registry holds now.
                """,
            unit: .children,
            groups: contributors.map { IndicatorGroup($0.pluginID, title: LocalizedText(zh: $0.displayName, en: $0.displayName)) }
        )
    }

    /// The children without sufficient family care in `villages`, with their village.
    static func eligible(in villages: VillageRange, _ db: Database) throws -> [String: String] {
        let kinds = self.withoutSufficientFamilyCare.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var eligible: [String: String] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT c.child_id, c.village FROM core_child c
                WHERE c.village BETWEEN ? AND ?
                    AND EXISTS (SELECT 1 FROM core_child_category k WHERE k.child_id = c.child_id AND k.kind IN (\(kinds)))
                """,
            arguments: [villages.lowest, villages.highest]
        )
        while let row = try rows.next() { eligible[row[0]] = row[1] }
        return eligible
    }

    /// Counts the supported, eligible children of `support` (plugin id → entries) by area (the
    /// first `areaDigits` of the registry's village), by month when `byMonth`, and by plugin.
    static func values(_ support: [String: [SupportedChild]], eligible: [String: String], areaDigits: Int, byMonth: Bool) -> [IndicatorValue] {
        var children: [Cell: Set<String>] = [:]
        for (plugin, entries) in support {
            for entry in entries {
                guard let village = eligible[entry.childID] else { continue }
                let area = String(village.prefix(areaDigits))
                let month = byMonth ? entry.month : ""
                children[Cell(area: area, month: month, group: plugin), default: []].insert(entry.childID)
                children[Cell(area: area, month: month, group: ""), default: []].insert(entry.childID)
            }
        }
        return children.map { IndicatorValue(area: $0.key.area, month: $0.key.month, group: $0.key.group, value: Double($0.value.count)) }
    }

    private struct Cell: Hashable {
        var area: String
        var month: String
        var group: String
    }
}
