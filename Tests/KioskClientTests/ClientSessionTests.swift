import CKioskClient
import EchoPlugin
import Foundation
import GRDB
import KioskStore
import KioskHost
import KioskProtos
import KioskTesting
import Testing

/// The C client's sign-in answer, refusals, idle connections, follow streams and outbox attempts,
/// against a live kioskd.
@Suite("C kiosk client: sessions and connections")
struct ClientSessionTests {
    @Test("an empty kiosk id or credential is refused before anything is sent", arguments: [("", "credential"), ("kiosk", "")])
    func emptyIdentity(kioskID: String, credential: String) {
        var client: OpaquePointer?
        #expect(kiosk_client_new("127.0.0.1", 7443, kioskID, credential, nil, &client) == KIOSK_ERR_ARGUMENT)
        #expect(client == nil)
    }

    @Test("the sign-in answer is kept: worker, name, role, jurisdiction, expiry; WhoAmI names the same worker")
    func sessionInfo() async throws {
        try await LiveKioskHost.withEcho { host in
            let r = try await host.registerKioskAndWorker()
            let client = try CClient(port: host.port, caFile: host.caFile, kioskID: r.kiosk.id, credential: r.kiosk.credential, outboxPath: "")
            let (before, info, whoAmI, afterToken, afterSignOut) = try await blocking {
                var info = kiosk_session_info()
                let before = kiosk_client_session_info(client.handle, &info)
                try client.signIn(worker: r.worker.id, pin: r.worker.pin)
                let signedIn = kiosk_client_session_info(client.handle, &info) == KIOSK_OK ? SessionInfo(info) : nil
                let (_, me) = try client.call("/kiosk.core.v1.Session/WhoAmI", Kiosk_Core_V1_WhoAmIRequest(), as: Kiosk_Core_V1_WhoAmIResponse.self)
                let token = String(cString: kiosk_client_session_token(client.handle))
                kiosk_client_set_session_token(client.handle, token)
                let afterToken = kiosk_client_session_info(client.handle, &info)
                try client.signIn(worker: r.worker.id, pin: r.worker.pin)
                kiosk_client_sign_out(client.handle)
                return (before, signedIn, me, afterToken, kiosk_client_session_info(client.handle, &info))
            }
            #expect(before == KIOSK_ERR_ARGUMENT)
            let signedIn = try #require(info)
            #expect(signedIn.workerID == r.worker.id && signedIn.displayName == "Test worker \(r.worker.id)")
            #expect(signedIn.role == UInt32(Kiosk_Core_V1_Role.villageDirector.rawValue) && signedIn.jurisdiction == "530102001001")
            #expect(signedIn.expiresAt > Int64(Date().timeIntervalSince1970))
            #expect(whoAmI?.worker.displayName == signedIn.displayName && whoAmI?.expiresAtUnix == signedIn.expiresAt)
            #expect(afterToken == KIOSK_ERR_ARGUMENT, "a token set by hand has no sign-in answer")
            #expect(afterSignOut == KIOSK_ERR_ARGUMENT)
        }
    }

    @Test("a wrong credential: the server's code and message are available, and the kiosk is told to call the operator")
    func wrongCredential() async throws {
        try await LiveKioskHost.withEcho { host in
            let r = try await host.registerKioskAndWorker()
            let client = try CClient(port: host.port, caFile: host.caFile, kioskID: r.kiosk.id, credential: "not-the-credential", outboxPath: "")
            let (rc, code, message) = try await blocking {
                let rc = kiosk_client_ping(client.handle)
                return (rc, kiosk_client_connection_error_code(client.handle),
                        String(cString: kiosk_client_connection_error_message(client.handle)))
            }
            #expect(rc == KIOSK_ERR_CONNECTION_REFUSED)
            #expect(code == UInt32(KIOSK_CONNECTION_ERROR_UNAUTHENTICATED))
            #expect(!message.isEmpty && client.error.hasSuffix(message))
        }
    }

