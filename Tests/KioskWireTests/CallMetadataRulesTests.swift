import Foundation
import KioskProtos
import KioskWire
import Testing

@Suite("CallMetadataRules and grpc-timeout parsing")
struct CallMetadataRulesTests {
    static func entry(_ key: String, text: String? = nil, binary: [UInt8]? = nil) -> Kiosk_Wire_V1_MetadataEntry {
        var entry = Kiosk_Wire_V1_MetadataEntry()
        entry.key = key
        if let text { entry.text = text }
        if let binary { entry.binary = Data(binary) }
        return entry
    }

    @Test("grpc-timeout: 1 to 8 ASCII digits and one unit", arguments: [
        ("1n", Duration.nanoseconds(1)), ("1500m", .milliseconds(1500)), ("0S", .zero), ("99999999H", .seconds(Int64(99_999_999) * 3600)),
        ("7u", .microseconds(7)), ("2M", .seconds(120)), ("00000005S", .seconds(5)),
    ])
    func validTimeouts(_ text: String, _ expected: Duration) {
        #expect(GRPCTimeout.parse(text) == expected)
    }

    @Test("anything else is no timeout", arguments: ["", "S", "5", "-5S", "+5S", "5s", "5 S", " 5S", "123456789S", "٣S", "5SS", "0x5S", "5.0S"])
    func invalidTimeouts(_ text: String) {
        #expect(GRPCTimeout.parse(text) == nil)
    }

    @Test("well-formed metadata pass; the deadline is read from them")
    func accepted() {
        let entries = [Self.entry("grpc-timeout", text: "250m"), Self.entry("trace-bin", binary: [0, 0xFF]), Self.entry("x.y_z-1", text: "a b ~")]
        #expect(CallMetadataRules().refusal(for: entries) == nil)
        #expect(CallMetadataRules.timeout(in: entries) == .milliseconds(250))
        #expect(CallMetadataRules.timeout(in: []) == nil)
    }

    @Test("each broken rule is refused INVALID_ARGUMENT naming it", arguments: [
        ([entry("Key", text: "v")], "lower-case ASCII"),
        ([entry("", text: "v")], "empty key"),
        ([entry("key", binary: [1])], "'key' carries a binary value"),
        ([entry("key-bin", text: "v")], "'key-bin' ends in -bin"),
        ([entry("key", text: "\t")], "printable ASCII"),
        ([entry("grpc-timeout", text: "-1n")], "grpc-timeout must be"),
        ([entry("grpc-timeout")], "grpc-timeout has no value"),
        ([entry("grpc-timeout", text: "1S"), entry("grpc-timeout", text: "2S")], "appears 2 times"),
    ])
    func refused(_ entries: [Kiosk_Wire_V1_MetadataEntry], _ mention: String) {
        let refusal = CallMetadataRules().refusal(for: entries)
        #expect(refusal?.code == 3)
        #expect(refusal?.message.contains(mention) == true, "\(refusal?.message ?? "accepted")")
    }

    @Test("the entry and byte limits")
    func limits() {
        let rules = CallMetadataRules(maxEntries: 3, maxBytes: 20)
        #expect(rules.refusal(for: (0..<3).map { Self.entry("k\($0)", text: "v") }) == nil)
        #expect(rules.refusal(for: (0..<4).map { Self.entry("k\($0)", text: "v") })?.message == "4 metadata entries exceed the limit of 3 per call")
        #expect(rules.refusal(for: [Self.entry("key", text: String(repeating: "v", count: 18))])?.message.contains("20 bytes") == true)
    }

    @Test("a state machine refuses a call with bad metadata and keeps the connection")
    func stateMachineRefuses() {
        var machine = ServerConnectionStateMachine(limits: .init())
        _ = machine.receive(Frames.hello())
        _ = machine.handshakeSucceeded(protocolVersion: 1, serverAgent: "test")
        var frame = Frames.headers(1)
        frame.headers.metadata = [Self.entry("grpc-timeout", text: "-5S")]
        #expect(machine.receive(frame).refusal?.code == 3)
        #expect(machine.openCallCount == 0)
        #expect(machine.receive(Frames.ping(4)) == .reply(.pong(payload: 4)))
    }
}
