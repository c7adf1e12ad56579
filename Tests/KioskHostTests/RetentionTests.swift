import EchoPlugin
import Foundation
import GRDB
import GRPCCore
import KioskStore
import KioskDomain
import KioskHost
import KioskPluginKit
import KioskProtos
import KioskRecords
import KioskTesting
import Logging
import Testing

@Suite("Retention: expired records de-identified")
struct RetentionTests {
    static func sweep(_ county: TestCounty, years: Int = 10, batchSize: Int = 100) async throws -> Int {
        let policy = RetentionPolicy(years: years, batchSize: batchSize)
        return try await RetentionService(database: county.host.host.database, policy: policy, clock: county.clock, logger: Logger(label: "test"))
            .sweep()
    }

    static func set(_ county: TestCounty, _ day: String) throws {
        county.clock.set(today: try CalendarDate(iso: day))
    }

    /// The first row of `sql` with `id` as its argument, by column name.
    static func row(_ county: TestCounty, _ sql: String, _ id: String) async throws -> [String: DatabaseValue]? {
        try await county.host.host.database.read { db in
            try Row.fetchOne(db, sql: sql, arguments: [id]).map { row in
                Dictionary(uniqueKeysWithValues: row.columnNames.map { ($0, row[$0] as DatabaseValue) })
            }
        }
    }

