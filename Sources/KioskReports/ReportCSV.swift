import Foundation
import KioskPluginKit
public import KioskRecords

/// A report as CSV (RFC 4180, UTF-8, CRLF line ends): one line per cell, for spreadsheets.
///
/// Columns: `indicator_id, title_zh, title_en, unit, area, month, group, value, note`. `month` is
/// empty for the whole period and `group` for the indicator's total. A hidden small count has an
/// empty value and the note `fewer than N`; a median without events the note `no events`.
public enum ReportCSV {
    /// The header line's fields.
    public static let columns = ["indicator_id", "title_zh", "title_en", "unit", "area", "month", "group", "value", "note"]

    /// The report's CSV text.
    public static func render(_ report: IndicatorReport) -> String {
        let definitions = Dictionary(report.indicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var lines = [self.line(self.columns)]
        for cell in report.cells {
            guard let definition = definitions[cell.indicator] else { continue }
            let note =
                if cell.suppressed == true { "fewer than \(report.smallCountThreshold)" } else if cell.value == nil { "no events" } else { "" }
            lines.append(
                self.line([
                    cell.indicator, definition.title.zh, definition.title.en, definition.unit, cell.area, cell.month, cell.group,
                    cell.value.map { ReportNumbers.plain($0, unit: definition.unit) } ?? "", note,
                ])
            )
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }
}
