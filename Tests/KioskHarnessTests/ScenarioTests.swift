import EchoPlugin
import Foundation
import InstalledPlugins
import KioskDomain
import KioskHarness
import KioskPluginKit
import KioskTesting
import Testing

/// Runs every scenario file in the repository against an in-process kioskd with the echo plugin and every installed domain plugin.
@Suite("Protocol scenarios")
struct ScenarioTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Where the core's scenarios live: beside the core, the wire spec and the echo test plugin.
    static let folders = ["Sources/KioskCore/Scenarios", "Tests/Scenarios", "Tests/Fixtures/EchoPlugin/Scenarios"]

    /// The ids of the domain plugins this build installs (a build without a plugin's trait leaves it out).
    static var installedIDs: Set<String> {
        Set(InstalledPlugins.all.map { $0.metadata.id })
    }

    /// `Plugins/*/Scenarios/*.scenario` whose file stem is the id of an installed plugin, so a new
    /// plugin's scenario runs with no edit here and a plugin built out is skipped.
    static var pluginFiles: [String] {
        let plugins = "\(root)/Plugins"
        let (manager, ids) = (FileManager.default, installedIDs)
        let folders = (try? manager.contentsOfDirectory(atPath: plugins)) ?? []
        return folders.flatMap { folder in
            let scenarios = "\(plugins)/\(folder)/Scenarios"
            let names = (try? manager.contentsOfDirectory(atPath: scenarios)) ?? []
            return names.filter { name in
                name.hasSuffix(".scenario") && ids.contains(String(name.dropLast(".scenario".count)))
            }.map { "\(scenarios)/\($0)" }
        }.sorted()
    }

    static var files: [String] {
        ((try? ScenarioFiles.find(in: folders.map { "\(root)/\($0)" })) ?? []) + pluginFiles
    }

    /// Runs `scenario` against a fresh host with a registered kiosk and a village director.
    static func run(_ scenario: Scenario) async throws -> ScenarioResult {
        // Scenarios hold dates (measurements, months); the server's clock stands on the day they were written for.
        let clock = ManualClock(today: try CalendarDate(iso: "2026-11-23"))
        return try await LiveKioskHost.with(plugins: [EchoPlugin.self] + InstalledPlugins.all, clock: clock) { host in
            let kiosk = try await host.registerKiosk("harness-kiosk")
            let worker = try await host.addWorker("director-1", pin: "246810")
            let supervisor = try await host.addWorker("supervisor-1", role: .townshipSupervisor, jurisdiction: "530102001", pin: "246811")
            let officer = try await host.addWorker("officer-1", role: .countyOfficer, jurisdiction: "530102", pin: "246812")
            let schema = try ProtoSchema.load(roots: ["\(root)/Protos"], workDirectory: NSTemporaryDirectory())
            defer { schema.remove() }
            let settings = HarnessSettings(
                port: host.port,
                caFile: host.caFile,
                kioskID: kiosk.id,
                credential: kiosk.credential,
                variables: [
                    "worker_id": worker.id, "worker_pin": worker.pin,
                    "supervisor_id": supervisor.id, "supervisor_pin": supervisor.pin,
                    "officer_id": officer.id, "officer_pin": officer.pin,
                ],
                timeoutMs: 5_000
            )
            return await Harness(schema: schema, settings: settings).run(scenario)
        }
    }

    @Test("the scenario folders hold scenarios")
    func found() {
        #expect(Self.files.count >= 4)
    }

    @Test("every installed domain plugin has a scenario named by its id")
    func pluginScenarios() {
        let stems = Set(Self.pluginFiles.map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".scenario", with: "") })
        #expect(stems == Self.installedIDs)
    }

    @Test("scenario", arguments: Self.files)
    func scenario(file: String) async throws {
        let scenario = try ScenarioParser.parse(try String(contentsOfFile: file, encoding: .utf8), file: file)
        let result = try await Self.run(scenario)
        #expect(result.passed, "\(result.report)")
        #expect(result.steps.count == scenario.steps.count)
    }

    @Test("a step whose answer differs from the expectation fails, and the scenario stops there")
    func failingExpectation() async throws {
        let scenario = try ScenarioParser.parse(
            """
            scenario "wrong on purpose"
            step "info"
            call /kiosk.host.v1.Host/GetServerInfo
            expect NOT_FOUND
            field kiosk_id = "another-kiosk"
            step "never run"
            call /kiosk.host.v1.Host/GetServerInfo
            expect OK
            """
        )
        let result = try await Self.run(scenario)
        #expect(!result.passed)
        #expect(result.steps.count == 1)
        let failures = result.steps[0].failures.joined(separator: "\n")
        #expect(failures.contains("status OK"))
        #expect(failures.contains("expected NOT_FOUND"))
        #expect(failures.contains("kiosk_id is \"harness-kiosk\", expected \"another-kiosk\""))
    }

    @Test("a raw step that expects the wrong connection error fails")
    func wrongConnectionError() async throws {
        let scenario = try ScenarioParser.parse(
            """
            scenario "wrong code"
            step "zero length"
            connection hello
            send-bytes 00 00 00 00
            expect connection-error MALFORMED_FRAME
            """
        )
        let result = try await Self.run(scenario)
        #expect(!result.passed)
        #expect(result.steps.first?.failures.first?.contains("FRAME_TOO_LARGE") == true)
    }
}
