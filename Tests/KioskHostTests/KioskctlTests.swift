import Foundation
import KioskTesting
import Testing

/// The operator CLI as a process: demo, counts and call.
@Suite("kioskctl demo, counts and call")
struct KioskctlTests {
    static func run(_ arguments: [String]) async throws -> ChildProcess {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kioskctl")
        return try await ChildProcess.run(executable, arguments: arguments)
    }

    @Test("demo fills a fresh database once; counts show it in numbers only; call signs in and searches over the wire")
    func demoCountsCall() async throws {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: path) }
        let demo = try await Self.run(["demo", "--database", path])
        #expect(demo.status == 0, "\(demo.error)")
        let lines = demo.output.split(separator: "\n").map(String.init)
        let credential = try #require(lines.first { $0.hasPrefix("kiosk id: demo-kiosk") }?.split(separator: " ").last.map(String.init))
        let pin = try #require(lines.first { $0.hasPrefix("worker demo-director-1 ") }?.split(separator: " ").last.map(String.init))

        let again = try await Self.run(["demo", "--database", path])
        #expect(again.status != 0)
        #expect(again.error.contains("fresh database"))

        let counts = try await Self.run(["counts", "--database", path])
        #expect(counts.status == 0)
        #expect(counts.output.contains("children            8"))
        #expect(counts.output.contains("workers (active)    6"))
        #expect(!counts.output.contains("王"))

        try await LiveKioskHost.with(plugins: [], databasePath: path) { host in
            let common = [
                "--port", "\(host.port)", "--ca", try #require(host.caFile),
                "--kiosk", "demo-kiosk", "--credential", credential, "--worker", "demo-director-1", "--pin", pin,
            ]
            let search = try await Self.run(["call", "kiosk.core.v1.Children/SearchChildren", #"{"query": "wang xiao"}"#] + common)
            #expect(search.status == 0, "\(search.error)")
            #expect(search.output.contains(#""name_pinyin":"wang xiao lian""#))
            #expect(search.output.contains(#""name_pinyin":"wang xiao ming""#))

            let bad = try await Self.run(["call", "kiosk.core.v1.Children/SearchChildren", #"{"quer": 1}"#] + common)
            #expect(bad.status != 0)
            #expect(bad.error.contains("not valid JSON for kiosk.core.v1.SearchChildrenRequest"))

            let unknown = try await Self.run(["call", "kiosk.nope.v1.Nope/Do"] + common)
            #expect(unknown.error.contains("does not know"))

            let wrongPIN = try await Self.run(["call", "kiosk.core.v1.Session/WhoAmI"] + common.dropLast() + ["000000"])
            #expect(wrongPIN.status != 0)
            #expect(wrongPIN.error.lowercased().contains("unauthenticated"))
        }
    }

    @Test("settings lists every section; --check accepts a valid file and refuses a bad one, naming the key")
    func settings() async throws {
        let list = try await Self.run(["settings"])
        #expect(list.status == 0, "\(list.error)")
        #expect(list.output.contains("[core]"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-\(UUID().uuidString).conf").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "# nothing set\n[core]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let good = try await Self.run(["settings", "--check", file])
        #expect(good.status == 0, "\(good.error)")
        #expect(good.output.contains("every setting is valid"))
        try "[core]\nno-such-key = 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try await Self.run(["settings", "--check", file])
        #expect(bad.status != 0)
        #expect(bad.error.contains("setting core.no-such-key is not one that [core] has"), "\(bad.error)")
    }
}