    @Test("a connection the server closed as idle is replaced before the next call, which succeeds")
    func idleConnectionClosed() async throws {
        try await LiveKioskHost.withEcho(configure: { $0.idleTimeout = .seconds(1) }) { host in
            let r = try await host.registerKioskAndWorker()
            let client = try CClient(port: host.port, caFile: host.caFile, kioskID: r.kiosk.id, credential: r.kiosk.credential, outboxPath: "")
            let (rc, response) = try await blocking {
                try client.signIn(worker: r.worker.id, pin: r.worker.pin)
                Thread.sleep(forTimeInterval: 1.8)  // the server closes the idle connection with TIMEOUT
                return try client.call(sayMethod, say("after a pause"), as: Kiosk_Testing_Echo_V1_SayResponse.self)
            }
            #expect(rc == KIOSK_OK, "\(client.error)")
            #expect(response?.text == "after a pause")
        }
    }

    @Test("a follow stream ends with KIOSK_END when the server stops gracefully; `kiosk follow` says where to go on from")
    func followEndsOnGracefulStop() async throws {
        try await LiveKioskHost.withEcho { host in
            var kiosk = try KioskProgram(port: host.port, caFile: host.caFile, registration: try await host.registerKioskAndWorker())
            defer { kiosk.removeFiles() }
            let signIn = try await kiosk.run("sign-in", kiosk.registration.worker.id, kiosk.registration.worker.pin)
            #expect(signIn.status == 0, "\(signIn.error)")
            let follower = kiosk
            async let follow = follower.launch(["follow", "0", "20"])
            // Stop only once the stream is open: the server audits the follow as it begins.
            while try await host.host.database.read({ db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM core_audit WHERE action = 'applications.follow'") ?? 0
            }) == 0 {
                try await Task.sleep(for: .milliseconds(50))
            }
            await host.beginShutdown()
            let ended = try await follow
            // KIOSK_END (not KIOSK_ERR_TIMEOUT after 20 s, nor a connection error) is exit 0 with this message.
            #expect(ended.status == 0, "\(ended.error)")
            #expect(ended.error == "kiosk: the stream ended; go on with: kiosk follow 0\n")
        }
    }

    @Test("a flush that cannot connect keeps the entry and counts no attempt; the next flush sends it once")
    func attemptsCountOnlySends() async throws {
        let outbox = temporaryOutboxPath()
        defer { removeOutbox(outbox) }
        try await LiveKioskHost.withEcho { host in
            let r = try await host.registerKioskAndWorker()
            let offline = try CClient(port: 1, caFile: host.caFile, kioskID: r.kiosk.id, credential: r.kiosk.credential, outboxPath: outbox)
            let online = try CClient(port: host.port, caFile: host.caFile, kioskID: r.kiosk.id, credential: r.kiosk.credential, outboxPath: outbox)
            let (down, waiting, up, sent) = try await blocking {
                try offline.openOutbox()
                let key = try offline.add(sayMethod, say("through the outbox"))
                let down = offline.flush()
                let waiting = offline.entry(key)
                try online.signIn(worker: r.worker.id, pin: r.worker.pin)
                try online.openOutbox()
                return (down, waiting, online.flush(), online.entry(key))
            }
            #expect(down.status == KIOSK_ERR_CONNECT && down.pending == 1)
            #expect(waiting?.attempts == 0 && waiting?.message.contains("cannot connect to 127.0.0.1:1") == true, "\(String(describing: waiting))")
            #expect(up.status == KIOSK_OK && up.answered == 1)
            #expect(sent?.attempts == 1 && sent?.answered == true)
        }
    }
}

/// What kiosk_client_session_info gave, copied out of the client.
struct SessionInfo: Sendable {
    var workerID, displayName, jurisdiction: String
    var role: UInt32
    var expiresAt: Int64

    init(_ info: kiosk_session_info) {
        self.workerID = String(cString: info.worker_id)
        self.displayName = String(cString: info.display_name)
        self.jurisdiction = String(cString: info.jurisdiction)
        self.role = info.role
        self.expiresAt = info.expires_at_unix
    }
}
