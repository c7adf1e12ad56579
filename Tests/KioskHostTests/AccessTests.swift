import EchoPlugin
import Foundation
import GRPCCore
import KioskCore
import KioskHost
import KioskPluginKit
import KioskProtos
import KioskTesting
import KioskTransport
import GRDB
import KioskStore
import Testing

@Suite("Who may call: workers, PINs, sessions")
struct AccessTests {
    static func signIn(_ client: GRPCClient<KioskClientTransport>, _ worker: LiveKioskHost.Worker) async throws
        -> Kiosk_Core_V1_SignInResponse
    {
        var request = Kiosk_Core_V1_SignInRequest()
        request.workerID = worker.id
        request.pin = worker.pin
        return try await Kiosk_Core_V1_Session.Client(wrapping: client).signIn(request)
    }

    @Test("a call without a session is refused UNAUTHENTICATED, saying how to sign in")
    func noSession() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withClient(kiosk: kiosk) { client in
                let error = await rpcError { _ = try await Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client).say(sayRequest("x")) }
                #expect(error?.code == .unauthenticated)
                #expect(error?.message.contains("sign in first") == true)
            }
        }
    }

    @Test("sign-in returns a session for the worker; WhoAmI reports it; sign-out ends it")
    func signInAndOut() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            let response = try await host.withClient(kiosk: kiosk) { try await Self.signIn($0, defaultWorker) }
            #expect(response.worker.workerID == defaultWorker.id)
            #expect(response.worker.role == .villageDirector)
            #expect(response.worker.jurisdiction == "530102001001")
            #expect(response.sessionToken.count == 43)
            let session = SessionInterceptor(token: response.sessionToken)
            try await host.withClient(kiosk: kiosk, interceptors: [session]) { client in
                let sessions = Kiosk_Core_V1_Session.Client(wrapping: client)
                let me = try await sessions.whoAmI(.init())
                #expect(me.worker == response.worker, "WhoAmI names the worker as SignIn did")
                #expect(me.worker.displayName == "Test worker \(defaultWorker.id)")
                #expect(me.worker.workerID == defaultWorker.id)
                #expect(me.kioskID == kiosk.id)
                #expect(me.expiresAtUnix == response.expiresAtUnix)
                _ = try await sessions.signOut(.init())
                let after = await rpcCode { _ = try await sessions.whoAmI(.init()) }
                #expect(after == .unauthenticated)
            }
        }
    }

    @Test("a wrong PIN and an unknown worker get the same answer")
    func wrongPIN() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withClient(kiosk: kiosk) { client in
                let wrong = await rpcError { _ = try await Self.signIn(client, .init(id: defaultWorker.id, pin: "000000")) }
                let unknown = await rpcError { _ = try await Self.signIn(client, .init(id: "nobody", pin: "000000")) }
                #expect(wrong?.code == .unauthenticated)
                #expect(wrong?.message == unknown?.message)
            }
        }
    }

    @Test("too many wrong PINs lock the worker, even with the right PIN, until the lock ends")
    func lockout() async throws {
        try await LiveKioskHost.withEcho(configure: {
            $0.access.maximumFailedAttempts = 3
            $0.access.lockoutDuration = .seconds(60)
        }) { host, kiosk in
            try await host.withClient(kiosk: kiosk) { client in
                var codes: [RPCError.Code?] = []
                for _ in 0..<3 {
                    codes.append(await rpcCode { _ = try await Self.signIn(client, .init(id: defaultWorker.id, pin: "999999")) })
                }
                #expect(codes == [.unauthenticated, .unauthenticated, .resourceExhausted])
                let locked = await rpcError { _ = try await Self.signIn(client, defaultWorker) }
                #expect(locked?.code == .resourceExhausted)
                #expect(locked?.message.contains("minute") == true)
            }
        }
    }

    @Test("a wrong PIN count resets after a successful sign-in")
    func resetAfterSuccess() async throws {
        try await LiveKioskHost.withEcho(configure: { $0.access.maximumFailedAttempts = 2 }) { host, kiosk in
            try await host.withClient(kiosk: kiosk) { client in
                let first = await rpcCode { _ = try await Self.signIn(client, .init(id: defaultWorker.id, pin: "999999")) }
                #expect(first == .unauthenticated)
                _ = try await Self.signIn(client, defaultWorker)
                let again = await rpcCode { _ = try await Self.signIn(client, .init(id: defaultWorker.id, pin: "999999")) }
                #expect(again == .unauthenticated)
            }
        }
    }

    @Test("a session is bound to its kiosk")
    func sessionBoundToKiosk() async throws {
        try await LiveKioskHost.withEcho { host, kioskA in
            let kioskB = try await host.registerKiosk("kiosk-b")
            let token = try await host.withClient(kiosk: kioskA) { try await Self.signIn($0, defaultWorker).sessionToken }
            let error = await rpcError {
                try await host.withClient(kiosk: kioskB, interceptors: [SessionInterceptor(token: token)]) { client in
                    _ = try await Kiosk_Core_V1_Session.Client(wrapping: client).whoAmI(.init())
                }
            }
            #expect(error?.code == .unauthenticated)
            #expect(error?.message.contains("another kiosk") == true)
        }
    }

    @Test("an expired session and a deactivated worker's session are refused")
    func expiryAndDeactivation() async throws {
        try await LiveKioskHost.withEcho(configure: { $0.access.sessionLifetime = .seconds(1) }) { host, kiosk in
            let token = try await host.withClient(kiosk: kiosk) { try await Self.signIn($0, defaultWorker).sessionToken }
            try await Task.sleep(for: .milliseconds(1_100))
            let expired = await rpcError {
                try await host.withClient(kiosk: kiosk, interceptors: [SessionInterceptor(token: token)]) { client in
                    _ = try await Kiosk_Core_V1_Session.Client(wrapping: client).whoAmI(.init())
                }
            }
            #expect(expired?.message.contains("expired") == true)

            let fresh = try await host.withClient(kiosk: kiosk) { try await Self.signIn($0, defaultWorker).sessionToken }
            try await host.directory.deactivate(workerID: defaultWorker.id)
            let deactivated = await rpcCode {
                try await host.withClient(kiosk: kiosk, interceptors: [SessionInterceptor(token: fresh)]) { client in
                    _ = try await Kiosk_Core_V1_Session.Client(wrapping: client).whoAmI(.init())
                }
            }
            #expect(deactivated == .unauthenticated)
            let signIn = await rpcCode { try await host.withClient(kiosk: kiosk) { _ = try await Self.signIn($0, defaultWorker) } }
            #expect(signIn == .unauthenticated)
        }
    }

    @Test("malformed authorization metadata is refused", arguments: ["Basic abc", "Bearer", "token-without-scheme"])
    func malformedAuthorization(value: String) async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withClient(kiosk: kiosk) { client in
                let error = await rpcError {
                    _ = try await Kiosk_Core_V1_Session.Client(wrapping: client).whoAmI(.init(), metadata: ["authorization": .string(value)])
                }
                #expect(error?.code == .unauthenticated)
            }
        }
    }

    @Test(
        "workers are added only with a jurisdiction at their role's level",
        arguments: [
            (WorkerRole.villageDirector, "530102001", "village"),
            (.townshipSupervisor, "530102001001", "township"),
            (.countyOfficer, "5301020", "digits"),
            (.countyOfficer, "53010x", "digit"),
        ]
    )
    func workerValidation(role: WorkerRole, jurisdiction: String, expected: String) async throws {
        try await LiveKioskHost.with(plugins: []) { host in
            var message: String?
            do {
                try await host.directory.add(workerID: "w", displayName: "W", role: role, jurisdiction: jurisdiction, pin: "123456")
            } catch let error as AccessError {
                message = error.message
            }
            #expect(message?.contains(expected) == true, "\(message ?? "no error")")
            #expect(try await host.directory.list().isEmpty)
        }
    }

    @Test("PINs are stored only as slow salted hashes")
    func pinStorage() async throws {
        try await LiveKioskHost.with(plugins: []) { host in
            _ = try await host.addWorker("w1", pin: "135790")
            _ = try await host.addWorker("w2", pin: "135790")
            let rows = try await host.host.database.read { db in
                try Row.fetchAll(db, sql: "SELECT pin_digest, pin_salt, pin_rounds FROM core_worker ORDER BY worker_id")
                    .map { (digest: $0["pin_digest"] as Data, salt: $0["pin_salt"] as Data, rounds: $0["pin_rounds"] as Int) }
            }
            #expect(rows.count == 2)
            #expect(rows[0].digest != rows[1].digest, "the same PIN must hash differently for different salts")
            #expect(rows.allSatisfy { !$0.digest.contains(Data("135790".utf8)) && $0.salt.count == 16 })
            #expect(PINHasher().rounds == 210_000)
        }
    }
}
