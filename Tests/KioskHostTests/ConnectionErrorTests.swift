import EchoPlugin
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

@Suite("Bad input on the wire closes that connection alone, with a precise error")
struct ConnectionErrorTests {
    enum Input: String, CaseIterable, Sendable {
        case oversizedLength, zeroLength, garbage, frameBeforeHello, truncated, headersBeforeWelcome, helloWithCallID
    }

    static func expectedCode(_ input: Input) -> Kiosk_Wire_V1_ConnectionError.Code {
        switch input {
        case .oversizedLength, .zeroLength: .frameTooLarge
        case .garbage: .malformedFrame
        case .frameBeforeHello, .helloWithCallID, .headersBeforeWelcome: .protocolViolation
        case .truncated: .truncatedFrame
        }
    }

    static func send(_ input: Input, on raw: RawWireConnection) async throws {
        switch input {
        case .oversizedLength:
            try await raw.send(bytes: [0x00, 0x40, 0x00, 0x01])  // 4 MiB + 1, and no body at all
        case .zeroLength:
            try await raw.send(bytes: [0, 0, 0, 0])
        case .garbage:
            try await raw.send(bytes: [0, 0, 0, 6, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        case .frameBeforeHello:
            try await raw.send(.ping(payload: 0))
        case .truncated:
            try await raw.send(bytes: [0, 0, 0, 50, 0x08, 0x01])
            try await raw.closeOutput()
        case .headersBeforeWelcome:
            try await raw.send(.headers(callID: 1, method: "/kiosk.host.v1.Host/GetServerInfo"))
        case .helloWithCallID:
            var frame = Kiosk_Wire_V1_Frame()
            frame.callID = 3
            frame.hello.kioskID = "x"
            frame.hello.credential = "y"
            frame.hello.protocolVersions = [1]
            try await raw.send(frame)
        }
    }

    @Test("bad input gets a connection error, then close; another kiosk's connection carries on", arguments: Input.allCases)
    func badInput(_ input: Input) async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                _ = try await echo.say(sayRequest("before"))
                let (error, afterError) = try await RawWireConnection.with(host) { raw in
                    try await Self.send(input, on: raw)
                    return (try await raw.receive(), try await raw.receive())
                }
                guard case .connectionError(let connectionError) = error?.kind else {
                    Issue.record("expected a connection error, got \(String(describing: error))")
                    return
                }
                #expect(connectionError.code == Self.expectedCode(input))
                #expect(!connectionError.message.isEmpty)
                #expect(afterError == nil, "the server closes the connection after the error")
                let after = try await echo.say(sayRequest("after"))
                #expect(after.text == "after")
            }
            let notes = try await host.host.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM echo_note") }
            #expect(notes == 2)
        }
    }

    @Test("a request that is not the method's message type ends that call INVALID_ARGUMENT; the connection stays")
    func undecodableRequest() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                // Field 1 of the request claims 255 bytes and has 1.
                try await raw.sendUnaryRequest(
                    callID: 3,
                    method: "/kiosk.testing.echo.v1.Echo/Say",
                    request: Data([0x0A, 0xFF, 0x01]),
                    metadata: [authorization]
                )
                var status: Kiosk_Wire_V1_Status?
                while let frame = try await raw.receive() {
                    if case .status(let received) = frame.kind {
                        status = received
                        break
                    }
                }
                #expect(status?.code == UInt32(RPCError.Code.invalidArgument.rawValue))
                #expect(status?.message == "the request does not parse as kiosk.testing.echo.v1.SayRequest: it ends inside a field")
                #expect(try await raw.roundTrip(payload: 9))
            }
            let notes = try await host.host.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM echo_note") }
            #expect(notes == 0)
        }
    }

    @Test("a wrong credential is refused UNAUTHENTICATED")
    func wrongCredential() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            let impostor = LiveKioskHost.Kiosk(id: kiosk.id, credential: "not-the-credential")
            let error = await rpcError {
                try await host.withClient(kiosk: impostor) { client in
                    _ = try await Kiosk_Host_V1_Host.Client(wrapping: client).getServerInfo(.init())
                }
            }
            #expect(error?.code == .unauthenticated)
            #expect(error?.message.contains("unknown kiosk or wrong credential") == true)
        }
    }

    @Test("an unknown kiosk and a revoked kiosk are refused at the handshake")
    func unknownAndRevoked() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await KioskRegistry(database: host.host.database).revoke(kioskID: kiosk.id, at: .now)
            let answers = try await [kiosk, LiveKioskHost.Kiosk(id: "nobody", credential: "x")].asyncMap { who in
                try await RawWireConnection.with(host) { raw in try await raw.hello(kioskID: who.id, credential: who.credential) }
            }
            #expect(answers[0]?.connectionError.code == .unauthenticated)
            #expect(answers[0]?.connectionError.message.contains("revoked") == true)
            #expect(answers[1]?.connectionError.code == .unauthenticated)
        }
    }

    @Test("a hello with no common protocol version is refused UNSUPPORTED_VERSION")
    func unsupportedVersion() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            let answer = try await RawWireConnection.with(host) { raw in
                try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential, versions: [7, 9])
            }
            #expect(answer?.connectionError.code == .unsupportedVersion)
        }
    }

    @Test("a silent connection is closed after the handshake timeout")
    func handshakeTimeout() async throws {
        // Plaintext: over TLS a 200 ms timeout can end a slow TLS handshake on a busy machine before
        // there is a channel to send the TIMEOUT frame on (that case: TLSRefusalTests' stalled handshake).
        try await LiveKioskHost.withEcho(security: .plaintext, configure: { $0.handshakeTimeout = .milliseconds(200) }) { host, _ in
            let answer = try await RawWireConnection.with(host) { raw in try await raw.receive() }
            #expect(answer?.connectionError.code == .timeout)
        }
    }

    @Test("an idle connection is closed with TIMEOUT, but not while a call is open")
    func idleTimeout() async throws {
        // Long enough that a loaded machine does not close the connection between sign-in and the call.
        try await LiveKioskHost.withEcho(configure: { $0.idleTimeout = .milliseconds(1_500) }) { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                // A call that outlasts the idle timeout keeps the connection open...
                try await raw.sendUnaryRequest(
                    callID: 3,
                    method: "/kiosk.testing.echo.v1.Echo/Say",
                    request: try sayRequest("slow", delayMs: 3_000).serializedData(),
                    metadata: [authorization]
                )
                var kinds: [String] = []
                while let frame = try await raw.receive() {
                    kinds.append(frame.kindName)
                    if frame.kindName == "status" { break }
                }
                #expect(kinds == ["headers", "message", "status"])
                // ...and once it has ended, silence closes it.
                let closing = try await raw.receive()
                #expect(closing?.connectionError.code == .timeout)
                #expect(try await raw.receive() == nil)
            }
        }
    }

    @Test("the welcome announces the server's limits")
    func welcomeLimits() async throws {
        try await LiveKioskHost.withEcho(configure: {
            $0.maxFrameBytes = 65_536
            $0.maxConcurrentCallsPerConnection = 5
            $0.idleTimeout = .seconds(42)
        }) { host, kiosk in
            let welcome = try await RawWireConnection.with(host) { raw in
                try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)?.welcome
            }
            #expect(welcome?.protocolVersion == 1)
            #expect(welcome?.maxFrameBytes == 65_536)
            #expect(welcome?.maxConcurrentCalls == 5)
            #expect(welcome?.idleTimeoutSeconds == 42)
        }
    }

    @Test("a connection over the limit is refused OVERLOADED (plaintext; on a TLS port it is closed before the handshake)")
    func connectionLimit() async throws {
        try await LiveKioskHost.withEcho(security: .plaintext, configure: { $0.maxConnections = 1 }) { host, kiosk in
            try await RawWireConnection.with(host) { first in
                let welcome = try await first.hello(kioskID: kiosk.id, credential: kiosk.credential)
                #expect(welcome?.kindName == "welcome")
                #expect(welcome?.welcome.maxFrameBytes == UInt32(4 * 1024 * 1024))
                let second = try await RawWireConnection.with(host) { raw in try await raw.receive() }
                #expect(second?.connectionError.code == .overloaded)
            }
        }
    }

    @Test("more concurrent calls than allowed are refused RESOURCE_EXHAUSTED, the connection stays")
    func callLimit() async throws {
        try await LiveKioskHost.withEcho(configure: { $0.maxConcurrentCallsPerConnection = 1 }) { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                _ = try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)
                // A unary call stays open until its request arrives; this one needs no session.
                for callID: UInt32 in [1, 3] {
                    try await raw.send(.headers(callID: callID, method: "/kiosk.host.v1.Host/GetServerInfo"))
                }
                let refusal = try await raw.receive()
                #expect(refusal?.callID == 3)
                #expect(refusal?.status.code == UInt32(RPCError.Code.resourceExhausted.rawValue))
                #expect(try await raw.roundTrip(payload: 42))
            }
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
