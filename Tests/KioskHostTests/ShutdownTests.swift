import EchoPlugin
import Foundation
import GRDB
import GRPCCore
import KioskHost
import KioskProtos
import KioskStore
import KioskTesting
import KioskTransport
import KioskWire
import SwiftProtobuf
import Testing

@Suite("Graceful shutdown")
struct ShutdownTests {

    @Test("calls in flight finish and are stored; the kiosk is told to go away; new connections are refused")
    func inFlightCallsFinish() async throws {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: path) }
        try await LiveKioskHost.withEcho(databasePath: path) { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                try await raw.sendUnaryRequest(
                    callID: 3,
                    method: "/kiosk.testing.echo.v1.Echo/Say",
                    request: try sayRequest("in flight", delayMs: 400).serializedData(),
                    metadata: [authorization]
                )

                #expect(try await raw.roundTrip())
                await host.beginShutdown()

                var frames: [Kiosk_Wire_V1_Frame] = []
                while let frame = try await raw.receive() { frames.append(frame) }
                let kinds = frames.map(\.kindName)
                #expect(kinds.first == "go_away")
                #expect(frames.first?.goAway.lastCallID == 3)
                #expect(kinds.suffix(3) == ["headers", "message", "status"])
                #expect(frames.last?.status.code == 0)
                let response = try Kiosk_Testing_Echo_V1_SayResponse(serializedBytes: frames[frames.count - 2].message.data)
                #expect(response.text == "in flight")
            }
            let refused = await rpcCode {
                try await host.withClient(kiosk: kiosk) { client in
                    _ = try await Kiosk_Host_V1_Host.Client(wrapping: client).getServerInfo(.init())
                }
            }
            #expect(refused == .unavailable)
        }
        let database = try KioskDatabase(configuration: StoreConfiguration(path: path))
        defer { try? database.close() }
        let stored = try await database.read { db in try String.fetchOne(db, sql: "SELECT text FROM echo_note") }
        #expect(stored == "in flight")
    }

    @Test("a call opened after go-away is refused UNAVAILABLE while earlier calls finish")
    func callAfterGoAway() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                try await raw.send(.headers(callID: 3, method: "/kiosk.testing.echo.v1.Echo/Say", metadata: [authorization]))
                #expect(try await raw.roundTrip())  // the server has opened call 1 before shutdown begins
                await host.beginShutdown()
                let goAway = try await raw.receive()
                #expect(goAway?.kindName == "go_away")
                try await raw.send(.headers(callID: 5, method: "/kiosk.host.v1.Host/GetServerInfo"))
                let refusal = try await raw.receive()
                #expect(refusal?.callID == 5)
                #expect(refusal?.status.code == UInt32(RPCError.Code.unavailable.rawValue))
                try await raw.send(.message(callID: 3, data: try sayRequest("last").serializedData()))
                try await raw.send(.endOfStream(callID: 3))
                var frames: [Kiosk_Wire_V1_Frame] = []
                while let frame = try await raw.receive() { frames.append(frame) }
                #expect(frames.last?.callID == 3)
                #expect(frames.last?.status.code == 0)
            }
        }
    }
}
