import Foundation
import KioskPluginKit
import KioskRecords

extension ReportHTML {
    /// A line chart per indicator of the division's total by month.
    var trendCharts: String {
        let months = self.report.months
        let charts = self.report.indicators.compactMap { definition -> String? in
            let points = months.map { self.cells[definition.id, area: self.report.totalArea, month: $0] }
            guard points.contains(where: { $0 != nil }) else { return nil }
            return """
                <figure data-indicator="\(escape(definition.id))">
                <h3>\(self.title(definition.title))</h3>
                \(Self.chart(months: months, values: points.map { $0?.value }, unit: definition.unit, label: definition.title.en))
                </figure>
                """
        }
        guard !charts.isEmpty else { return "" }
        return """
            <section id="trends">
            <h2>月度趋势 <span class="en">Monthly trends (\(escape(self.report.totalArea)))</span></h2>
            <div class="charts">
            \(charts.joined(separator: "\n"))
            </div>
            </section>
            """
    }

    /// An inline SVG line chart of `values` (nil: no value that month) over `months`, from 0 to the
    /// largest value, with the first, middle and last month named and every point titled.
    static func chart(months: [String], values: [Double?], unit: String, label: String) -> String {
        let (width, height, left, right, top, bottom) = (320.0, 150.0, 48.0, 10.0, 10.0, 24.0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let largest = max(values.compactMap { $0 }.max() ?? 0, 1)
        let step = months.count > 1 ? plotWidth / Double(months.count - 1) : 0
        func x(_ index: Int) -> Double { left + (months.count > 1 ? Double(index) * step : plotWidth / 2) }
        func y(_ value: Double) -> Double { top + plotHeight - value / largest * plotHeight }
        var points: [String] = []
        var dots: [String] = []
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            points.append(String(format: "%.1f,%.1f", x(index), y(value)))
            dots.append(
                String(format: "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\">", x(index), y(value))
                    + "<title>\(escape(months[index])): \(ReportNumbers.grouped(value, unit: unit))</title></circle>"
            )
        }
        var labels = Set([0, months.count / 2, months.count - 1]).filter { $0 >= 0 && $0 < months.count }.sorted().map { index in
            String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x(index), height - 6) + escape(months[index]) + "</text>"
        }
        labels.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 4, top + 8) + ReportNumbers.grouped(largest, unit: unit) + "</text>")
        labels.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">0</text>", left - 4, top + plotHeight))
        return """
            <svg viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(escape(label)) by month">\
            <line class="axis" x1="\(Int(left))" y1="\(Int(top + plotHeight))" x2="\(Int(width - right))" y2="\(Int(top + plotHeight))"/>\
            <line class="axis" x1="\(Int(left))" y1="\(Int(top))" x2="\(Int(left))" y2="\(Int(top + plotHeight))"/>\
            <polyline class="line" points="\(points.joined(separator: " "))"/>\(dots.joined())\(labels.joined())</svg>
            """
    }
}
