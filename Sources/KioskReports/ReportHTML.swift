import KioskPluginKit
public import KioskRecords

/// A report as one self-contained HTML file: no script, no font, no image or style from elsewhere;
/// charts are inline SVG. Readable on a phone (tables scroll sideways, charts wrap) and on paper
/// (landscape A4, charts kept whole).
///
/// Sections: the indicators by area (the period's values, the division's total first), a monthly
/// trend chart per indicator, the breakdown of each indicator that has groups, and the definitions.
/// Cells carry `data-indicator`, `data-area` and `data-group` so a reader (or a test) can find them.
public struct ReportHTML {
    let report: IndicatorReport
    let cells: IndicatorCells
    let generatedAt: String?

    /// Renders `report`; `generatedAt` is shown in the header when given.
    public static func render(_ report: IndicatorReport, generatedAt: String? = nil) -> String {
        ReportHTML(report: report, cells: report.lookup, generatedAt: generatedAt).document
    }

    var document: String {
        let title = "儿童福利指标 · Child welfare indicators · \(self.divisionText)"
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(self.header)
            \(self.indicatorTable)
            \(self.trendCharts)
            \(self.breakdowns)
            \(self.definitions)
            </body>
            </html>

            """
    }

    var divisionText: String {
        self.report.jurisdictions.count == 1 ? self.report.jurisdictions[0] : self.report.jurisdictions.joined(separator: ", ")
    }

    private var header: String {
        let threshold = self.report.smallCountThreshold
        return """
            <header>
            <h1>儿童福利指标报告 <span class="en">Child welfare indicators</span></h1>
            <p class="meta"><span>区划 Division: <b>\(escape(self.divisionText))</b></span>
            <span>期间 Period: <b>\(escape(self.report.from))</b> – <b>\(escape(self.report.through))</b></span>
            <span>定义版本 Definitions: <code>\(escape(self.report.definitionsVersion))</code></span>\
            \(self.generatedAt.map { "\n<span>生成 Generated: \(escape($0))</span>" } ?? "")</p>
            <p class="note">村级人数少于\(threshold)时显示为“&lt;\(threshold)”。 In village rows, counts of people below \(threshold) \
            are shown as “&lt;\(threshold)”. Numbers are counted from the records; definitions at the end.</p>
            </header>
            """
    }

    /// The areas' columns: the total, then each area.
    var columns: [(area: String, label: String)] {
        [(self.report.totalArea, "合计 Total")] + self.report.areas.map { ($0, $0) }
    }

    /// The text of a cell: grouped number, `<N` when hidden, `–` for a median without events, empty
    /// when not computed at that level.
    func text(_ cell: IndicatorCell?, unit: String) -> String {
        guard let cell else { return "" }
        if cell.suppressed == true { return "&lt;\(self.report.smallCountThreshold)" }
        guard let value = cell.value else { return "–" }
        return ReportNumbers.grouped(value, unit: unit)
    }

    func title(_ text: LocalizedText) -> String {
        "\(escape(text.zh))<br><span class=\"en\">\(escape(text.en))</span>"
    }

    static let style = """
        :root{--ink:#1b1f24;--muted:#5b6470;--line:#d5dbe1;--accent:#1f6feb;--band:#f3f6f9}
        *{box-sizing:border-box}
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;\
        color:var(--ink);margin:0 auto;padding:12px;max-width:1400px;line-height:1.4;font-size:14px}
        h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:2px solid var(--line)}
        h3{font-size:.95em;margin:.2em 0}
        .en{color:var(--muted);font-weight:normal;font-size:.9em}
        .meta span{display:inline-block;margin-right:1.2em}.note{color:var(--muted);font-size:.9em}
        .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;border:1px solid var(--line)}
        table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
        th,td{padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        td{text-align:right;white-space:nowrap}thead th{background:var(--band);text-align:right;white-space:nowrap}
        thead th:first-child,tbody th{text-align:left;position:sticky;left:0;background:#fff;min-width:12em;max-width:22em}
        thead th:first-child{background:var(--band)}
        td.total{font-weight:bold;background:var(--band)}tr.total th,tr.total td{font-weight:bold}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
        figure{margin:0;border:1px solid var(--line);padding:6px;break-inside:avoid}
        svg{width:100%;height:auto;display:block}
        .axis{stroke:var(--line)}.line{fill:none;stroke:var(--accent);stroke-width:2}.dot{fill:var(--accent)}
        svg text{font-size:10px;fill:var(--muted)}
        dl dt{font-weight:bold;margin-top:.8em}dl dd{margin:.2em 0 0 1em}
        @media (max-width:600px){body{padding:6px;font-size:13px}thead th:first-child,tbody th{min-width:9em}}
        @media print{body{max-width:none;font-size:10px}.scroll{overflow:visible;border:none}\
        h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}
        @page{size:A4 landscape;margin:12mm}
        """
}

/// Text made safe for HTML content and attribute values.
func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.append(character)
        }
    }
    return result
}
