import Foundation
import KioskDemoData
import KioskRecords
import KioskReports
import KioskTesting
import Testing

/// The demo county's HTML report in a real browser: Debian's `chromium`, headless, with every host
/// name unresolvable, so that a resource from elsewhere would fail and show up as a console error.
/// Skipped where Chromium is not installed (CI installs it).
@Suite struct BrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func run(_ arguments: [String]) async throws -> ChildProcess {
        let flags = [
            "120", chromium ?? "chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0", "--user-data-dir=\(FileManager.default.temporaryDirectory.path)/chromium-\(UUID().uuidString)",
        ]
        return try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/timeout"), arguments: flags + arguments)
    }

    @Test(.enabled(if: chromium != nil, "needs Debian's chromium")) func theDemoCountysReportLoadsAndShowsItsNumbers() async throws {
        try await DemoCounty.with { database, summary in
            let report = try await DemoCounty.report(database)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-browser-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let page = directory.appendingPathComponent("report.html")
            try Data(ReportHTML.render(report).utf8).write(to: page)

            let screenshot = directory.appendingPathComponent("report.png")
            let shot = try await Self.run(["--window-size=1280,4000", "--screenshot=\(screenshot.path)", page.absoluteString])
            #expect(shot.status == 0, "\(shot.error.suffix(2000))")
            let png = try Data(contentsOf: screenshot)
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            let size = Self.size(ofPNG: png)
            #expect(size?.0 == 1280 && size?.1 == 4000)
            #expect(png.count > 50_000)

            let dump = try await Self.run(["--dump-dom", page.absoluteString])
            #expect(dump.status == 0)
            #expect(!dump.error.contains(":CONSOLE"), "the page logged to the console: \(dump.error.suffix(2000))")
            #expect(!shot.error.contains(":CONSOLE"))
            let dom = dump.output
            for section in ["indicators", "trends", "breakdowns", "definitions"] { #expect(dom.contains("<section id=\"\(section)\">")) }
            let registered = ReportNumbers.grouped(Double(summary.rows["core_child"] ?? 0), unit: "children")
            #expect(dom.contains("data-indicator=\"core.children-registered\" data-area=\"530102\">\(registered)</td>"))
            let cells = report.lookup
            for indicator in ["core.children-monitored", "core.visits-overdue", "allowances.amount-paid"] {
                guard let value = cells[indicator, area: "530102"]?.value, let unit = report.indicators.first(where: { $0.id == indicator })?.unit else { continue }
                #expect(dom.contains("data-indicator=\"\(indicator)\" data-area=\"530102\">\(ReportNumbers.grouped(value, unit: unit))</td>"))
            }
            let charted = report.indicators.filter { definition in report.months.contains { cells[definition.id, area: "530102", month: $0]?.value != nil } }
            #expect(dom.components(separatedBy: "<svg").count - 1 == charted.count)
        }
    }

    /// Width and height from a PNG's IHDR chunk.
    static func size(ofPNG data: Data) -> (Int, Int)? {
        guard data.count > 24 else { return nil }
        let bytes = [UInt8](data[16..<24])
        let width = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[4..<8].reduce(0) { $0 << 8 | Int($1) }
        return (width, height)
    }
}
