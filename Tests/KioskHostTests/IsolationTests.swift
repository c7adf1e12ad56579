import EchoPlugin
import Foundation
import GRDB
import GRPCCore
import KioskHost
import KioskProtos
import KioskStore
import KioskTesting
import KioskWire
import SwiftProtobuf
import Testing

@Suite("A fault in one connection never affects another")
struct IsolationTests {
    /// Every class of bad call input from issue 12, each refused on the bad connection.
    static func badCalls(_ bad: RawWireConnection, authorization: Kiosk_Wire_V1_MetadataEntry) -> [(String, (UInt32) async throws -> Kiosk_Wire_V1_Status?)] {
        let say = "/kiosk.testing.echo.v1.Echo/Say"
        let request = (try? sayRequest("bad").serializedData()) ?? Data()
        func metadata(_ entries: [Kiosk_Wire_V1_MetadataEntry]) -> (UInt32) async throws -> Kiosk_Wire_V1_Status? {
            { id in try await bad.say("bad", callID: id, metadata: [authorization] + entries) }
        }
        func frames(_ make: @escaping (UInt32) -> [Kiosk_Wire_V1_Frame]) -> (UInt32) async throws -> Kiosk_Wire_V1_Status? {
            { id in
                for frame in make(id) { try await bad.send(frame) }
                return try await bad.status(of: id).status
            }
        }
        return [
            ("negative grpc-timeout", metadata([textEntry("grpc-timeout", "-5S")])),
            ("binary authorization", metadata([binaryEntry("authorization", [0xFF])])),
            ("binary grpc-timeout", metadata([binaryEntry("grpc-timeout", [0x35, 0x53])])),
            ("5,000 entries", metadata((0..<5_000).map { textEntry("x-\($0)", "v") })),
            ("upper-case key", metadata([textEntry("GRPC-TIMEOUT", "1S")])),
            ("no request message", frames { [.headers(callID: $0, method: say, metadata: [authorization]), .endOfStream(callID: $0)] }),
            ("two request messages", frames { id in
                [.headers(callID: id, method: say, metadata: [authorization]), .message(callID: id, data: request),
                 .message(callID: id, data: request), .endOfStream(callID: id)]
            }),
            ("undecodable request", frames { id in
                [.headers(callID: id, method: say, metadata: [authorization]), .message(callID: id, data: Data([0x0A, 0xFF])), .endOfStream(callID: id)]
            }),
            ("unknown method", frames { [.headers(callID: $0, method: "/kiosk.x.v1.X/Y"), .message(callID: $0, data: Data()), .endOfStream(callID: $0)] }),
            ("malformed method path", frames { [.headers(callID: $0, method: "nonsense")] }),
            ("deadline while waiting", frames { [.headers(callID: $0, method: say, metadata: [authorization, textEntry("grpc-timeout", "100m")])] }),
            ("cancel", frames { id in [.headers(callID: id, method: say, metadata: [authorization]), .cancel(callID: id)] }),
        ]
    }

    @Test("every class of bad input on one connection, and connection-level faults; the other connection answers after each")
    func everyBadInput() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { good in
                let goodAuthorization = try await good.helloAndSignIn(kiosk)
                var goodID: UInt32 = 1
                func stillAnswers(after what: String) async throws {
                    goodID += 2
                    let status = try await good.say("good", callID: goodID, metadata: [goodAuthorization])
                    #expect(status?.code == 0, "the good connection after \(what)")
                }
                try await RawWireConnection.with(host) { bad in
                    let authorization = try await bad.helloAndSignIn(kiosk)
                    var id: UInt32 = 1
                    for (name, send) in Self.badCalls(bad, authorization: authorization) {
                        id += 2
                        let status = try await send(id)
                        #expect(status != nil && status?.code != 0, "\(name) is refused")
                        try await stillAnswers(after: name)
                    }
                    #expect(try await bad.roundTrip(), "call-level faults leave the bad connection open")
                }
                for input in ConnectionErrorTests.Input.allCases {
                    let error = try await RawWireConnection.with(host) { bad in
                        if input == .zeroLength || input == .garbage {
                            _ = try await bad.hello(kioskID: kiosk.id, credential: kiosk.credential)
                        }
                        try await ConnectionErrorTests.send(input, on: bad)
                        return try await bad.receive()
                    }
                    #expect(error?.kindName == "connection_error", "\(input)")
                    try await stillAnswers(after: "\(input)")
                }
            }
            let notes = try await host.host.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM echo_note") }
            #expect(notes == 12 + ConnectionErrorTests.Input.allCases.count, "only the good connection's calls wrote")
        }
    }
}
