import ArgumentParser
import Foundation
import GRDB
import KioskDomain
import KioskPluginKit
import KioskRecords
import KioskStore

/// Measures the child registry at programme scale: registering children, and searching them by
/// identity number, characters and pinyin as a village, township and county worker.
@main
struct KioskRegistryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-registry-bench",
        abstract: "Child registry at scale: registration rate and search latency per jurisdiction level."
    )

    @Option(help: "Directory for the temporary database.") var directory = FileManager.default.temporaryDirectory.path
    @Option(help: "Children to register (the pilots reached 130,000).") var children = 130_000
    @Option(help: "Searches per kind and level.") var searches = 200

    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕")
    static let given = Array("小晓明华丽伟芳娜敏静强磊军洋勇艳杰娟涛超秀霞平刚桂英文辉玲建国红梅兰凤春莲")

    func run() async throws {
        let path = URL(fileURLWithPath: self.directory).appendingPathComponent("kiosk-registry-bench-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = try KioskDatabase(configuration: StoreConfiguration(path: path))
        defer { try? database.close() }
        var migrator = StoreMigrator()
        try CoreMigrations.register(in: &migrator)
        try RegistryMigrations.register(in: &migrator)
        try migrator.migrate(database)

        let registry = CoreChildRegistry(grants: .core, clock: SystemWallClock())
        let started = ContinuousClock.now
        let samples = try await self.fill(database, registry: registry)
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("registered \(self.children) children in 300 villages of one county: \(String(format: "%.1f", seconds)) s, "
            + "\(String(format: "%.0f", Double(self.children) / seconds)) children/s (batches of 500 per commit, duplicate checks and audit included)")
        print("search latency, each search one durable write (it is audited), page size 20:")
        for level in ["village", "township", "county"] {
            for kind in ["identity number", "characters", "pinyin"] {
                var times: [Double] = []
                var found = 0
                for index in 0..<self.searches {
                    let sample = samples[(index * 7919) % samples.count]
                    let actor = Self.actor(level: level, village: sample.village)
                    let text =
                        switch kind {
                        case "identity number": sample.identityNumber
                        case "characters": String(sample.name.dropFirst())
                        default: PinyinKey(sample.name).spaced
                        }
                    let query = ChildQuery(text: text, pageSize: 20)
                    let start = ContinuousClock.now
                    let page = try await database.writer.write { db in try registry.search(query, in: db, actor: actor) }
                    let time = ContinuousClock.now - start
                    times.append(Double(time.components.attoseconds) / 1e15 + Double(time.components.seconds) * 1000)
                    found += page.children.count
                }
                times.sort()
                print(
                    "  \(level.padding(toLength: 9, withPad: " ", startingAt: 0)) \(kind.padding(toLength: 16, withPad: " ", startingAt: 0))"
                        + " p50 \(String(format: "%6.2f", times[times.count / 2])) ms"
                        + "  p99 \(String(format: "%6.2f", times[min(times.count - 1, times.count * 99 / 100)])) ms"
                        + "  (\(String(format: "%.1f", Double(found) / Double(self.searches))) results per search)"
                )
            }
        }
    }

    struct Sample: Sendable {
        var name: String
        var village: String
        var identityNumber: String
    }

    /// Registers the children in batches; returns every 50th child for the searches.
    func fill(_ database: KioskDatabase, registry: CoreChildRegistry) async throws -> [Sample] {
        var samples: [Sample] = []
        var generator = SystemRandomNumberGenerator()
        let today = SystemWallClock().today()
        var issued = Set<String>()
        var next = 0
        while next < self.children {
            let batch = (next..<min(next + 500, self.children)).map { index -> (ChildDetails, Sample) in
                let village = "530102\(String(format: "%03d", index % 20 + 1))\(String(format: "%03d", index / 20 % 15 + 1))"
                let name = String(Self.surnames.randomElement(using: &generator)!) + String(Self.given.randomElement(using: &generator)!)
                    + String(Self.given.randomElement(using: &generator)!)
                let birth = today.adding(days: -Int.random(in: 30...(17 * 365), using: &generator))
                let sex: Sex = index % 2 == 0 ? .female : .male
                let body = "530102" + birth.isoString.replacingOccurrences(of: "-", with: "") + String(format: "%03d", (index % 499) * 2 + (sex == .male ? 1 : 0))
                let check = ResidentIdentityNumber.checkCharacter(forDigits: body.compactMap(\.wholeNumberValue))!
                // Two children born the same day with the same sequence would share a number: leave the second without.
                let number = issued.insert(body).inserted ? body + String(check) : ""
                let details = ChildDetails(
                    name: name, sex: sex, birthDate: birth, village: try! DivisionCode(village),
                    identityNumber: try? ResidentIdentityNumber(number, today: today), hukouStatus: .registeredLocal
                )
                return (details, Sample(name: name, village: village, identityNumber: number))
            }
            let registered = try await database.writer.write { db in
                var kept: [Sample] = []
                for (details, sample) in batch {
                    if case .registered = try registry.register(details, confirmedNotDuplicate: true, in: db, actor: .system("bench")) {
                        kept.append(sample)
                    }
                }
                return kept
            }
            samples += registered.enumerated().filter { $0.offset % 50 == 0 && !$0.element.identityNumber.isEmpty }.map(\.element)
            next += 500
        }
        return samples
    }

    static func actor(level: String, village: String) -> CoreActor {
        let digits = switch level {
        case "village": village
        case "township": String(village.prefix(9))
        default: String(village.prefix(6))
        }
        let role: WorkerRole = switch level {
        case "village": .villageDirector
        case "township": .townshipSupervisor
        default: .countyOfficer
        }
        return .worker(
            Caller(workerID: "bench", role: role, jurisdiction: try! Jurisdiction(digits), kioskID: "bench", sessionExpiresAt: .distantFuture)
        )
    }
}
