import ArgumentParser
import Foundation
import InstalledPlugins
import KioskDomain
import KioskHost
import KioskPluginKit
import KioskRecords
import KioskReports
import KioskStore
import Logging

/// `kioskctl report`: the programme's indicators for a division, as CSV, JSON or HTML.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the programme's indicators for a division and period, merge county reports, or list the definitions.",
        discussion: "docs/INDICATORS.md defines every indicator and the JSON exchange format.",
        subcommands: [Compute.self, Merge.self, Definitions.self],
        defaultSubcommand: Compute.self
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json, html
    }

    /// Where and how a report is written.
    struct Output: ParsableArguments {
        @Option(help: "csv, json (the exchange format) or html (one self-contained page).") var format: Format = .json
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func write(_ report: IndicatorReport) throws {
            let text: String
            switch self.format {
            case .csv: text = ReportCSV.render(report)
            case .html: text = ReportHTML.render(report, generatedAt: ISO8601DateFormatter().string(from: Date()))
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                text = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
            }
            if let path = self.output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }

    struct Compute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compute",
            abstract: "Compute every indicator for a division: its total, a row per township (or village), and each month.",
            discussion: "Progress goes to standard error. Small counts of people in village rows are hidden as the [core] settings say."
        )
        @OptionGroup var options: DatabaseOption
        @Option(help: "The division: 6 digits (county), 9 (township) or 12 (village).") var division: String
        @Option(help: "The first month, YYYY-MM.") var from: String
        @Option(help: "The last month, YYYY-MM.") var to: String
        @Flag(help: "Also each area's value for each month (a larger report).") var areaMonths = false
        @Option(help: "A kioskd settings file, for the [core] small-count threshold.") var settings: String?
        @OptionGroup var output: Output

        func run() async throws {
            let (division, period) = try self.parse()
            let database = try self.options.open()
            defer { try? database.close() }
            let hostSettings = try KioskHost.settings(
                file: self.settings.map(SettingsFile.init(contentsOf:)) ?? SettingsFile(), environment: ProcessInfo.processInfo.environment,
                plugins: InstalledPlugins.all
            )
            let engine = try await KioskHost.indicatorEngine(
                database: database, plugins: InstalledPlugins.all, settings: hostSettings, logger: Logger(label: "kioskctl")
            )
            let breakdown: IndicatorRequest.Breakdown = self.areaMonths ? [.areas, .months, .areaMonths] : [.areas, .months]
            let started = Date()
            let report = try await engine.report(IndicatorRequest(division: division, period: period, breakdown: breakdown), in: database) { step in
                let line = "report: \(step.completed)/\(step.total) \(step.indicatorID) (\(String(format: "%.2f", step.seconds)) s)\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            FileHandle.standardError.write(Data("report: \(report.cells.count) values in \(String(format: "%.2f", Date().timeIntervalSince(started))) s\n".utf8))
            try self.output.write(report)
        }

        private func parse() throws -> (Jurisdiction, IndicatorPeriod) {
            do {
                return (try Jurisdiction(self.division), try IndicatorPeriod(from: self.from, through: self.to, fromField: "--from", throughField: "--to"))
            } catch let error as DivisionCodeError {
                throw ValidationError("--division: \(error.message)")
            } catch let error as IndicatorRequestError {
                throw ValidationError(error.message)
            }
        }
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine JSON reports of separate counties (or townships) into one, a row per report.",
            discussion: "Refuses overlapping jurisdictions, different periods, breakdowns or definitions versions, and village reports."
        )
        @Argument(help: "JSON reports made by `kioskctl report --format json` (or by an earlier merge).") var files: [String]
        @OptionGroup var output: Output

        func run() async throws {
            guard !self.files.isEmpty else { throw ValidationError("give the JSON reports to merge") }
            let reports = try self.files.map { path in
                let data: Data
                do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw ValidationError("\(path): cannot be read") }
                do {
                    return (name: path, report: try JSONDecoder().decode(IndicatorReport.self, from: data))
                } catch {
                    throw ValidationError("\(path): not a report in the JSON exchange format (\(IndicatorReport.currentFormat))")
                }
            }
            do {
                try self.output.write(try IndicatorReport.merge(reports))
            } catch let error as IndicatorRequestError {
                throw ValidationError(error.message)
            }
        }
    }

    struct Definitions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the indicators this build defines, as docs/INDICATORS.md lists them (between its generated markers)."
        )

        func run() async throws {
            print(try await Self.markdown(), terminator: "")
        }

        /// The generated part of docs/INDICATORS.md for the installed plugins.
        static func markdown() async throws -> String {
            IndicatorCatalog.markdown(try await KioskHost.indicatorDefinitions(plugins: InstalledPlugins.all))
        }
    }
}
