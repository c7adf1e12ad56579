import EchoPlugin
import Foundation
import GRPCCore
import KioskProtos
import KioskTesting
import KioskWire
import SwiftProtobuf
import Testing

/// The answers docs/PROTOCOL.md §3, §7 and §10 give for inputs at the edges of the rules.
@Suite("The wire's edge cases get the answers PROTOCOL.md documents")
struct WireRulesTests {
    @Test("frames sent right behind the hello are handled after the welcome (§3)")
    func pipelinedAfterHello() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                var hello = Kiosk_Wire_V1_Frame()
                hello.hello.protocolVersions = [1]
                hello.hello.kioskID = kiosk.id
                hello.hello.credential = kiosk.credential
                try await raw.send(hello)
                try await raw.send(.ping(payload: 5))
                try await raw.send(.headers(callID: 1, method: "/kiosk.host.v1.Host/GetServerInfo"))
                try await raw.send(.message(callID: 1, data: Data()))
                try await raw.send(.endOfStream(callID: 1))
                #expect(try await raw.receive()?.kindName == "welcome")
                #expect(try await raw.receive()?.pong.payload == 5)
                #expect(try await raw.status(of: 1).status?.code == 0)
            }
        }
    }

    @Test("frames behind a refused hello are discarded with the connection (§3)")
    func pipelinedAfterRefusedHello() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                var hello = Kiosk_Wire_V1_Frame()
                hello.hello.protocolVersions = [1]
                hello.hello.kioskID = kiosk.id
                hello.hello.credential = "wrong"
                try await raw.send(hello)
                try await raw.send(.ping(payload: 5))
                #expect(try await raw.receive()?.connectionError.code == .unauthenticated)
                #expect(try await raw.receive() == nil)
            }
        }
    }

    @Test("a wrong version and a wrong credential together: the version is checked first (§3)")
    func versionBeforeCredential() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            let answer = try await RawWireConnection.with(host) { raw in
                try await raw.hello(kioskID: kiosk.id, credential: "wrong", versions: [2])
            }
            #expect(answer?.connectionError.code == .unsupportedVersion)
        }
    }

    @Test("a frame of a kind version 1 does not know is MALFORMED_FRAME naming its field (§10)")
    func unknownKind() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                _ = try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)
                // call_id 1, then field 13 (length-delimited, empty): a kind from a later version.
                try await raw.send(bytes: [0, 0, 0, 4, 0x08, 0x01, 0x6A, 0x00])
                let error = try await raw.receive()?.connectionError
                #expect(error?.code == .malformedFrame)
                #expect(error?.message == "frame has a kind unknown to protocol version 1 (field 13)")
            }
        }
    }

    @Test("a known kind with an unknown field inside is accepted: fields may be added in version 1 (§10)")
    func unknownFieldInsideAKind() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                _ = try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)
                // ping (field 9) holding payload 3 and an unknown field 7 = 1.
                try await raw.send(bytes: [0, 0, 0, 6, 0x4A, 0x04, 0x08, 0x03, 0x38, 0x01])
                #expect(try await raw.receive()?.pong.payload == 3)
            }
        }
    }

    @Test("an all-default Frame is zero bytes: FRAME_TOO_LARGE for the zero length; a call_id alone is MALFORMED_FRAME (§1)")
    func kindlessFrames() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            for (bytes, code) in [([UInt8]([0, 0, 0, 0]), Kiosk_Wire_V1_ConnectionError.Code.frameTooLarge), ([0, 0, 0, 2, 0x08, 0x01], .malformedFrame)] {
                let error = try await RawWireConnection.with(host) { raw in
                    _ = try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)
                    try await raw.send(bytes: bytes)
                    return try await raw.receive()?.connectionError
                }
                #expect(error?.code == code)
            }
        }
    }

    @Test("a second hello after the welcome is a PROTOCOL_VIOLATION (§7)")
    func secondHello() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                _ = try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)
                let again = try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)
                #expect(again?.connectionError.code == .protocolViolation)
                #expect(again?.connectionError.message == "a client may not send 'hello' here")
            }
        }
    }

    @Test("a ping with a non-zero call_id is answered with a pong on call_id 0 (§7)")
    func pingWithCallID() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                _ = try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)
                var ping = Kiosk_Wire_V1_Frame.ping(payload: 8)
                ping.callID = 6
                try await raw.send(ping)
                let pong = try await raw.receive()
                #expect(pong?.pong.payload == 8)
                #expect(pong?.callID == 0)
            }
        }
    }

    @Test("even call_ids are accepted: odd ones are a convention the server does not check (§4)")
    func evenCallIDs() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                _ = try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)
                try await raw.sendUnaryRequest(callID: 2, method: "/kiosk.host.v1.Host/GetServerInfo", request: Data())
                #expect(try await raw.status(of: 2).status?.code == 0)
            }
        }
    }
}
