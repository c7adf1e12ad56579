import Foundation
import KioskTesting
import Testing

/// The example program of docs/KIOSK-CLIENT.md, extracted from the doc and built with the vendor's
/// Makefile (warnings are errors), run against a live kioskd: the doc cannot drift from the library.
@Suite("The C client's documented example", .serialized)
struct DocExampleTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("the example builds without warnings, signs in, registers, finds, records a visit and signs out")
    func example() async throws {
        let cClient = Self.packageRoot.appendingPathComponent("Tools/c-client")
        let make = try await ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["make", "-s", "-C", cClient.path, "build/kiosk-doc-example"]
        )
        try #require(make.status == 0, "\(make.output)\(make.error)")
        let outbox = temporaryOutboxPath()
        defer { removeOutbox(outbox) }
        try await LiveKioskHost.withEcho { host in
            let r = try await host.registerKioskAndWorker()
            let run = try await ChildProcess.run(
                cClient.appendingPathComponent("build/kiosk-doc-example"),
                arguments: ["127.0.0.1", "\(host.port)", try #require(host.caFile), r.kiosk.id, r.kiosk.credential, r.worker.id, r.worker.pin, outbox]
            )
            #expect(run.status == 0, "\(run.output)\(run.error)")
            #expect(run.error.isEmpty, "\(run.error)")
            let lines = run.output.split(separator: "\n").map(String.init)
            #expect(lines.first == "welcome, Test worker \(r.worker.id)")
            let registered = try #require(lines.first { $0.hasPrefix("registered ") }, "\(run.output)")
            let childID = String(registered.dropFirst("registered ".count))
            #expect(lines.contains("found \(childID) 王小莲"), "\(run.output)")
            #expect(lines.last?.hasPrefix("visit ") == true && lines.last?.hasSuffix(" recorded") == true, "\(run.output)")

            // Run again: the same child is now a likely duplicate, which the example reports without failing.
            let again = try await ChildProcess.run(
                cClient.appendingPathComponent("build/kiosk-doc-example"),
                arguments: ["127.0.0.1", "\(host.port)", try #require(host.caFile), r.kiosk.id, r.kiosk.credential, r.worker.id, r.worker.pin, outbox]
            )
            #expect(again.status == 0 && again.output.contains("may be the same child"), "\(again.output)\(again.error)")
        }
    }

    @Test("the example says whom to call when the kiosk is refused, and frees what it opened")
    func refusedKiosk() async throws {
        let example = Self.packageRoot.appendingPathComponent("Tools/c-client/build/kiosk-doc-example")
        let make = try await ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["make", "-s", "-C", example.deletingLastPathComponent().deletingLastPathComponent().path, "build/kiosk-doc-example"]
        )
        try #require(make.status == 0, "\(make.output)\(make.error)")
        let outbox = temporaryOutboxPath()
        defer { removeOutbox(outbox) }
        try await LiveKioskHost.withEcho { host in
            let r = try await host.registerKioskAndWorker()
            let run = try await ChildProcess.run(
                example,
                arguments: ["127.0.0.1", "\(host.port)", try #require(host.caFile), r.kiosk.id, "wrong-credential", r.worker.id, r.worker.pin, outbox]
            )
            #expect(run.status == 1)
            #expect(run.error.contains("sign-in: the server refused the kiosk: UNAUTHENTICATED"), "\(run.error)")
            #expect(run.error.hasSuffix("call the operator\n"), "\(run.error)")
        }
    }
}
