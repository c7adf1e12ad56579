extension IndicatorReport {
    /// Combines reports of separate jurisdictions (counties into a prefecture, a province or the
    /// programme) into one whose rows are the inputs' jurisdictions and whose total is their sum.
    ///
    /// Refuses reports of another format, definitions that differ (or were edited: the fingerprint
    /// must match the definitions), different periods or breakdowns, village reports (their small
    /// counts are hidden, so they cannot be added up) and overlapping jurisdictions (a county and
    /// one of its townships, or the same county twice). Counts of distinct children are added: a
    /// child counted in two jurisdictions (moved during the period) counts in both. Medians are
    /// taken again over all the events.
    public static func merge(_ reports: [(name: String, report: IndicatorReport)]) throws(IndicatorRequestError) -> IndicatorReport {
        guard let (firstName, first) = reports.first else { throw IndicatorRequestError("merge: no reports given") }
        var seen: [(name: String, jurisdiction: String)] = []
        var keys: Set<IndicatorCell.Key>?
        for (name, report) in reports {
            try report.checkMergeable(name: name, like: first, firstName: firstName)
            for jurisdiction in report.jurisdictions {
                if let clash = seen.first(where: { $0.jurisdiction.hasPrefix(jurisdiction) || jurisdiction.hasPrefix($0.jurisdiction) }) {
                    throw IndicatorRequestError(
                        "merge: \(name) covers \(jurisdiction), which overlaps \(clash.jurisdiction) of \(clash.name); each jurisdiction may be counted once"
                    )
                }
                seen.append((name, jurisdiction))
            }
            let own = Set(report.jurisdictionCells.map { IndicatorCell.Key(indicator: $0.indicator, area: "", month: $0.month, group: $0.group) })
            if let keys, keys != own {
                throw IndicatorRequestError("merge: \(name) was computed with other breakdowns (months, indicators) than \(firstName)")
            }
            keys = own
        }
        let rows = reports.flatMap { $0.report.jurisdictionCells }
        let jurisdictions = seen.map(\.jurisdiction).sorted()
        return IndicatorReport(
            format: currentFormat, definitionsVersion: first.definitionsVersion, jurisdictions: jurisdictions,
            from: first.from, through: first.through, areaLevel: "division", smallCountThreshold: first.smallCountThreshold,
            indicators: first.indicators, areas: jurisdictions,
            cells: rows + self.totals(of: rows, definitions: first.indicators, area: jurisdictions.count == 1 ? jurisdictions[0] : "all")
        )
    }

    /// The cells of the report's jurisdictions themselves (its total for one, each row for a merged one).
    var jurisdictionCells: [IndicatorCell] {
        let own = Set(self.jurisdictions)
        return self.cells.filter { own.contains($0.area) }
    }

    private func checkMergeable(name: String, like first: IndicatorReport, firstName: String) throws(IndicatorRequestError) {
        guard self.format == Self.currentFormat else {
            throw IndicatorRequestError("merge: \(name) is in format '\(self.format.prefix(40))', not \(Self.currentFormat)")
        }
        guard IndicatorCatalog.version(of: self.indicators) == self.definitionsVersion else {
            throw IndicatorRequestError("merge: \(name)'s definitions do not match its definitions version (the file was edited)")
        }
        guard self.definitionsVersion == first.definitionsVersion else {
            throw IndicatorRequestError(
                "merge: \(name) has definitions version \(self.definitionsVersion), \(firstName) has \(first.definitionsVersion); "
                    + "compute both with the same build and plugins"
            )
        }
        guard self.from == first.from, self.through == first.through else {
            throw IndicatorRequestError("merge: \(name) covers \(self.from)…\(self.through), \(firstName) covers \(first.from)…\(first.through)")
        }
        if let village = self.jurisdictions.first(where: { $0.count == 12 }) {
            throw IndicatorRequestError("merge: \(name) is a report of village \(village), whose small counts are hidden; merge township or county reports")
        }
        guard !self.jurisdictions.isEmpty else { throw IndicatorRequestError("merge: \(name) covers no jurisdiction") }
    }

    private static func totals(of rows: [IndicatorCell], definitions: [IndicatorDefinition], area: String) -> [IndicatorCell] {
        guard area == "all" else { return [] }
        let medians = Set(definitions.filter(\.isMedian).map(\.id))
        var sums: [IndicatorCell.Key: Double] = [:]
        var days: [IndicatorCell.Key: [Int: Int]] = [:]
        var order: [IndicatorCell.Key] = []
        for cell in rows {
            let key = IndicatorCell.Key(indicator: cell.indicator, area: area, month: cell.month, group: cell.group)
            if sums[key] == nil && days[key] == nil { order.append(key) }
            if medians.contains(cell.indicator) {
                for (text, count) in cell.days ?? [:] { if let value = Int(text) { days[key, default: [:]][value, default: 0] += count } }
                if days[key] == nil { days[key] = [:] }
            } else {
                sums[key, default: 0] += cell.value ?? 0
            }
        }
        return order.map { key in
            if let distribution = days[key] {
                return IndicatorCell(
                    indicator: key.indicator, area: area, month: key.month, group: key.group, value: Median.of(distribution),
                    days: Dictionary(uniqueKeysWithValues: distribution.map { (String($0.key), $0.value) })
                )
            }
            return IndicatorCell(indicator: key.indicator, area: area, month: key.month, group: key.group, value: sums[key] ?? 0)
        }
    }
}
