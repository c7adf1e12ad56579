import KioskDomain
import KioskPluginKit

/// Turns the providers' sparse values into a report's dense cells: zeros filled in, medians taken,
/// small counts of people in village rows hidden.
struct ReportAssembly {
    var request: IndicatorRequest
    var threshold: Int
    /// The areas below the division that hold registered children.
    var registryAreas: [String]

    func report(_ definitions: [IndicatorDefinition], results: [String: [Aggregation: [IndicatorValue]]], version: String) -> IndicatorReport {
        let division = self.request.division.digits
        let areas = self.areas(results)
        var cells: [IndicatorCell] = []
        for definition in definitions {
            for aggregation in self.request.aggregations {
                guard let values = results[definition.id]?[aggregation] else { continue }
                let rows = aggregation.digits == division.count ? [division] : areas
                let months = aggregation.byMonth ? self.request.period.months : [""]
                cells += self.cells(definition, values: values, areas: rows, months: months)
            }
        }
        return IndicatorReport(
            format: IndicatorReport.currentFormat, definitionsVersion: version, jurisdictions: [division],
            from: self.request.period.fromMonth, through: self.request.period.throughMonth, areaLevel: self.request.areaLevel,
            smallCountThreshold: self.threshold, indicators: definitions, areas: areas, cells: cells
        )
    }

    /// The registry's areas and any other area a provider counted in, sorted.
    private func areas(_ results: [String: [Aggregation: [IndicatorValue]]]) -> [String] {
        guard self.request.breakdown.contains(.areas) else { return [] }
        var areas = Set(self.registryAreas)
        let prefix = self.request.division.digits
        for values in results.values {
            for (aggregation, list) in values where aggregation.digits == self.request.areaDigits {
                for value in list where value.area.count == aggregation.digits && value.area.hasPrefix(prefix) { areas.insert(value.area) }
            }
        }
        return areas.sorted()
    }

    private func cells(_ definition: IndicatorDefinition, values: [IndicatorValue], areas: [String], months: [String]) -> [IndicatorCell] {
        let groups = [""] + definition.groups.map(\.key)
        var cells: [IndicatorCell] = []
        if definition.isMedian {
            var events: [Key: [Int]] = [:]
            for value in values { events[Key(value), default: []].append(Int(value.value.rounded())) }
            for area in areas {
                for month in months {
                    for group in groups {
                        let list = events[Key(area: area, month: month, group: group)] ?? []
                        cells.append(Median.cell(definition.id, area: area, month: month, group: group, days: list))
                    }
                }
            }
            return cells
        }
        var sums: [Key: Double] = [:]
        for value in values { sums[Key(value), default: 0] += value.value }
        for area in areas {
            for month in months {
                for group in groups {
                    let value = sums[Key(area: area, month: month, group: group)] ?? 0
                    cells.append(self.cell(definition, area: area, month: month, group: group, value: value))
                }
            }
        }
        return cells
    }

    /// A cell, hidden when it counts fewer people than the threshold in a village row.
    private func cell(_ definition: IndicatorDefinition, area: String, month: String, group: String, value: Double) -> IndicatorCell {
        if area.count == 12, definition.countsPeople, value > 0, value < Double(self.threshold) {
            return IndicatorCell(indicator: definition.id, area: area, month: month, group: group, value: nil, suppressed: true)
        }
        return IndicatorCell(indicator: definition.id, area: area, month: month, group: group, value: value)
    }

    private struct Key: Hashable {
        var area: String
        var month: String
        var group: String

        init(area: String, month: String, group: String) {
            self.area = area
            self.month = month
            self.group = group
        }

        init(_ value: IndicatorValue) {
            self.init(area: value.area, month: value.month, group: value.group)
        }
    }
}

/// Medians of days, and the distributions merged reports take them from.
public enum Median {
    /// The median of `days` (the mean of the two middle values for an even count), nil for none.
    public static func of(_ distribution: [Int: Int]) -> Double? {
        let total = distribution.values.reduce(0, +)
        guard total > 0 else { return nil }
        let sorted = distribution.keys.sorted()
        func value(at rank: Int) -> Int {
            var seen = 0
            for days in sorted {
                seen += distribution[days] ?? 0
                if seen > rank { return days }
            }
            return sorted.last ?? 0
        }
        return total % 2 == 1 ? Double(value(at: total / 2)) : Double(value(at: total / 2 - 1) + value(at: total / 2)) / 2
    }

    static func cell(_ indicator: String, area: String, month: String, group: String, days: [Int]) -> IndicatorCell {
        var distribution: [Int: Int] = [:]
        for day in days { distribution[day, default: 0] += 1 }
        return IndicatorCell(
            indicator: indicator, area: area, month: month, group: group, value: self.of(distribution),
            days: Dictionary(uniqueKeysWithValues: distribution.map { (String($0.key), $0.value) })
        )
    }
}
