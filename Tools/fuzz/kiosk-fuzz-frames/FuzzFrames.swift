import Foundation
import GRPCCore
import KioskHarness
import KioskProtos
import KioskTransport
import KioskWire
import NIOCore

/// libFuzzer target: bytes a kiosk sends → frame decoder → server connection state machine.
///
/// The first input byte steers the simulated side of the exchange (does the handshake succeed, when
/// does the server start draining, do open calls end); the rest is the byte stream. Besides "never
/// trap", each input checks the machine's promises: no more open calls than the limit, nothing after
/// a fatal error, a call only opens with metadata that pass `CallMetadataRules` and convert to
/// GRPCCore's `Metadata` without an assertion.
enum FuzzFrames {
    static let limits = ServerConnectionStateMachine.Limits(maxFrameBytes: 65_536, maxConcurrentCalls: 4)

    static func run(_ input: [UInt8]) {
        guard let steering = input.first else { return }
        var buffer = ByteBuffer(bytes: input.dropFirst())
        let decoder = FrameDecoder(maxFrameBytes: Self.limits.maxFrameBytes)
        var machine = ServerConnectionStateMachine(limits: Self.limits)
        var frames = 0
        var failed = false
        while true {
            let frame: Kiosk_Wire_V1_Frame?
            do {
                frame = try decoder.decodeFrame(from: &buffer)
            } catch {
                guard error is WireError else { fatalError("the decoder threw a \(type(of: error)), not a WireError") }
                return
            }
            guard let frame else { return }
            frames += 1
            if steering & 0x04 != 0, frames == Int(steering >> 4) { _ = machine.beginDraining(reason: "fuzz") }
            let action = machine.receive(frame)
            if failed, action != .none { fatalError("the machine acted after a fatal error: \(action)") }
            failed = failed || Self.apply(action, to: &machine, steering: steering)
            precondition(machine.openCallCount <= Self.limits.maxConcurrentCalls, "more open calls than the limit")
        }
    }

    /// Plays the connection's part for `action`; returns true when the connection would now be closed.
    static func apply(_ action: ServerConnectionStateMachine.ReceiveAction, to machine: inout ServerConnectionStateMachine, steering: UInt8) -> Bool {
        switch action {
        case .authenticate(_, _, let version):
            if steering & 0x01 != 0 { _ = machine.handshakeFailed(message: "refused"); return true }
            precondition(machine.handshakeSucceeded(protocolVersion: version, serverAgent: "fuzz") != nil)
        case .openCall(let id, let headers):
            precondition(machine.limits.metadata.refusal(for: headers.metadata) == nil, "a call opened with bad metadata")
            precondition(ServerConnectionStateMachine.isValidMethodPath(headers.method))
            let metadata = Metadata(wireEntries: headers.metadata)
            let timeouts = headers.metadata.filter { $0.key == GRPCTimeout.key }
            precondition((CallMetadataRules.timeout(in: headers.metadata) != nil) == !timeouts.isEmpty)
            precondition(metadata.count == headers.metadata.count, "an accepted entry was lost converting to Metadata")
            if steering & 0x02 != 0 { _ = machine.callFinished(id: id) }
        case .fail, .close:
            return true
        case .deliverMessage, .finishRequests, .cancelCall, .refuseCall, .reply, .none:
            break
        }
        return false
    }

    /// Seeds: for every scenario, the byte stream its steps would send (hello first).
    static func seeds(schema: ProtoSchema, scenarios: [Scenario]) -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for scenario in scenarios {
            var stream: [UInt8] = [0x00] + Self.encode(SeedFrames.hello)
            var callID: UInt32 = 1
            for step in scenario.steps {
                switch step.action {
                case .call(let method, let request, _, _):
                    let bytes = SeedFrames.request(schema: schema, method: method, text: request)
                    for frame in SeedFrames.call(callID, method: method, request: bytes) { stream += Self.encode(frame) }
                    callID += 2
                case .raw(let hello, let sends):
                    var raw: [UInt8] = [0x00] + (hello ? Self.encode(SeedFrames.hello) : [])
                    for send in sends {
                        switch send {
                        case .bytes(let bytes): raw += bytes
                        case .frame(let text): raw += (try? schema.encode(SeedFrames.substituted(text), type: "kiosk.wire.v1.Frame")).map(Self.prefixed) ?? []
                        case .closeOutput: break
                        }
                    }
                    seeds.append(raw)
                }
            }
            seeds.append(stream)
        }
        return seeds
    }

    static func encode(_ frame: Kiosk_Wire_V1_Frame) -> [UInt8] {
        var buffer = ByteBuffer()
        try! FrameEncoder.encode(frame, into: &buffer)
        return Array(buffer: buffer)
    }

    static func prefixed(_ body: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: UInt32(body.count).bigEndian, Array.init) + body
    }
}
