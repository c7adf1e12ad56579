import KioskPluginKit
import KioskRecords

extension ReportHTML {
    /// Every indicator's value for the period: the total, then each area.
    var indicatorTable: String {
        let level = self.report.areaLevel.map { Self.levelTitle($0) } ?? "合计 Total"
        var rows: [String] = []
        for definition in self.report.indicators {
            let cells = self.columns.map { column in
                let cell = self.cells[definition.id, area: column.area]
                let total = column.area == self.report.totalArea ? " class=\"total\"" : ""
                return "<td\(total) data-indicator=\"\(escape(definition.id))\" data-area=\"\(escape(column.area))\">\(self.text(cell, unit: definition.unit))</td>"
            }
            rows.append("<tr><th>\(self.title(definition.title))</th>\(cells.joined())</tr>")
        }
        return """
            <section id="indicators">
            <h2>指标总表 <span class="en">Indicators by \(escape(level))</span></h2>
            <div class="scroll"><table>
            <thead><tr><th>指标 Indicator</th>\(self.columns.map { "<th>\(escape($0.label))</th>" }.joined())</tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table></div>
            </section>
            """
    }

    /// A table per indicator with groups: each group by area, the total first.
    var breakdowns: String {
        let grouped = self.report.indicators.filter { !$0.groups.isEmpty }
        guard !grouped.isEmpty else { return "" }
        let tables = grouped.map { definition in
            let groups = [("", "合计 Total")] + definition.groups.map { ($0.key, "\($0.title.zh) \($0.title.en)") }
            let rows = groups.map { group in
                let cells = self.columns.map { column in
                    let cell = self.cells[definition.id, area: column.area, group: group.0]
                    return "<td data-indicator=\"\(escape(definition.id))\" data-area=\"\(escape(column.area))\" data-group=\"\(escape(group.0))\">"
                        + "\(self.text(cell, unit: definition.unit))</td>"
                }
                let total = group.0.isEmpty ? " class=\"total\"" : ""
                return "<tr\(total)><th>\(escape(group.1))</th>\(cells.joined())</tr>"
            }
            return """
                <h3>\(self.title(definition.title))</h3>
                <div class="scroll"><table>
                <thead><tr><th>类别 Group</th>\(self.columns.map { "<th>\(escape($0.label))</th>" }.joined())</tr></thead>
                <tbody>
                \(rows.joined(separator: "\n"))
                </tbody></table></div>
                """
        }
        return """
            <section id="breakdowns">
            <h2>分类明细 <span class="en">Breakdown by category</span></h2>
            \(tables.joined(separator: "\n"))
            </section>
            """
    }

    /// Each indicator's counting rule, unit, levels and provider.
    var definitions: String {
        let items = self.report.indicators.map { definition in
            """
            <dt id="def-\(escape(definition.id))">\(escape(definition.title.zh)) / \(escape(definition.title.en)) <code>\(escape(definition.id))</code></dt>
            <dd>\(escape(definition.rule))<br><span class="en">unit: \(escape(definition.unit)); levels: \(escape(definition.levels.joined(separator: ", "))); \
            provider: \(escape(definition.provider))</span></dd>
            """
        }
        return """
            <section id="definitions">
            <h2>指标定义 <span class="en">Definitions (\(escape(self.report.definitionsVersion)))</span></h2>
            <dl>
            \(items.joined(separator: "\n"))
            </dl>
            </section>
            """
    }

    static func levelTitle(_ level: String) -> String {
        switch level {
        case "township": "township"
        case "village": "village"
        case "division": "jurisdiction"
        default: level
        }
    }
}