    @Test("a record goes 10 years after the 18th birthday, not a day before; what identifies the child goes, the counts stay")
    func boundary() async throws {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: path) }
        try await TestCounty.with(plugins: [EchoPlugin.self], databasePath: path) { county in
            let number = identityNumber(born: "20090110", sequence: 2)
            let registered = try await county.register(childDetails("王小莲", born: "2009-01-10", identityNumber: number), confirmed: true)
            let mother = try await county.recordConsent(.registration, for: registered).caregiverID
            let child = try await county.getChild(registered.childID, as: .directorA1)
            var siblingDetails = childDetails("王小红", born: "2009-03-01")
            siblingDetails.householdID = child.details.householdID
            let sibling = try await county.register(siblingDetails, confirmed: true)
            _ = try await county.as(.directorA1) { client in
                var visit = Kiosk_Core_V1_RecordVisitRequest()
                visit.childID = child.childID
                visit.visitDate = "2026-11-20"
                visit.observations = "祖母生病"
                visit.riskLevel = .high
                return try await Kiosk_Core_V1_Children.Client(wrapping: client).recordVisit(visit)
            }
            let counts = try await KioskctlTests.run(["counts", "--database", path]).output
            try Self.set(county, "2037-01-09")
            #expect(try await Self.sweep(county) == 0)
            try Self.set(county, "2037-01-10")
            #expect(try await Self.sweep(county) == 1)
            #expect(try await Self.sweep(county) == 0, "done once")

            let record = try await county.getChild(child.childID, as: .officer)
            #expect(record.details.name.isEmpty && record.namePinyin.isEmpty && record.details.identityNumber.isEmpty)
            #expect(record.details.birthDate == "2009-07-01" && record.details.village == TestCounty.villageA1)
            let visit = try await Self.row(county, "SELECT observations, risk_level FROM core_visit WHERE child_id = ?", child.childID)
            #expect(visit?["observations"].flatMap(String.fromDatabaseValue) == "" && visit?["risk_level"].flatMap(String.fromDatabaseValue) == "high")
            let caregiver = try await Self.row(county, "SELECT name FROM core_caregiver WHERE caregiver_id = ?", mother)
            #expect(caregiver?["name"].flatMap(String.fromDatabaseValue) == "李桂英", "kept while a child of the household keeps an identified record")
            #expect(try await county.getChild(sibling.childID, as: .officer).details.name == "王小红")

            let audit = try await county.host.host.database.read { db in
                try AuditLog.entries(in: db).filter { $0.action == "retention.de-identify" }.map { "\($0.actor) \($0.actorRole ?? "") \($0.childID ?? "")" }
            }
            #expect(audit == ["system:core system \(child.childID)"])
            let after = try await KioskctlTests.run(["counts", "--database", path]).output
            let withoutAudit = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("audit entries") } }
            #expect(withoutAudit(after) == withoutAudit(counts))
            let dump = try await county.host.host.database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM core_child WHERE child_id = ?", arguments: [child.childID]).description
            }
            #expect(!dump.contains("王小莲") && !dump.contains(number) && !dump.contains("2009-01-10"))
        }
    }

    @Test("an open application keeps the record; the last activity moves the day; the household goes with its last child")
    func openApplicationsAndActivity() async throws {
        try await CoreCounty.with { county in
            let (child, mother) = try await county.childWithMother("王小莲", born: "2009-01-10")
            let applicationID = try await county.submitEcho(child.childID, kind: "")
            try Self.set(county, "2037-01-10")
            #expect(try await Self.sweep(county) == 0, "kept while the application is open")
            _ = try await county.transition(applicationID, .withdraw, reason: "moved away", as: .directorA1)
            #expect(try await Self.sweep(county) == 0, "the withdrawal is new activity: ten more years")
            try Self.set(county, "2047-01-09")
            #expect(try await Self.sweep(county) == 0)
            try Self.set(county, "2047-01-10")
            #expect(try await Self.sweep(county) == 1)
            let caregiver = try await Self.row(county, "SELECT name, phone FROM core_caregiver WHERE caregiver_id = ?", mother)
            #expect(caregiver?["name"].flatMap(String.fromDatabaseValue) == "" && caregiver?["phone"].flatMap(String.fromDatabaseValue) == "")
            let event = try await Self.row(county, "SELECT count(*) AS n FROM core_application_event WHERE child_id = ? AND reason != ''", child.childID)
            #expect(event?["n"].flatMap(Int.fromDatabaseValue) == 0)
            let consent = try await Self.row(county, "SELECT purpose FROM core_consent WHERE child_id = ?", child.childID)
            #expect(consent?["purpose"].flatMap(String.fromDatabaseValue) == "registration", "consent records stay, without free text")
        }
    }

    @Test("batches: every due record goes, batch by batch")
    func batches() async throws {
        try await CoreCounty.with { county in
            var ids: [String] = []
            for (index, name) in ["张一", "张二", "张三", "张四", "张五"].enumerated() {
                ids.append(try await county.registerChild(name, born: "2009-01-1\(index)").childID)
            }
            try Self.set(county, "2037-01-14")
            #expect(try await Self.sweep(county, batchSize: 2) == 5)
            let left = try await county.host.host.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM core_child WHERE deidentified_at IS NULL")
            }
            #expect(left == 0)
        }
    }

    @Test("kioskctl retention report says what would go on a day, what is kept and when the rest falls due")
    func report() async throws {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: path) }
        let (due, later) = try await TestCounty.with(plugins: [EchoPlugin.self], databasePath: path) { county in
            let due = try await county.registerChild("王小莲", born: "2009-01-10")
            let kept = try await county.registerChild("王小红", born: "2009-01-10", village: TestCounty.villageA2)
            _ = try await county.submitEcho(kept.childID, kind: "", as: .directorA2)
            let later = try await county.registerChild("王小明", born: "2015-06-01", sex: .male)
            return (due.childID, later.childID)
        }
        let report = try await KioskctlTests.run(["retention", "report", "--database", path, "--on", "2037-01-10", "--list"])
        #expect(report.status == 0, "\(report.error)")
        #expect(report.output.contains("de-identified 10 years after the later of the 18th birthday and the last activity"))
        #expect(report.output.contains("due now: 1 children's records"))
        #expect(report.output.contains("expired but kept while an application is open: 1"))
        #expect(report.output.contains("falling due later, by year: 2043: 1"))
        #expect(report.output.contains("due\t\(due)\t2037-01-10") && report.output.contains("later\t\(later)\t2043-06-01"))
        let settings = FileManager.default.temporaryDirectory.appendingPathComponent("retention-\(UUID()).ini")
        defer { try? FileManager.default.removeItem(at: settings) }
        try "[core]\nretention-years = 3\n".write(to: settings, atomically: true, encoding: .utf8)
        let shorter = try await KioskctlTests.run(["retention", "report", "--database", path, "--on", "2030-01-10", "--settings", settings.path])
        #expect(shorter.output.contains("de-identified 3 years after") && shorter.output.contains("due now: 1 children's records"), "\(shorter.output)")
        try "[core]\nretention-years = 0\n".write(to: settings, atomically: true, encoding: .utf8)
        let bad = try await KioskctlTests.run(["retention", "report", "--database", path, "--settings", settings.path])
        #expect(bad.status != 0 && bad.error.contains("retention-years"), "\(bad.error)")
    }

    @Test("retention-enabled = false keeps the service out of the host")
    func disabled() async throws {
        let on = try await CoreCounty.with { county in county.host.host.services.contains { $0 is RetentionService } }
        let off = try await TestCounty.with(plugins: [EchoPlugin.self], configure: { $0.environment["KIOSKD_CORE_RETENTION_ENABLED"] = "false" }) { county in
            county.host.host.services.contains { $0 is RetentionService }
        }
        #expect(on && !off)
    }
}
