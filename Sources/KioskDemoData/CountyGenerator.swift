import Foundation
import GRDB
public import KioskStore

/// Generates realistic counties straight into a migrated, empty database: households, caregivers,
/// children with categories, visits, and the installed plugins' records with their applications
/// in every state, deterministically from ``CountySpec/seed``.
///
/// It writes the tables directly, in one transaction per township, because going through the
/// registry's checks and audit (about 900 children a second) would take twenty minutes for a
/// province. What the registry would refuse is not generated (the rules are mirrored: categories
/// that exclude each other, identity numbers consistent with birth date and sex, workflow steps by
/// the level the workflow names), and every statement names its columns, so a schema change breaks
/// the generator loudly (`KioskReportsTests` runs it on a freshly migrated database). No audit
/// entries are written: generated records were never read or changed by anyone. Worker ids in
/// the records (`director-<village>`, `supervisor-<township>`, `officer-<county>`) name no workers.
public struct CountyGenerator: Sendable {
    /// What to generate.
    public let spec: CountySpec

    /// A generator for `spec`.
    public init(spec: CountySpec) {
        self.spec = spec
    }

    /// Generates every county of the spec into `database`, calling `progress` after each township.
    ///
    /// Refuses a database that already holds children, or a spec with a ``CountySpec/problem``.
    public func generate(into database: KioskDatabase, progress: (@Sendable (String) -> Void)? = nil) async throws -> DemoSummary {
        if let problem = self.spec.problem { throw DemoError(problem) }
        let (children, plugins) = try await database.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM core_child") ?? 0, try DemoPlugins.detect(in: db))
        }
        guard children == 0 else { throw DemoError("the database already holds \(children) children; generate into an empty one") }
        let started = ContinuousClock.now
        var rows: [String: Int] = [:]
        for county in 0..<self.spec.counties {
            let villages = self.childrenPerVillage(county: county)
            for township in 0..<self.spec.townshipsPerCounty {
                let share = Array(villages[(township * self.spec.villagesPerTownship)..<((township + 1) * self.spec.villagesPerTownship)])
                let spec = self.spec
                let counts = try await database.writer.write { db in
                    let writer = DemoWriter(db)
                    _ = try TownshipRun(spec: spec, countyIndex: county, townshipIndex: township, writer: writer)
                        .run(plugins: plugins, childrenPerVillage: share)
                    return writer.counts
                }
                rows.merge(counts, uniquingKeysWith: +)
                progress?("county \(self.spec.countyCode(county)) township \(township + 1)/\(self.spec.townshipsPerCounty): \(rows["core_child"] ?? 0) children")
            }
        }
        let elapsed = ContinuousClock.now - started
        return DemoSummary(
            spec: self.spec, plugins: plugins, rows: rows,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        )
    }

    /// How many children each village of `county` has: uneven (log-normal weights), summing to
    /// ``CountySpec/childrenPerCounty``.
    func childrenPerVillage(county: Int) -> [Int] {
        var random = DemoRandom(seed: self.spec.seed, stream: 900_000 + UInt64(county))
        let count = self.spec.townshipsPerCounty * self.spec.villagesPerTownship
        let weights = (0..<count).map { _ in exp(random.normal(deviation: 0.45)) }
        let total = weights.reduce(0, +)
        var counts = weights.map { Int(Double(self.spec.childrenPerCounty) * $0 / total) }
        var missing = self.spec.childrenPerCounty - counts.reduce(0, +)
        var index = 0
        while missing > 0 {
            counts[index % count] += 1
            missing -= 1
            index += 1
        }
        return counts
    }
}

/// What a generation made.
public struct DemoSummary: Sendable {
    /// The spec generated.
    public var spec: CountySpec
    /// The plugins whose records were written.
    public var plugins: DemoPlugins
    /// Rows inserted, by table.
    public var rows: [String: Int]
    /// How long it took.
    public var seconds: Double
}

/// The generator cannot run, and why.
public struct DemoError: Error, Sendable, CustomStringConvertible {
    /// Why.
    public var message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
