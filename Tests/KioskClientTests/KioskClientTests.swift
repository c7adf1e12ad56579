import CKioskClient
import EchoPlugin
import Foundation
import KioskTesting
import Testing

/// The C kiosk client against a live kioskd (in this process, on a loopback port).
@Suite("C kiosk client")
struct KioskClientTests {
    /// The C check program built beside this test bundle.
    static var checkProgram: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kiosk-client-check")
    }

    @Test("the whole kiosk flow in C: refusals, sign-in, calls, outbox, streams, sign-out")
    func wholeFlow() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.checkProgram.path), "build it first: swift build")
        let outbox = temporaryOutboxPath()
        defer { removeOutbox(outbox) }
        try await LiveKioskHost.withEcho { host in
            let r = try await host.registerKioskAndWorker()
            let process = try await ChildProcess.run(
                Self.checkProgram,
                arguments: ["127.0.0.1", "\(host.port)", r.kiosk.id, r.kiosk.credential, r.worker.id, r.worker.pin, outbox, "--echo"]
                    + ["--ca", try #require(host.caFile)]
            )
            let log = process.output
            #expect(process.status == 0, "\(log)")
            #expect(log.contains("PASSED: 0 failure(s)"))
            #expect(!log.contains("FAIL "))
        }
    }

    @Test("outbox across a server restart: what waited while the server was down lands once, nothing is resent twice")
    func outboxAcrossRestart() async throws {
        let database = LiveKioskHost.makeTemporaryDatabasePath()
        let outbox = temporaryOutboxPath()
        defer {
            LiveKioskHost.removeDatabase(at: database)
            removeOutbox(outbox)
        }
        let (registration, port, client) = try await LiveKioskHost.withEcho(databasePath: database) { host in
            let r = try await host.registerKioskAndWorker()
            let client = try CClient(port: host.port, caFile: host.caFile, kioskID: r.kiosk.id, credential: r.kiosk.credential, outboxPath: outbox)
            let first = try await blocking {
                try client.signIn(worker: r.worker.id, pin: r.worker.pin)
                try client.openOutbox()
                _ = try client.add(sayMethod, say("before the restart"))
                return client.flush()
            }
            #expect(first.status == KIOSK_OK && first.answered == 1 && first.pending == 0)
            return (r, host.port, client)
        }
        // The server is down: the submission waits in the outbox.
        let down = try await blocking {
            _ = try client.add(sayMethod, say("while the server was down"))
            return client.flush()
        }
        #expect(down.status == KIOSK_ERR_CONNECT || down.status == KIOSK_ERR_TIMEOUT || down.status == KIOSK_ERR_IO)
        #expect(down.answered == 0 && down.pending == 1)

        try await LiveKioskHost.withEcho(databasePath: database, port: port) { host in
            let up = try await blocking { client.flush() }
            #expect(up.status == KIOSK_OK && up.answered == 1 && up.pending == 0, "\(client.error)")
            let again = try await blocking { client.flush() }
            #expect(again.answered == 0)
            #expect(try await host.noteTexts(registration) == ["before the restart", "while the server was down"])
        }
    }

    @Test("power cut after sending: the kiosk resends after restart and gets the original answer, once")
    func powerCut() async throws {
        let outbox = temporaryOutboxPath()
        defer { removeOutbox(outbox) }
        try await LiveKioskHost.withEcho { host in
            let r = try await host.registerKioskAndWorker()
            let client = try CClient(port: host.port, caFile: host.caFile, kioskID: r.kiosk.id, credential: r.kiosk.credential, outboxPath: outbox)
            let (sentID, resentID, flushed) = try await blocking {
                try client.signIn(worker: r.worker.id, pin: r.worker.pin)
                try client.openOutbox()
                let key = try client.add(sayMethod, say("registered before the power cut"))
                // It was sent and handled, but the power went before the answer was stored.
                let (rc, sent) = try client.call(sayMethod, say("registered before the power cut"), key: key, as: Kiosk_Testing_Echo_V1_SayResponse.self)
                #expect(rc == KIOSK_OK)
                try client.openOutbox()
                let flushed = client.flush()
                let resent = try client.response(of: key, as: Kiosk_Testing_Echo_V1_SayResponse.self)
                return (sent?.noteID, resent?.noteID, flushed)
            }
            #expect(flushed.answered == 1 && flushed.pending == 0)
            #expect(sentID != nil && sentID == resentID)
            #expect(try await host.noteTexts(r) == ["registered before the power cut"])
        }
    }

    @Test("a call that runs out of time stays in the outbox and lands once on the next flush")
    func deadlineLeavesEntryPending() async throws {
        let outbox = temporaryOutboxPath()
        defer { removeOutbox(outbox) }
        try await LiveKioskHost.withEcho { host in
            let r = try await host.registerKioskAndWorker()
            // The deadline must leave room for signing in on a loaded machine (the server enforces it).
            let slow = try CClient(port: host.port, caFile: host.caFile, kioskID: r.kiosk.id, credential: r.kiosk.credential, outboxPath: outbox, callTimeoutMs: 1_000, attempts: 1)
            let (first, second) = try await blocking {
                try slow.signIn(worker: r.worker.id, pin: r.worker.pin)
                try slow.openOutbox()
                _ = try slow.add(sayMethod, say("slow link", delayMs: 4_000))
                let first = slow.flush()
                let patient = try CClient(port: host.port, caFile: host.caFile, kioskID: r.kiosk.id, credential: r.kiosk.credential, outboxPath: outbox)
                try patient.signIn(worker: r.worker.id, pin: r.worker.pin)
                try patient.openOutbox()
                return (first, patient.flush())
            }
            // The client waits 1 s plus 1 s of grace, then gives up; the entry stays pending.
            #expect(first.status == KIOSK_ERR_TIMEOUT || first.status == KIOSK_OK)
            #expect(first.answered == 0 && first.pending == 1)
            #expect(second.status == KIOSK_OK && second.answered == 1 && second.pending == 0)
            #expect(try await host.noteTexts(r) == ["slow link"])
        }
    }

    @Test("the server goes away mid-call: the call in flight finishes, the next one fails to reconnect")
    func goAwayMidCall() async throws {
        try await LiveKioskHost.withEcho { host in
            let r = try await host.registerKioskAndWorker()
            let client = try CClient(port: host.port, caFile: host.caFile, kioskID: r.kiosk.id, credential: r.kiosk.credential, outboxPath: "")
            try await blocking { try client.signIn(worker: r.worker.id, pin: r.worker.pin) }
            async let inFlight = blocking {
                try client.call(sayMethod, say("in flight", delayMs: 3_000), as: Kiosk_Testing_Echo_V1_SayResponse.self)
            }
            // Time for the call to reach the server on a busy machine; it then runs 3 s, across the shutdown.
            try await Task.sleep(for: .milliseconds(1_000))
            await host.beginShutdown()
            let (rc, response) = try await inFlight
            #expect(rc == KIOSK_OK, "\(client.error)")
            #expect(response?.text == "in flight")
            let next = try await blocking { try client.call(sayMethod, say("after"), as: Kiosk_Testing_Echo_V1_SayResponse.self).0 }
            #expect(next != KIOSK_OK)
            #expect(kiosk_client_is_connected(client.handle) == 0)
        }
    }
}
