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

/// A metadata entry with a text value.
func textEntry(_ key: String, _ text: String) -> Kiosk_Wire_V1_MetadataEntry {
    var entry = Kiosk_Wire_V1_MetadataEntry()
    entry.key = key
    entry.text = text
    return entry
}

/// A metadata entry with a binary value.
func binaryEntry(_ key: String, _ bytes: [UInt8]) -> Kiosk_Wire_V1_MetadataEntry {
    var entry = Kiosk_Wire_V1_MetadataEntry()
    entry.key = key
    entry.binary = Data(bytes)
    return entry
}

extension RawWireConnection {
    /// Reads frames until the status of `callID`; the frame kinds seen for that call come with it.
    func status(of callID: UInt32) async throws -> (status: Kiosk_Wire_V1_Status?, kinds: [String]) {
        var kinds: [String] = []
        while let frame = try await self.receive() {
            guard frame.callID == callID else { continue }
            kinds.append(frame.kindName)
            if case .status(let status) = frame.kind { return (status, kinds) }
        }
        return (nil, kinds)
    }

    /// Says `text` on `callID` with `metadata` and returns the call's status.
    func say(_ text: String, callID: UInt32, metadata: [Kiosk_Wire_V1_MetadataEntry]) async throws -> Kiosk_Wire_V1_Status? {
        try await self.sendUnaryRequest(
            callID: callID,
            method: "/kiosk.testing.echo.v1.Echo/Say",
            request: try sayRequest(text).serializedData(),
            metadata: metadata
        )
        return try await self.status(of: callID).status
    }
}

let invalidArgument = UInt32(RPCError.Code.invalidArgument.rawValue)

