import ArgumentParser
import Foundation
import GRDB
import KioskCore
import KioskCertificates
import KioskDomain
import KioskHost
import KioskPluginKit
import KioskRecords
import KioskStore

/// `kioskctl demo`: a small demo county in a fresh database, to try the server by hand.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill a fresh database with a demo county: a small one by hand, or a generated county (--scale county).",
        discussion: """
            Refuses a database that already holds children or workers. Every name is invented. Prints the \
            kiosk credential and the workers' PINs, and how to sign in. With --certificates DIR it also makes a \
            demo county CA and a certificate for localhost, so that the demo runs over TLS as a county would. \
            --scale county generates 300 villages in 15 townships with about 130,000 children and two years of \
            records, the same for the same seed (KioskDemoData; about a minute in a release build).
            """
    )
    @OptionGroup var options: DatabaseOption
    @OptionGroup var scale: DemoScale
    @Option(help: "Also make TLS certificates for localhost in this new directory (as `kioskctl tls init` does).")
    var certificates: String?

    static let county = "530102"
    static let villages = ["530102001001", "530102001002", "530102002001"]

    func run() async throws {
        let database = try self.options.open()
        defer { try? database.close() }
        let used = try await database.read { db in
            (try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM core_child) + (SELECT count(*) FROM core_worker)") ?? 0) > 0
        }
        guard !used else { throw ValidationError("\(self.options.path) already holds workers or children; the demo needs a fresh database") }
        if self.scale.scale == .county { return try await self.scale.generate(into: database, path: self.options.path) }
        let files = try self.certificates.map { directory in
            let files = CertificateFiles(directory: directory)
            do {
                try files.create(authorityName: "Demo county CA", names: try ServerNames(hostNames: ["localhost", "127.0.0.1", "::1"]))
            } catch let error as KioskCertificateError {
                throw ValidationError(error.message)
            }
            return files
        }

        let workers: [(String, String, WorkerRole, String)] = [
            ("demo-director-1", "演示 村儿童主任一", .villageDirector, Self.villages[0]),
            ("demo-director-2", "演示 村儿童主任二", .villageDirector, Self.villages[1]),
            ("demo-director-3", "演示 村儿童主任三", .villageDirector, Self.villages[2]),
            ("demo-supervisor", "演示 乡镇督导员", .townshipSupervisor, "530102001"),
            ("demo-officer", "演示 民政干部", .countyOfficer, Self.county),
            ("demo-operator", "演示 运维", .operator, Self.county),
        ]
        let directory = WorkerDirectory(database: database)
        var pins: [(String, String, WorkerRole)] = []
        for (id, name, role, jurisdiction) in workers {
            let pin = String(format: "%06d", Int.random(in: 0...999_999))
            try await directory.add(workerID: id, displayName: name, role: role, jurisdiction: jurisdiction, pin: pin)
            pins.append((id, pin, role))
        }
        let credential = try await KioskRegistry(database: database).register(kioskID: "demo-kiosk", label: "Demo kiosk", at: Date())
        let registered = try await Self.fillRegistry(database)

        print("demo county \(Self.county): \(Self.villages.count) villages, \(registered) children, \(workers.count) workers, 1 kiosk")
        print("kiosk id: demo-kiosk   credential (shown only now): \(credential)")
        for (id, pin, role) in pins { print("worker \(id) (\(role)) PIN \(pin)") }
        print(Self.howTo(database: self.options.path, credential: credential, files: files))
    }

    /// What to run next, over TLS when certificates were made.
    static func howTo(database: String, credential: String, files: CertificateFiles?) -> String {
        let tlsFlags = files.map { " --tls-certificate \($0.serverCertificate) --tls-key \($0.serverKey)" } ?? ""
        let ca = files.map { " --ca \($0.caCertificate)" } ?? ""
        return """
            start the server on this database\(files == nil ? " (plaintext, loopback only)" : " over TLS"):
              swift run kioskd --database \(database)\(tlsFlags)
            then sign in, e.g. with the C kiosk client:
              swift run kiosk --host localhost --port 7443\(ca) --kiosk demo-kiosk --credential \(credential) sign-in demo-director-1 <PIN>
            or call a method from JSON:
              swift run kioskctl call kiosk.core.v1.Children/SearchChildren '{"query": "wang"}' --host localhost\(ca) \\
                --kiosk demo-kiosk --credential \(credential) --worker demo-director-1 --pin <PIN>
            """
    }

    /// Households, caregivers and children with a spread of categories, and a few visits.
    static func fillRegistry(_ database: KioskDatabase) async throws -> Int {
        let registry = CoreChildRegistry(grants: .core, clock: SystemWallClock())
        let actor = CoreActor.system("demo")
        let today = SystemWallClock().today()
        let children: [(String, Sex, Int, Int, [ChildCategory], HukouStatus)] = [
            ("王小莲", .female, 0, 7, [ChildCategory(.leftBehindBothParents)], .registeredLocal),
            ("王小明", .male, 0, 4, [ChildCategory(.leftBehindBothParents)], .registeredLocal),
            ("李晓华", .female, 1, 12, [ChildCategory(.orphan), ChildCategory(.minimumLivingGuarantee)], .registeredLocal),
            ("张伟", .male, 1, 9, [ChildCategory(.disability, disabilityType: .physical, disabilityGrade: 2)], .registeredLocal),
            ("刘洋", .male, 2, 3, [], .unregistered),
            ("陈静", .female, 2, 15, [ChildCategory(.deFactoUnattended), ChildCategory(.outOfSchool)], .registeredLocal),
            ("杨帆", .male, 0, 1, [ChildCategory(.leftBehindOneParent)], .registeredLocal),
            ("赵丽", .female, 1, 16, [ChildCategory(.minimumLivingGuarantee)], .registeredElsewhere),
        ]
        return try await database.writer.write { db in
            var count = 0
            for (index, village) in Self.villages.enumerated() {
                let household = try registry.createHousehold(
                    village: try DivisionCode(village),
                    address: "Demo group \(index + 1), house \(index + 3)",
                    caregivers: [Caregiver(name: ["王秀英", "李建国", "刘桂兰"][index], sex: index == 1 ? .male : .female, birthYear: 1958 + index)],
                    in: db,
                    actor: actor
                )
                for (name, sex, villageIndex, age, categories, hukou) in children where villageIndex == index {
                    var details = ChildDetails(
                        name: name,
                        sex: sex,
                        birthDate: today.adding(years: -age).adding(days: -(count * 37 % 300)),
                        village: try DivisionCode(village),
                        hukouStatus: hukou,
                        householdID: household.householdID,
                        categories: categories
                    )
                    details.caregivers = [ChildCaregiver(caregiverID: household.caregivers[0].caregiverID, relationship: .grandparent, primary: true)]
                    guard case .registered(let child) = try registry.register(details, confirmedNotDuplicate: true, in: db, actor: actor) else {
                        continue
                    }
                    count += 1
                    if count % 2 == 1 {
                        _ = try registry.recordVisit(
                            childID: child.childID,
                            date: today.adding(days: -40),
                            observations: "Demo visit: child at home with the grandparent.",
                            riskLevel: count % 3 == 0 ? .high : .medium,
                            followUpDate: today.adding(days: count % 3 == 0 ? -10 : 50),
                            in: db,
                            actor: actor
                        )
                    }
                }
            }
            return count
        }
    }
}
