import ArgumentParser
import Foundation
import KioskCore
import KioskDemoData
import KioskDomain
import KioskHost
import KioskPluginKit
import KioskStore

/// `kioskctl demo --scale county`: a generated county (or several) with workers to sign in as.
struct DemoScale: ParsableArguments {
    enum Scale: String, ExpressibleByArgument, CaseIterable {
        case small, county
    }

    @Option(help: "small (eight children typed in) or county (generated).") var scale: Scale = .small
    @Option(help: "--scale county: the seed; the same seed and options make the same database.") var seed: UInt64 = 2026
    @Option(help: "--scale county: how many counties (530102, 530103, …).") var counties = 1
    @Option(help: "--scale county: children per county.") var children = 130_000
    @Option(help: "--scale county: the last day with records, YYYY-MM-DD.") var until = CountySpec.defaultUntil.isoString
    @Option(help: "--scale county: months of records up to --until.") var months = 24

    func spec() throws -> CountySpec {
        guard let until = try? CalendarDate(iso: self.until) else { throw ValidationError("--until: '\(self.until)' is not a date (YYYY-MM-DD)") }
        let spec = CountySpec(seed: self.seed, counties: self.counties, childrenPerCounty: self.children, until: until, months: self.months)
        if let problem = spec.problem { throw ValidationError(problem) }
        return spec
    }

    /// Generates the counties, then adds a worker of each role for the first county and a kiosk.
    func generate(into database: KioskDatabase, path: String) async throws {
        let spec = try self.spec()
        let summary = try await CountyGenerator(spec: spec).generate(into: database) { line in
            FileHandle.standardError.write(Data("demo: \(line)\n".utf8))
        }
        let county = spec.countyCode(0)
        let workers: [(String, WorkerRole, String)] = [
            ("demo-officer", .countyOfficer, county), ("demo-supervisor", .townshipSupervisor, county + "001"),
            ("demo-director", .villageDirector, county + "001001"), ("demo-operator", .operator, county),
        ]
        let directory = WorkerDirectory(database: database)
        print("generated \(spec.counties) count\(spec.counties == 1 ? "y" : "ies") from seed \(spec.seed) in \(String(format: "%.1f", summary.seconds)) s:")
        for (table, rows) in summary.rows.sorted(by: { $0.key < $1.key }) { print("  \(table)\t\(rows)") }
        for (id, role, jurisdiction) in workers {
            let pin = String(format: "%06d", Int.random(in: 0...999_999))
            try await directory.add(workerID: id, displayName: "演示 \(role)", role: role, jurisdiction: jurisdiction, pin: pin)
            print("worker \(id) (\(role), \(jurisdiction)) PIN \(pin)")
        }
        let credential = try await KioskRegistry(database: database).register(kioskID: "demo-kiosk", label: "Demo kiosk", at: Date())
        print("kiosk id: demo-kiosk   credential (shown only now): \(credential)")
        print("report: kioskctl report --database \(path) --division \(county) --from \(spec.start.isoString.prefix(7)) --to \(spec.until.isoString.prefix(7)) --format html --output report.html")
    }
}
