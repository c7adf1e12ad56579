import EchoPlugin
import GRDB
import GRPCCore
import KioskHost
import KioskProtos
import KioskTesting
import KioskTransport
import Foundation
import GRDB
import KioskStore
import KioskWire
import SwiftProtobuf
import Testing

@Suite("Idempotency keys: resends land once")
struct IdempotencyTests {
    static func say(_ echo: Kiosk_Testing_Echo_V1_Echo.Client<KioskClientTransport>, _ text: String, key: String) async throws
        -> Kiosk_Testing_Echo_V1_SayResponse
    {
        try await echo.say(sayRequest(text), metadata: ["idempotency-key": .string(key)])
    }

    static func noteCount(_ host: LiveKioskHost) async throws -> Int {
        try await host.host.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM echo_note") ?? -1 }
    }

    @Test("a resend with the same key returns the original response and writes nothing")
    func resend() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                let first = try await Self.say(echo, "hello", key: "k-1")
                let again = try await Self.say(echo, "hello", key: "k-1")
                #expect(again == first)
                let notes = try await Self.noteCount(host)
                #expect(notes == 1)
            }
        }
    }

    @Test("concurrent resends on several connections land exactly once")
    func concurrentResends() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            let ids = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await host.withWorkerClient(kiosk: kiosk) { client in
                            let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                            return try await withThrowingTaskGroup(of: Int64.self) { calls in
                                for _ in 0..<10 {
                                    calls.addTask { try await Self.say(echo, "once", key: "same-key").noteID }
                                }
                                return try await calls.reduce(into: []) { $0.append($1) }
                            }
                        }
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(ids.count == 40)
            #expect(Set(ids).count == 1)
            let notes = try await Self.noteCount(host)
            #expect(notes == 1)
        }
    }

    @Test("the same key with a different request is refused and changes nothing")
    func keyReuse() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                _ = try await Self.say(echo, "first", key: "k-2")
                let error = await rpcError { _ = try await Self.say(echo, "second", key: "k-2") }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains("already used with a different request") == true)
                let notes = try await Self.noteCount(host)
                #expect(notes == 1)
            }
        }
    }

    @Test("keys are per kiosk: another kiosk's identical key is a new request")
    func perKiosk() async throws {
        try await LiveKioskHost.withEcho { host, kioskA in
            let kioskB = try await host.registerKiosk("kiosk-b")
            let a = try await host.withWorkerClient(kiosk: kioskA) { try await Self.say(.init(wrapping: $0), "x", key: "shared") }
            let b = try await host.withWorkerClient(kiosk: kioskB) { try await Self.say(.init(wrapping: $0), "x", key: "shared") }
            #expect(a.noteID != b.noteID)
            let notes = try await Self.noteCount(host)
            #expect(notes == 2)
        }
    }

    @Test("a failed call records nothing, so its resend runs again", arguments: ["", "ok"])
    func failureNotRecorded(text: String) async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                let code = await rpcCode { _ = try await Self.say(echo, "", key: "k-3") }
                #expect(code == .invalidArgument)
                if !text.isEmpty {
                    // The same key may then carry the corrected request... but only as the same request:
                    // the failed attempt left no record, so the digest check does not apply.
                    let response = try await Self.say(echo, text, key: "k-3")
                    #expect(response.text == text)
                }
                let notes = try await Self.noteCount(host)
                #expect(notes == (text.isEmpty ? 0 : 1))
            }
        }
    }

    @Test("malformed keys are refused with INVALID_ARGUMENT", arguments: [String(repeating: "k", count: 129), "has space", "ключ"])
    func malformedKey(key: String) async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let error = await rpcError { _ = try await Self.say(.init(wrapping: client), "x", key: key) }
                #expect(error?.code == .invalidArgument)
                let notes = try await Self.noteCount(host)
                #expect(notes == 0)
            }
        }
    }

    @Test("a kiosk that vanishes mid-call does not block its resend, which lands once")
    func resendAfterDisconnect() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                var key = Kiosk_Wire_V1_MetadataEntry()
                key.key = "idempotency-key"
                key.text = "k-vanish"
                try await raw.send(.headers(callID: 3, method: "/kiosk.testing.echo.v1.Echo/Say", metadata: [key, authorization]))
                try await raw.send(.message(callID: 3, data: try sayRequest("lost answer", delayMs: 300).serializedData()))
                try await raw.send(.endOfStream(callID: 3))
                #expect(try await raw.roundTrip())
            }
            // The connection closed before the answer, so the server cancelled the call. The resend must
            // not wait on the abandoned call's key, and exactly one note may exist afterwards.
            var options = CallOptions.defaults
            options.timeout = .seconds(10)
            let resent = try await host.withWorkerClient(kiosk: kiosk) { client in
                try await Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client).say(
                    sayRequest("lost answer", delayMs: 300),
                    metadata: ["idempotency-key": "k-vanish"],
                    options: options
                )
            }
            #expect(resent.text == "lost answer")
            let notes = try await Self.noteCount(host)
            #expect(notes == 1)
        }
    }

    @Test("a resend after a server restart returns the original response")
    func acrossRestart() async throws {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: path) }
        let (kiosk, first) = try await LiveKioskHost.withEcho(databasePath: path) { host, kiosk in
            let response = try await host.withWorkerClient(kiosk: kiosk) { try await Self.say(.init(wrapping: $0), "durable", key: "k-restart") }
            return (kiosk, response)
        }
        try await LiveKioskHost.with(plugins: [EchoPlugin.self], databasePath: path) { host in
            let again = try await host.withWorkerClient(kiosk: kiosk) { try await Self.say(.init(wrapping: $0), "durable", key: "k-restart") }
            #expect(again == first)
            let notes = try await Self.noteCount(host)
            #expect(notes == 1)
        }
    }
}