@Suite("Bad call input is refused with a precise status; the connection and the server carry on")
struct CallInputTests {
    @Test(
        "a grpc-timeout that is not 1 to 8 digits and a unit is refused INVALID_ARGUMENT naming the header",
        arguments: ["-5S", "-1n", "+5S", "5", "S", "123456789S", "5s", "5 S", "٣S", "", "0x5S", "5S "]
    )
    func malformedTimeout(_ value: String) async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                let status = try await raw.say("x", callID: 3, metadata: [authorization, textEntry("grpc-timeout", value)])
                #expect(status?.code == invalidArgument)
                #expect(status?.message.contains("grpc-timeout") == true)
                // The connection is kept, and the server still answers on it.
                #expect(try await raw.say("after", callID: 5, metadata: [authorization])?.code == 0)
            }
            let notes = try await host.host.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM echo_note") }
            #expect(notes == 1)
        }
    }

    @Test("the largest grpc-timeout (8 digits) is accepted")
    func largestTimeout() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                let status = try await raw.say("x", callID: 3, metadata: [authorization, textEntry("grpc-timeout", "99999999H")])
                #expect(status?.code == 0)
            }
        }
    }

    enum BadMetadata: String, CaseIterable, Sendable {
        case binaryAuthorization, binaryTimeout, textUnderBin, upperCaseKey, upperCaseTimeoutKey, emptyKey, spaceInKey
        case controlCharacterValue, nonASCIIValue, twoTimeouts, tooManyEntries, fiveThousandEntries, tooManyBytes

        var entries: [Kiosk_Wire_V1_MetadataEntry] {
            switch self {
            case .binaryAuthorization: [binaryEntry("authorization", [0xFF, 0x00])]
            case .binaryTimeout: [binaryEntry("grpc-timeout", Array("5S".utf8))]
            case .textUnderBin: [textEntry("trace-bin", "abc")]
            case .upperCaseKey: [textEntry("Authorization", "Bearer x")]
            case .upperCaseTimeoutKey: [textEntry("GRPC-TIMEOUT", "-5S")]
            case .emptyKey: [textEntry("", "x")]
            case .spaceInKey: [textEntry("my key", "x")]
            case .controlCharacterValue: [textEntry("x-note", "a\u{0}b")]
            case .nonASCIIValue: [textEntry("x-note", "李小红")]
            case .twoTimeouts: [textEntry("grpc-timeout", "5S"), textEntry("grpc-timeout", "1S")]
            case .tooManyEntries: (0..<65).map { textEntry("x-\($0)", "v") }
            case .fiveThousandEntries: (0..<5_000).map { textEntry("x-\($0)", "v") }
            case .tooManyBytes: [textEntry("x-big", String(repeating: "v", count: 9_000))]
            }
        }

        /// What the refusal must mention.
        var mentions: String {
            switch self {
            case .binaryAuthorization: "'authorization' carries a binary value"
            case .binaryTimeout: "'grpc-timeout' carries a binary value"
            case .textUnderBin: "'trace-bin' ends in -bin"
            case .upperCaseKey, .upperCaseTimeoutKey, .spaceInKey: "lower-case ASCII"
            case .emptyKey: "empty key"
            case .controlCharacterValue, .nonASCIIValue: "printable ASCII"
            case .twoTimeouts: "grpc-timeout appears 2 times"
            case .tooManyEntries: "66 metadata entries exceed the limit of 64"
            case .fiveThousandEntries: "5001 metadata entries exceed the limit of 64"
            case .tooManyBytes: "limit of 8192 bytes"
            }
        }
    }

    @Test("metadata that break §2's rules or the limits are refused INVALID_ARGUMENT; nothing runs", arguments: BadMetadata.allCases)
    func badMetadata(_ bad: BadMetadata) async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                let status = try await raw.say("x", callID: 3, metadata: [authorization] + bad.entries)
                #expect(status?.code == invalidArgument)
                #expect(status?.message.contains(bad.mentions) == true, "\(status?.message ?? "no status")")
                #expect(try await raw.say("after", callID: 5, metadata: [authorization])?.code == 0)
            }
            let notes = try await host.host.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM echo_note") }
            #expect(notes == 1)
        }
    }

    @Test("64 entries, binary values under -bin keys and an entry with no value set are accepted")
    func acceptedMetadata() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                var unset = Kiosk_Wire_V1_MetadataEntry()
                unset.key = "x-unset"
                let entries = [authorization, binaryEntry("trace-bin", [0, 1, 0xFF]), unset]
                    + (0..<61).map { textEntry("x-\($0)", "value \($0) ~!") }
                #expect(entries.count == 64)
                #expect(try await raw.say("x", callID: 3, metadata: entries)?.code == 0)
            }
        }
    }

    @Test("a unary call with no request message is refused INVALID_ARGUMENT naming the rule")
    func noRequestMessage() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                try await raw.send(.headers(callID: 3, method: "/kiosk.testing.echo.v1.Echo/Say", metadata: [authorization]))
                try await raw.send(.endOfStream(callID: 3))
                let status = try await raw.status(of: 3).status
                #expect(status?.code == invalidArgument)
                #expect(status?.message == "a call carries exactly one request message; end_of_stream came before it")
                #expect(try await raw.roundTrip())
            }
        }
    }

    @Test("a unary or server-streaming call with two request messages is refused INVALID_ARGUMENT; nothing runs",
          arguments: ["/kiosk.testing.echo.v1.Echo/Say", "/kiosk.testing.echo.v1.Echo/ListNotes"])
    func twoRequestMessages(_ method: String) async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                try await raw.send(.headers(callID: 3, method: method, metadata: [authorization]))
                try await raw.send(.message(callID: 3, data: try sayRequest("one").serializedData()))
                try await raw.send(.message(callID: 3, data: try sayRequest("two").serializedData()))
                try await raw.send(.endOfStream(callID: 3))
                let (status, kinds) = try await raw.status(of: 3)
                #expect(kinds == ["status"])
                #expect(status?.code == invalidArgument)
                #expect(status?.message == "a call carries exactly one request message; this call sent a second")
                #expect(try await raw.roundTrip())
            }
            let notes = try await host.host.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM echo_note") }
            #expect(notes == 0)
        }
    }

    @Test("a method path over 256 bytes is refused INVALID_ARGUMENT without being echoed")
    func longMethodPath() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                _ = try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)
                let method = "/kiosk.x.v1.S/" + String(repeating: "M", count: 300)
                try await raw.send(.headers(callID: 1, method: method))
                let status = try await raw.status(of: 1).status
                #expect(status?.code == invalidArgument)
                #expect(status?.message == "method path is longer than 256 bytes")
                #expect(try await raw.roundTrip())
            }
        }
    }
}
